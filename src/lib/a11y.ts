/**
 * H5 only: what a reader with a keyboard or a screen reader needs from Taro's web components, done once for every
 * page (installed from app.ts), so a page only says what a thing is (`role`, `aria-*`):
 * - Taro's Button is a <taro-button-core> element, neither focusable nor announced as a button: each one gets
 *   role="button", a tab stop, and aria-disabled while disabled; a Picker (<taro-picker-core>) opens from the key
 *   board like a button too;
 * - an element a page gave an interactive role (button, link, tab, radio, checkbox, switch) gets a tab stop;
 * - Enter and Space on any of them act as a tap.
 * The weapp build has none of this DOM (WeChat reads `aria-*` and its own components directly).
 */
const INTERACTIVE_ROLES = ['button', 'link', 'tab', 'radio', 'checkbox', 'switch', 'menuitem', 'option']
const TAPPABLE = ['taro-button-core', 'taro-picker-core', ...INTERACTIVE_ROLES.map((r) => `[role="${r}"]`)].join(',')

function isDisabled(el: Element): boolean {
  const disabled = el.getAttribute('disabled')
  return disabled !== null && disabled !== 'false'
}

/** Role, tab stop and disabled state of one tappable element. */
export function describe(el: Element): void {
  const tag = el.tagName.toLowerCase()
  if ((tag === 'taro-button-core' || tag === 'taro-picker-core') && !el.hasAttribute('role')) el.setAttribute('role', 'button')
  if (tag === 'taro-picker-core' && !el.hasAttribute('aria-haspopup')) el.setAttribute('aria-haspopup', 'dialog')
  const disabled = isDisabled(el) || el.getAttribute('aria-disabled') === 'true'
  // (each attribute written only when it changes: the observer below hears every write)
  if (tag === 'taro-button-core') {
    if (isDisabled(el)) {
      if (el.getAttribute('aria-disabled') !== 'true') el.setAttribute('aria-disabled', 'true')
    } else if (el.hasAttribute('aria-disabled')) el.removeAttribute('aria-disabled')
  }
  const tabIndex = disabled ? '-1' : '0'
  if (el.getAttribute('tabindex') !== tabIndex) el.setAttribute('tabindex', tabIndex)
}

function describeWithin(root: ParentNode): void {
  if (root instanceof Element && root.matches(TAPPABLE)) describe(root)
  root.querySelectorAll(TAPPABLE).forEach(describe)
}

/** The tappable element a key press on `target` is for (the element itself, or the Picker holding it). */
function tappableOf(target: EventTarget | null): HTMLElement | null {
  if (!(target instanceof HTMLElement)) return null
  if (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(target.tagName)) return null
  return target.matches(TAPPABLE) ? target : null
}

function onKeyDown(event: KeyboardEvent): void {
  if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'Spacebar') return
  const el = tappableOf(event.target)
  if (!el || el.getAttribute('aria-disabled') === 'true' || isDisabled(el)) return
  event.preventDefault()
  // a Picker opens on a tap on what it wraps
  const target = el.tagName.toLowerCase() === 'taro-picker-core' ? ((el.firstElementChild as HTMLElement | null) ?? el) : el
  target.click()
}

let installed: MutationObserver | null = null

/** Starts describing every tappable element now on the page and every one added later; returns a stop. */
export function installA11y(doc: Document = document): () => void {
  if (installed) return () => undefined
  describeWithin(doc.body)
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        if (record.target instanceof Element && record.target.matches(TAPPABLE)) describe(record.target)
        continue
      }
      record.addedNodes.forEach((node) => {
        if (node instanceof Element) describeWithin(node)
      })
    }
  })
  observer.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'role', 'aria-disabled'] })
  doc.addEventListener('keydown', onKeyDown)
  installed = observer
  return () => {
    observer.disconnect()
    doc.removeEventListener('keydown', onKeyDown)
    installed = null
  }
}
