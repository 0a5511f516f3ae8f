import { useEffect } from 'react'
import { create } from 'zustand'
import type { UnitLimits } from '~types/domain'
import * as catalog from '../../services/catalog'

/** Limits in force per unit, loaded once per unit while the app runs (时限设置 refreshes its own unit). */
const useLimitsCache = create<{ byUnit: Record<string, UnitLimits> }>(() => ({ byUnit: {} }))
const loading = new Set<string>()

export function rememberLimits(unitId: string, limits: UnitLimits) {
  useLimitsCache.setState((s) => ({ byUnit: { ...s.byUnit, [unitId]: limits } }))
}

/** The limits in force for each of these units (missing until loaded; a failed load leaves it missing). */
export function useUnitLimits(unitIds: readonly string[]): Record<string, UnitLimits> {
  const byUnit = useLimitsCache((s) => s.byUnit)
  const key = [...new Set(unitIds)].sort().join(',')
  useEffect(() => {
    for (const unitId of key ? key.split(',') : []) {
      if (useLimitsCache.getState().byUnit[unitId] || loading.has(unitId)) continue
      loading.add(unitId)
      catalog
        .limits(unitId)
        .then((e) => rememberLimits(unitId, e.limits))
        .catch(() => undefined)
        .finally(() => loading.delete(unitId))
    }
  }, [key])
  return byUnit
}

/** How an order waiting to be dispatched stands against its unit's limit: the clock runs from its last step. */
export function dispatchClock(order: { updatedAt: string }, limits: UnitLimits | undefined, now: Date) {
  if (!limits) return null
  const hours = limits.remindUndispatchedHours
  return { hours, overdue: now.getTime() - Date.parse(order.updatedAt) > hours * 3600 * 1000 }
}
