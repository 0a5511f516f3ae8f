import type { LimitKey, Order, OrderStatus, OrgUnit, UnitLimits } from '~types'
import { OPEN_STATUSES } from '~types'
import { DUPLICATE_WINDOW_HOURS } from './config'
import { hoursToMs } from './deadlines'
import type { OverviewArm } from './ports'

/**
 * 订单总览's rules: what "overdue" (超时) means, what a duplicate (疑似重复) is, and the search text. Pure; the
 * overview action (functions/order) and both adapters read them.
 */

/**
 * The statuses in which an order waits on the staff, and the limit on that wait: an order not yet dispatched is
 * overdue once its handling unit's 派单提醒 limit has passed since its last transition, a dispatched order nobody has
 * claimed once the 接单提醒 limit has passed. These are the same clocks the scheduled job reminds on (core/deadlines.ts),
 * so the card says 超时 exactly when the managers or team leaders have been reminded. Other statuses never are.
 */
export const WAIT_LIMITS: Partial<Record<OrderStatus, LimitKey>> = {
  placed: 'remindUndispatchedHours',
  dispatched: 'remindUnclaimedHours',
}

/** The limit (hours) on the order's wait in its status under these limits, or null when it waits on no one. */
export function waitLimitHours(status: OrderStatus, limits: UnitLimits): number | null {
  const key = WAIT_LIMITS[status]
  return key ? limits[key] : null
}

/** When the order's wait in its status passes its limit, or null. */
export function dueAtOf(order: Pick<Order, 'status' | 'updatedAt'>, limits: UnitLimits): string | null {
  const hours = waitLimitHours(order.status, limits)
  return hours === null ? null : new Date(Date.parse(order.updatedAt) + hoursToMs(hours)).toISOString()
}

export function isOverdue(order: Pick<Order, 'status' | 'updatedAt'>, limits: UnitLimits, now: Date): boolean {
  const due = dueAtOf(order, limits)
  return due !== null && Date.parse(due) <= now.getTime()
}

/**
 * The index ranges the overview reads, one per status: with `overdue`, only the waiting statuses, each split by the
 * limit in force at the handling units of the subtree (units of equal limit share one range; when all share one, the
 * range names no units). `limitsOf` gives a unit's limits in force.
 */
export function overviewArms(
  statuses: readonly OrderStatus[],
  overdue: boolean,
  subtree: readonly OrgUnit[],
  limitsOf: (unit: OrgUnit) => UnitLimits,
  now: Date,
): OverviewArm[] {
  const unique = [...new Set(statuses)]
  if (!overdue) return unique.map((status) => ({ status }))
  const arms: OverviewArm[] = []
  for (const status of unique) {
    const key = WAIT_LIMITS[status]
    if (!key) continue
    const byHours = new Map<number, string[]>()
    for (const unit of subtree) {
      const hours = limitsOf(unit)[key]
      byHours.set(hours, [...(byHours.get(hours) ?? []), unit.id])
    }
    for (const [hours, unitIds] of [...byHours].sort((a, b) => a[0] - b[0])) {
      // overdue once the wait reaches the limit (isOverdue): updatedAt at or before now − limit, i.e. before 1 ms later
      const updatedBefore = new Date(now.getTime() - hoursToMs(hours) + 1).toISOString()
      arms.push(byHours.size === 1 ? { status, updatedBefore } : { status, updatedBefore, handlingUnitIds: unitIds })
    }
  }
  return arms
}

/**
 * The form text is searched in: NFKC (full-width letters and digits become plain ones), lower case, without spaces or
 * control characters. Chinese has no word boundaries, so a search is a substring of this text.
 */
export function normalizeSearch(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFKC').toLowerCase().replace(/[\s\u0000-\u001f\u007f]+/g, '')
}

/** What an order is found by: its title, the need, who ordered it and whom a proxy ordered for ('\u0001' between). */
export function searchTextOf(order: Pick<Order, 'title' | 'need' | 'ownerName' | 'onBehalfOf'>): string {
  return [order.title, order.need, order.ownerName, order.onBehalfOf?.name ?? ''].map(normalizeSearch).join('\u0001')
}

/**
 * Who an order is for, as a duplicate is judged: the account that placed it and the person served (the owner
 * themself, or the name a proxy gave), with the menu item. An order describing a need (no menu item) has no key: two
 * needs are not alike just because they share a theme.
 */
export function duplicateKey(order: Pick<Order, 'ownerId' | 'onBehalfOf' | 'menuItemId'>): string | null {
  if (order.menuItemId === null) return null
  return JSON.stringify([order.ownerId, order.onBehalfOf?.name ?? '', order.menuItemId])
}

const isOpen = (o: Pick<Order, 'status'>) => OPEN_STATUSES.includes(o.status)

/**
 * 疑似重复: for each order of `page`, another open order (of `page` or `candidates`) with the same duplicate key,
 * itself open, placed within DUPLICATE_WINDOW_HOURS of it — the closest in time. order id → the other order's id.
 */
export function duplicatesAmong(page: readonly Order[], candidates: readonly Order[], windowHours = DUPLICATE_WINDOW_HOURS): Map<string, string> {
  const byKey = new Map<string, Order[]>()
  for (const o of [...page, ...candidates]) {
    const key = duplicateKey(o)
    if (key === null || !isOpen(o)) continue
    const list = byKey.get(key) ?? []
    if (!list.some((x) => x.id === o.id)) list.push(o)
    byKey.set(key, list)
  }
  const window = hoursToMs(windowHours)
  const marks = new Map<string, string>()
  for (const o of page) {
    const key = duplicateKey(o)
    if (key === null || !isOpen(o)) continue
    const at = Date.parse(o.createdAt)
    let best: { id: string; gap: number } | null = null
    for (const other of byKey.get(key) ?? []) {
      if (other.id === o.id) continue
      const gap = Math.abs(Date.parse(other.createdAt) - at)
      if (gap <= window && (best === null || gap < best.gap || (gap === best.gap && other.id < best.id))) best = { id: other.id, gap }
    }
    if (best) marks.set(o.id, best.id)
  }
  return marks
}

/** The owners whose other open orders could make an order of the page a duplicate (open, with a menu item). */
export function duplicateOwners(page: readonly Order[]): string[] {
  return [...new Set(page.filter((o) => isOpen(o) && duplicateKey(o) !== null).map((o) => o.ownerId))]
}
