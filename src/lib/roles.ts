/**
 * What a tappable Taro View or Text is, for screen readers (H5; WeChat reads aria-* too): its role, its name when
 * its text does not say it, and its selected state, never shown by colour alone. lib/a11y.ts gives every element
 * with such a role a tab stop and Enter/Space. Returned as a plain object to spread (`<Text {...roleOf('tab', …)}>`),
 * since Taro's Text props have no `role`.
 */
export type ControlRole = 'button' | 'link' | 'tab' | 'radio' | 'checkbox'

export function roleOf(role: ControlRole, state: { on?: boolean; label?: string } = {}): object {
  const props: Record<string, string | boolean> = { role }
  if (state.label) props['aria-label'] = state.label
  if (state.on !== undefined) {
    if (role === 'tab') props['aria-selected'] = state.on
    else if (role === 'radio' || role === 'checkbox') props['aria-checked'] = state.on
    else props['aria-pressed'] = state.on
  }
  return props
}
