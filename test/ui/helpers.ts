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

export async function waitForText(text: string, timeoutMs = 5000): Promise<void> {
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

/** Fire a page-level hook's handlers (onShow, onPullDownRefresh …) as Taro does. */
async function firePageHook(name: string): Promise<void> {
  const inst = getPageInstance(HOOKS_ID) as unknown as Record<string, (() => void) | Array<() => void> | undefined> | undefined
  const handlers = ([] as Array<() => void>).concat(inst?.[name] ?? [])
  if (handlers.length === 0) throw new Error(`the page registered no ${name} handler`)
  await act(async () => {
    handlers.forEach((fn) => fn())
  })
  await settle()
}

/** 下拉刷新, as a person pulls the page down (usePullDownRefresh). */
export const pullDown = () => firePageHook('onPullDownRefresh')

/** Fire the page's onShow (useDidShow) as Taro does when the page comes to the front. */
export const showPage = () => firePageHook('componentDidShow')

/**
 * The native field inside the Taro Input or Textarea whose placeholder contains `placeholder`. Taro's web components
 * render it a moment after the page (longer on a busy machine), so this waits for it.
 */
export async function findField(placeholder: string, timeoutMs = 5000): Promise<HTMLInputElement | HTMLTextAreaElement> {
  const find = () =>
    (Array.from(document.body.querySelectorAll('input, textarea')) as Array<HTMLInputElement | HTMLTextAreaElement>).find((f) =>
      f.getAttribute('placeholder')?.includes(placeholder),
    )
  const until = Date.now() + timeoutMs
  let field = find()
  while (!field && Date.now() < until) {
    await settle()
    field = find()
  }
  if (!field) throw new Error(`no field with placeholder "${placeholder}"; the screen reads: ${screenText()}`)
  return field
}

/** Type into the Taro Input or Textarea whose placeholder contains `placeholder`, as a person would. */
export async function typeInto(placeholder: string, value: string): Promise<void> {
  const field = await findField(placeholder)
  await act(async () => {
    field.value = value
    fireEvent(field, new Event('input', { bubbles: true }))
  })
  await settle()
}
