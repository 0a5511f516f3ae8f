import type { CatalogStore } from '~core/ports'
import type { OrgUnit } from '~types'

/** How long an instance keeps the unit tree: no action changes units; only importing a county's structure does. */
const UNITS_TTL_MS = 10 * 60 * 1000

const kept = new WeakMap<CatalogStore, { at: number; units: Promise<OrgUnit[]> }>()

/**
 * The county's units, read once per catalog port and kept for a while, so the actions that need the tree (catalog.tree,
 * the teams a manager may dispatch to) pay no read for it on a warm instance.
 */
export function unitTree(catalog: CatalogStore, now: number = Date.now()): Promise<OrgUnit[]> {
  const hit = kept.get(catalog)
  if (hit && now - hit.at < UNITS_TTL_MS) return hit.units
  const units = catalog.listUnits()
  kept.set(catalog, { at: now, units })
  units.catch(() => kept.delete(catalog))
  return units
}
