import Taro from '@tarojs/taro'

const pathOf = (route: string) => route.replace(/^\//, '').replace(/\?.*$/, '')
const queryOf = (url: string) => new URLSearchParams(url.includes('?') ? url.slice(url.indexOf('?') + 1) : '')

/**
 * Leaves a form page for the page it serves: back to the page below when it is that page (same route and id; it
 * follows the order cache, so it shows the change without asking again), or opened in place of this one.
 */
export function returnTo(url: string): Promise<unknown> {
  const below = pageBelow()
  const id = queryOf(url).get('id')
  if (below?.route && pathOf(below.route) === pathOf(url) && (below.options?.id ?? below.$taroParams?.id ?? null) === id) return Taro.navigateBack()
  return Taro.redirectTo({ url })
}

/** A page of the stack: the mini-program keeps its query in `options`, Taro's H5 router in `$taroParams`. */
type StackPage = { route?: string; options?: Record<string, string>; $taroParams?: Record<string, string> }

/** The page under this one, or undefined when there is none (or no page stack to read, as outside a running app). */
function pageBelow(): StackPage | undefined {
  try {
    const pages = Taro.getCurrentPages() as StackPage[]
    return pages[pages.length - 2]
  } catch {
    return undefined
  }
}
