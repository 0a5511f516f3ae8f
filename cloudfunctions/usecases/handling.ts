import type { PolicyConfig } from '~core/config'
import { resolveLimits } from '~core/limits'
import { dueAtOf, waitLimitHours } from '~core/overview'
import type { CatalogStore } from '~core/ports'
import type { Order, OrderHandling, OrgUnit } from '~types'

export type HandlingStores = {
  catalog: Pick<CatalogStore, 'getUnitSettings'>
  policy: Pick<PolicyConfig, 'limits'>
}

/**
 * Who handles the order and by when, for its owner's page: the handling unit (from the kept unit tree) with its
 * phone, and while the order waits on the staff, when the unit's limit in force says it should move on — the same
 * clock as 超时 and the reminders (core/overview.ts). One read (the settings of the order's unit path) while it
 * waits; none otherwise.
 */
export async function handlingOf(deps: HandlingStores, order: Order, units: readonly OrgUnit[]): Promise<OrderHandling> {
  const unit = units.find((u) => u.id === order.orgUnitId)
  const next: OrderHandling['next'] = order.status === 'placed' ? 'dispatch' : order.status === 'dispatched' ? 'claim' : null
  const base = { unitId: order.orgUnitId, unitName: unit?.name ?? '', phone: unit?.phone ?? '', status: order.status, next }
  if (next === null) return { ...base, dueAt: null, limitHours: null }
  const settings = await deps.catalog.getUnitSettings(order.unitPath)
  const { limits } = resolveLimits(order.unitPath, settings, deps.policy.limits)
  return { ...base, dueAt: dueAtOf(order, limits), limitHours: waitLimitHours(order.status, limits) }
}
