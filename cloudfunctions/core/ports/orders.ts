import type { AppNotification, LedgerEntry, Order, OrderStats, OrderStatus, Page, Team } from '~types'
import type { PageRequest } from './paging'

/** Orders: placing, the conditional lifecycle write, the lists, the scheduled job's reads and the figures. Every method is one round trip; one that writes several records is atomic. */
export interface OrderStore {
  /**
   * Inserts; if an order with the same id exists (a retried place), returns the stored one and created=false. With
   * `maxOpen`, a new order is not inserted when its owner already has that many open orders (OPEN_STATUSES) for the
   * same person served (`onBehalfOf.name`, or the owner themself): then `openLimitReached` and created=false, and
   * `order` is the one given, not stored. (SQLite counts and inserts in one transaction; CloudBase counts, then
   * inserts, so parallel places may pass the limit by those in flight, which the place rate limit bounds.)
   */
  insertOrder(order: Order, opts?: { maxOpen?: number }): Promise<{ order: Order; created: boolean; openLimitReached?: true }>
  /**
   * One read for an order action: the order, the requested teams, and the stored answer of an earlier request with
   * the same key (a retried write), if any.
   */
  loadOrder(orderId: string, opts?: { teamIds?: string[]; requestKey?: string }): Promise<LoadedOrder>
  /**
   * The conditional write of a lifecycle transition: replace the order with `next` only if the stored version is
   * `expectedVersion` (next.version must be expectedVersion + 1). In the same transaction, append the awards to the
   * ledger with their balances, store the request's answer under its key and move the statistics rollups
   * (StatsStore) by what the order's change adds.
   * 'conflict': the order moved meanwhile (or is gone); 'duplicate': an award id already exists. Nothing is written
   * unless the answer is 'ok'.
   */
  transition(change: TransitionChange): Promise<'ok' | 'conflict' | 'duplicate'>
  listOrders(query: OrderQuery, page: PageRequest): Promise<Page<Order>>
  /**
   * Orders in `status` whose updatedAt is before `before`, oldest first (updatedAt, then id), at most `limit`,
   * strictly after the position `after` when given. For the scheduled job.
   */
  listStale(status: OrderStatus, before: string, limit: number, after?: StalePosition): Promise<Order[]>
  /**
   * Open orders (placed, dispatched or claimed) with a preferred time before `before`, soonest first (preferredAt,
   * then id), at most `limit`, strictly after `after` when given. For the scheduled job's alerts.
   */
  listPreferredDue(before: string, limit: number, after?: { preferredAt: string; id: string }): Promise<Order[]>
  /** Figures of the orders created in [from, to) whose unitPath contains unitId, as they stand now (see OrderStats). */
  orderStats(q: { unitId: string; from: string; to: string }): Promise<OrderStats>
}

export interface LoadedOrder {
  order: Order | null
  teams: Team[]
  /** the stored answer of an earlier request with the same key; undefined when there was none */
  replay: unknown
}


export interface TransitionChange {
  orderId: string
  expectedVersion: number
  /**
   * The order as it stood at expectedVersion (the use case's snapshot), from which the rollups' change is computed
   * (core/figures.ts rollupDelta). Without it the adapter reads the stored order (CloudBase: one more request).
   */
  prev?: Order
  next: Order
  awards?: LedgerEntry[]
  request?: { key: string; response: unknown }
  /** recorded in the same transaction, as recordNotifications does (an id already stored is left alone) */
  notifications?: AppNotification[]
}

/** A position in the oldest-first order of listStale. */

export interface StalePosition {
  updatedAt: string
  id: string
}


export type OrderQuery =
  /** orders placed by this account, newest first */
  | { kind: 'owner'; ownerId: string }
  /** orders whose unitPath contains unitId and status is one of statuses, oldest first */
  | { kind: 'queue'; unitId: string; statuses: OrderStatus[] }
  /**
   * a volunteer's tasks, newest first: orders dispatched or claimed whose teamIds meet teamIds,
   * together with every order (any status) the volunteer has claimed
   */
  | { kind: 'tasks'; teamIds: string[]; volunteerId: string }

