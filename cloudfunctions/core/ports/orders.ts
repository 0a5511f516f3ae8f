import type { AppNotification, AuditEntry, LedgerEntry, Order, OrderStats, OrderStatus, Page, Team } from '~types'
import type { PageRequest } from './paging'

/** Orders: placing, the conditional lifecycle write, the lists, the scheduled job's reads and the figures. Every method is one round trip; one that writes several records is atomic. */
export interface OrderStore {
  /**
   * Inserts; if an order with the same id exists (a retried place), returns the stored one and created=false. With
   * `maxOpen`, a new order is not inserted when its owner already has that many open orders (OPEN_STATUSES) for the
   * same person served (`onBehalfOf.name`, or the owner themself): then `openLimitReached` and created=false, and
   * `order` is the one given, not stored. (SQLite counts and inserts in one transaction; CloudBase counts, then
   * inserts, so parallel places may pass the limit by those in flight, which the place rate limit bounds.)
   *
   * With `refuseDuplicate`, a new order is not inserted when an open order of its owner looks like the same request
   * (疑似重复, core/overview.ts duplicatesAmong: the same person served and menu item, within DUPLICATE_WINDOW_HOURS):
   * then `duplicateOf` names it and created=false. A retry of a stored order still answers the stored one.
   */
  insertOrder(
    order: Order,
    opts?: { maxOpen?: number; refuseDuplicate?: boolean },
  ): Promise<{ order: Order; created: boolean; openLimitReached?: true; duplicateOf?: string }>
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
   * Every order created in [from, to) whose unitPath contains unitId, in any status, oldest first (createdAt, then
   * id), a page at a time (CloudBase: at most 100 a page): what an export reads, page by page.
   */
  listPeriod(q: PeriodQuery, page: PageRequest): Promise<Page<Order>>
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
  /**
   * 订单总览: the orders of the unit's subtree (unitPath contains unitId) of the query's arms (one index range per arm:
   * a status, and for overdue orders the last transition before a time and the handling units), created in
   * [from, to), of the theme, whose search text (core/overview.ts searchTextOf) contains `search`; newest or oldest
   * first by (createdAt, id), paged.
   */
  listOverview(query: OverviewQuery, page: PageRequest): Promise<Page<Order>>
  /** Open orders (OPEN_STATUSES) of these owners, at most `limit`, in no particular order: duplicate candidates. */
  listOpenOf(ownerIds: string[], limit: number): Promise<Order[]>
  /**
   * 回访 (issue 11): the orders of the unit's subtree (unitPath contains unitId) whose followUp has this stored
   * status, with dueAt before `dueBefore` when given (overdue ones; the scheduled job's due ones) and created in the
   * range when given, soonest due first (followUp.dueAt, then id), paged.
   */
  listFollowUps(query: FollowUpQuery, page: PageRequest): Promise<Page<Order>>
  /** Figures of the orders created in [from, to) whose unitPath contains unitId, as they stand now (see OrderStats). */
  orderStats(q: { unitId: string; from: string; to: string }): Promise<OrderStats>
}

export interface FollowUpQuery {
  unitId: string
  status: 'open' | 'closed'
  dueBefore?: string
  /** only orders created in [createdFrom, createdTo) (回头看's month) */
  createdFrom?: string
  createdTo?: string
}

export interface PeriodQuery {
  unitId: string
  from: string
  to: string
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
  /**
   * Points one volunteer may earn per China-time day (PolicyConfig points.dailyCap; 0 or absent: no cap). Each award
   * is cut by core/points.ts capAward to what is left of its volunteer's day, decided inside this write from the
   * day's awards as stored in it, so two transitions paying the same volunteer at once cannot pass it together.
   */
  dailyCap?: number
  /**
   * The caller's answer, made from the awards as written (after the cap): called inside the write once they are
   * decided (on CloudBase again if its transaction re-runs); with `request`, what it returns is the stored answer.
   */
  answer?: (awards: LedgerEntry[]) => unknown
  /** the answer to store under key (`response`, or what `answer` returns when it is given) */
  request?: { key: string; response?: unknown }
  /** recorded in the same transaction, as recordNotifications does (an id already stored is left alone) */
  notifications?: AppNotification[]
  /**
   * audit entries the transition's answer causes (a contact revealed to a claimer or a manager), recorded in the same
   * write as AuditStore.record does (an id already stored is left alone): on CloudBase they ride in the order's
   * outbox until the next delivery run moves them to the audit collection.
   */
  audit?: AuditEntry[]
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


/** One index range of the overview: a status, and for overdue orders the last transition before a time. */
export interface OverviewArm {
  status: OrderStatus
  /** only orders whose updatedAt is before this */
  updatedBefore?: string
  /** only orders with a preferred time before this (回头看: claimed past the time the resident asked for) */
  preferredBefore?: string
  /** only orders handled now by one of these units (orgUnitId) */
  handlingUnitIds?: string[]
}

export interface OverviewQuery {
  unitId: string
  /** no arms: an empty page */
  arms: OverviewArm[]
  themeId?: string
  /** createdAt in [from, to) */
  from?: string
  to?: string
  /** normalized (core/overview.ts normalizeSearch), not empty */
  search?: string
  sort: 'newest' | 'oldest'
}
