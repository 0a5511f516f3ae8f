/** Small helpers over @tarojs/test-utils-react: find by visible text, click, wait, fire page lifecycles. */
import { act, fireEvent } from '@tarojs/test-utils-react/dist/pure'
import { getPageInstance } from '@tarojs/runtime'

/** Page-level hooks of a page mounted outside the router register under the app's hook id. */
const HOOKS_ID = 'taro-app'

export function screenText(): string {
  return document.body.textContent ?? ''
}

/** Let pending promises and the React updates they cause settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
}

export async function waitForText(text: string, timeoutMs = 2000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!screenText().includes(text)) {
    if (Date.now() > until) throw new Error(`"${text}" never appeared; the screen reads: ${screenText()}`)
    await settle()
  }
}

/** The innermost element that reads exactly `text` (or, failing that, contains it). */
export function getByText(text: string): Element {
  const all = Array.from(document.body.querySelectorAll('*')).filter((el) => el.textContent?.includes(text))
  const innermost = all.filter((el) => !all.some((other) => other !== el && el.contains(other)))
  const exact = innermost.find((el) => el.textContent?.trim() === text)
  if (exact) return exact
  if (innermost.length === 0) throw new Error(`no element reads "${text}"; the screen reads: ${screenText()}`)
  return innermost[0]
}

export async function clickText(text: string): Promise<void> {
  const el = getByText(text)
  await act(async () => {
    fireEvent(el, new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
  await settle()
}

/** Fire the page's onShow (useDidShow) as Taro does when the page comes to the front. */
export async function showPage(): Promise<void> {
  const inst = getPageInstance(HOOKS_ID) as unknown as { componentDidShow?: (() => void) | Array<() => void> } | undefined
  const handlers = ([] as Array<() => void>).concat(inst?.componentDidShow ?? [])
  if (handlers.length === 0) throw new Error('the page registered no useDidShow handler')
  await act(async () => {
    handlers.forEach((fn) => fn())
  })
  await settle()
}
