import { LIMIT_KEYS, type EffectiveLimits, type LimitKey, type UnitLimits, type UnitSettings } from '~types'

/**
 * A unit's limits in force: the deployment's defaults, then each unit of its path from the center down, a unit's own
 * value replacing what it inherits. `path` is the unit's path (center first, the unit last).
 */
export function resolveLimits(
  path: readonly string[],
  settings: ReadonlyMap<string, Pick<UnitSettings, 'limits'>> | readonly UnitSettings[],
  defaults: UnitLimits,
): EffectiveLimits {
  const byUnit = settings instanceof Map ? settings : new Map((settings as UnitSettings[]).map((s) => [s.unitId, s]))
  const limits: UnitLimits = { ...defaults }
  const sources = Object.fromEntries(LIMIT_KEYS.map((k) => [k, null])) as Record<LimitKey, string | null>
  for (const unitId of path) {
    const own = byUnit.get(unitId)?.limits ?? {}
    for (const key of LIMIT_KEYS) {
      const value = own[key]
      if (typeof value === 'number') {
        limits[key] = value
        sources[key] = unitId
      }
    }
  }
  const unitId = path[path.length - 1] ?? ''
  return { unitId, limits, sources, own: { ...(byUnit.get(unitId)?.limits ?? {}) } }
}

/**
 * Applies a manager's change to a unit's own values: a number sets it, null removes it (the unit inherits again),
 * a key left out stays as it was.
 */
export function mergeOwnLimits(
  own: Partial<UnitLimits>,
  change: Partial<Record<LimitKey, number | null>>,
): Partial<UnitLimits> {
  const next: Partial<UnitLimits> = { ...own }
  for (const key of LIMIT_KEYS) {
    const value = change[key]
    if (value === null) delete next[key]
    else if (value !== undefined) next[key] = value
  }
  return next
}

/** Why limits in force would make no sense together (a reminder after the step it should warn of), or null. */
export function limitsProblem(limits: UnitLimits): string | null {
  if (limits.remindUndispatchedHours >= limits.escalateUndispatchedHours) {
    return '派单提醒时限应早于上报时限'
  }
  if (limits.remindUnclaimedHours >= limits.recallUnclaimedHours) {
    return '接单提醒时限应早于退回时限'
  }
  return null
}

/** The largest value of `key` any unit may have in force: the default and every stored override. */
export function largestLimit(key: LimitKey, settings: readonly UnitSettings[], defaults: UnitLimits): number {
  let max = defaults[key]
  for (const s of settings) {
    const v = s.limits[key]
    if (typeof v === 'number' && v > max) max = v
  }
  return max
}

/** The smallest value of `key` any unit may have in force: the default and every stored override. */
export function smallestLimit(key: LimitKey, settings: readonly UnitSettings[], defaults: UnitLimits): number {
  let min = defaults[key]
  for (const s of settings) {
    const v = s.limits[key]
    if (typeof v === 'number' && v < min) min = v
  }
  return min
}

/** Every value of `key` some unit may have in force (the default and every stored override), smallest first. */
export function limitValues(key: LimitKey, settings: readonly UnitSettings[], defaults: UnitLimits): number[] {
  const values = new Set([defaults[key]])
  for (const s of settings) {
    const v = s.limits[key]
    if (typeof v === 'number') values.add(v)
  }
  return [...values].sort((a, b) => a - b)
}
