import { ORDER_STATUSES, type Order, type OrderStats, type OrderStatus } from '~types'

/**
 * What the statistics count, in one place for both store adapters (the SQLite migration of schema version 2 restates
 * taken and people in SQL for orders stored before it; test/store/sqlite.test.ts checks that the two agree).
 */

/** 服务场次: an order is served once completed, whether rated since or closed unrated. */
export const SERVED_STATUSES: readonly OrderStatus[] = ['completed', 'rated', 'closed']

export const isServed = (status: OrderStatus): boolean => SERVED_STATUSES.includes(status)

/** 接单: claimed at least once (a claim may have been withdrawn since, but the timeline keeps it). */
export function isTaken(order: Pick<Order, 'claims' | 'timeline'>): boolean {
  return order.claims.length > 0 || order.timeline.some((t) => t.action === 'claim')
}

/** 服务人数 of one order: the beneficiaries reported at completion, once served. */
export function peopleServed(order: Pick<Order, 'status' | 'completion'>): number {
  return isServed(order.status) ? (order.completion?.beneficiaryCount ?? 0) : 0
}

/** The unit below `unitId` on `path` (the child a count goes to), or `unitId` itself when the path ends there. */
export function childOn(path: readonly string[], unitId: string): string {
  const i = path.indexOf(unitId)
  return i >= 0 && i + 1 < path.length ? path[i + 1] : unitId
}

export function emptyOrderStats(): OrderStats {
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>
  return { placed: 0, taken: 0, served: 0, people: 0, byStatus, byTheme: {}, byUnit: {} }
}

/** Adds `n` to a count keyed by `key`. */
export function bump(counts: Record<string, number>, key: string, n: number): void {
  counts[key] = (counts[key] ?? 0) + n
}
