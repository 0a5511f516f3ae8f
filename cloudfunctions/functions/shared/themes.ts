import type { CatalogStore } from '~core/ports'
import type { Theme } from '~types'

/** How long an instance keeps the themes: no action changes them; only importing a county's catalog does. */
const THEMES_TTL_MS = 10 * 60 * 1000

const kept = new WeakMap<CatalogStore, { at: number; themes: Promise<Theme[]> }>()

/** The county's service themes, read once per catalog port and kept for a while (the 公示栏 names each card's theme). */
export function themeList(catalog: CatalogStore, now: number = Date.now()): Promise<Theme[]> {
  const hit = kept.get(catalog)
  if (hit && now - hit.at < THEMES_TTL_MS) return hit.themes
  const themes = catalog.listThemes()
  kept.set(catalog, { at: now, themes })
  themes.catch(() => kept.delete(catalog))
  return themes
}
