import type { MenuItem } from '~types/domain'

/** The search hint names what this menu really offers: its first two items' titles (short ones first). */
export function searchHint(items: readonly MenuItem[]): string {
  const titles = [...new Set(items.map((i) => i.title))].sort((a, b) => a.length - b.length).slice(0, 2)
  return titles.length > 0 ? `搜索服务，如 ${titles.join('、')}` : '搜索服务'
}
