import { ORDER_STATUSES, type LedgerEntry, type Order, type OrderStats, type OrderStatus, type Page, type Team } from '~types'
import type { LoadedOrder, OrderQuery, PageRequest, Store, TransitionChange } from '~core/store'
import { compareKeys, decodeCursor, HIGH, type Key, keyParams, LOW, toPage } from './cursor'
import { all, one, parseDoc, parseDocs, type Context, readTx, Rollback, uniq, writeTx } from './db'
import { bump, childOn, emptyOrderStats, isServed, isTaken, peopleServed } from '~core/stats'
import { appendEntry } from './ledger'
import { insertNotification } from './limits'
import { readTeams } from './teams'

type OrderMethods = Pick<
  Store,
  'insertOrder' | 'loadOrder' | 'transition' | 'listOrders' | 'listStale' | 'listPreferredDue' | 'orderStats'
>

/** Statuses in which an order with a preferred time may still be short of volunteers (order_preferred). */
const OPEN_FOR_ALERTS: readonly OrderStatus[] = ['placed', 'dispatched', 'claimed']

/** Statuses in which an order dispatched to a team is open work for its volunteers. */
const OPEN_FOR_TEAMS: readonly OrderStatus[] = ['dispatched', 'claimed']

function orderRow(o: Order) {
  return {
    id: o.id,
    version: o.version,
    status: o.status,
    ownerId: o.ownerId,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    doc: JSON.stringify(o),
  }
}

/**
 * Brings the side rows that mirror the order's unit path (with the statistics figures), teams and claims in line
 * with it: rows no longer wanted are deleted, the others inserted or updated in place. A newly inserted order has
 * nothing to prune.
 */
function writeOrderIndex({ s }: Context, o: Order, prune: boolean): void {
  const path = uniq(o.unitPath)
  const units = JSON.stringify(path.map((unitId) => ({ unitId, childId: childOn(path, unitId) })))
  const teamIds = JSON.stringify(uniq(o.teamIds))
  const volunteerIds = JSON.stringify(uniq(o.claims.map((c) => c.volunteerId)))
  const orderId = o.id
  if (prune) {
    s.pruneOrderUnits.run({ orderId, units })
    s.pruneOrderTeams.run({ orderId, teamIds })
    s.pruneOrderClaims.run({ orderId, volunteerIds })
  }
  const base = { orderId, status: o.status, createdAt: o.createdAt }
  s.putOrderUnits.run({ ...base, units, themeId: o.themeId, taken: isTaken(o) ? 1 : 0, people: peopleServed(o) })
  if (o.teamIds.length > 0) s.putOrderTeams.run({ ...base, teamIds, stars: o.rating?.stars ?? null })
  if (o.claims.length > 0) s.putOrderClaims.run({ orderId, createdAt: o.createdAt, volunteerIds })
  if (o.preferredAt !== null) {
    if (OPEN_FOR_ALERTS.includes(o.status)) s.putOrderPreferred.run({ orderId, preferredAt: o.preferredAt })
    else if (prune) s.deleteOrderPreferred.run({ orderId })
  }
}

/** Every status, so that the statistics query seeks one index range per status. */
const ALL_STATUSES = JSON.stringify(ORDER_STATUSES)

type Direction = 'asc' | 'desc'

/**
 * Merges ordered arms (each already cut at limit+1) into the first limit+1 distinct keys. An order reached by
 * several arms (two of the volunteer's teams, or a team and a claim) counts once.
 */
function mergeArms(arms: Key[][], direction: Direction, take: number): Key[] {
  const seen = new Map<string, Key>()
  for (const arm of arms) for (const k of arm) seen.set(k.id, k)
  const sign = direction === 'asc' ? 1 : -1
  return [...seen.values()].sort((a, b) => sign * compareKeys(a, b)).slice(0, take)
}

export function orderMethods(ctx: Context): OrderMethods {
  const { db, s } = ctx

  const readOrder = (id: string) => parseDoc<Order>(one(s.orderById, { id }))

  const insertOrder = writeTx(db, (order: Order): { order: Order; created: boolean } => {
    if (s.insertOrder.run(orderRow(order)).changes === 0) return { order: readOrder(order.id)!, created: false }
    writeOrderIndex(ctx, order, false)
    return { order, created: true }
  })

  const loadOrder = readTx(db, (orderId: string, teamIds: string[], requestKey: string | undefined): LoadedOrder => {
    const order = readOrder(orderId)
    const teams: Team[] = teamIds.length > 0 ? readTeams(ctx, teamIds) : []
    const stored = requestKey === undefined ? undefined : one<{ response: string }>(s.requestByKey, { key: requestKey })
    return { order, teams, replay: stored ? JSON.parse(stored.response) : undefined }
  })

  const versionOf = (id: string) => one<{ version: number }>(s.orderVersion, { id })?.version

  const transition = writeTx(db, (change: TransitionChange): 'ok' | 'conflict' | 'duplicate' => {
    const { next, expectedVersion } = change
    const row = { ...orderRow(next), expectedVersion }
    // the lifecycle never changes an order's owner or creation time; a caller that does takes the slower path
    if (s.updateOrderIfVersion.run(row).changes === 0) {
      if (versionOf(next.id) !== expectedVersion || s.replaceOrderIfVersion.run(row).changes === 0) {
        throw new Rollback('conflict' as const)
      }
    }
    writeOrderIndex(ctx, next, true)
    for (const award of change.awards ?? []) appendAward(award)
    for (const n of change.notifications ?? []) insertNotification(ctx, n)
    if (change.request) {
      const response = JSON.stringify(change.request.response ?? null)
      s.insertRequest.run({ key: change.request.key, response, at: next.updatedAt })
    }
    return 'ok'
  })

  function appendAward(award: LedgerEntry): void {
    const balance = appendEntry(ctx, award)
    if (balance === null) throw new Rollback('duplicate' as const)
    // the port has no 'insufficient' answer for a transition: a negative award is a caller's bug
    if (balance < 0) throw new Error(`transition: award ${award.id} would make the balance of ${award.userId} negative`)
  }

  /** Runs the arms, merges them and reads the orders of the page, all in one snapshot. */
  const pageFromArms = readTx(db, (arms: Array<() => Key[]>, direction: Direction, limit: number): Page<Order> => {
    const keys = mergeArms(
      arms.map((arm) => arm()),
      direction,
      limit + 1,
    )
    const orders = parseDocs<Order>(all(s.ordersByIds, { ids: JSON.stringify(keys.map((k) => k.id)) }))
    const byId = new Map(orders.map((o) => [o.id, o]))
    return toPage(
      keys.map((k) => byId.get(k.id)!),
      keys,
      limit,
    )
  })

  function listOrders(query: OrderQuery, page: PageRequest): Page<Order> {
    const limit = page.limit
    const arm = (stmt: typeof s.queueArm, params: object, after: Key) => () =>
      all<Key>(stmt, { ...params, ...keyParams(after), limit: limit + 1 })
    switch (query.kind) {
      case 'owner': {
        const after = decodeCursor(page.cursor, HIGH)
        const rows = all<Key & { doc: string }>(s.ownerPage, {
          ownerId: query.ownerId,
          ...keyParams(after),
          limit: limit + 1,
        })
        return toPage(parseDocs<Order>(rows), rows, limit)
      }
      case 'queue': {
        const after = decodeCursor(page.cursor, LOW)
        const arms = uniq(query.statuses).map((status) => arm(s.queueArm, { unitId: query.unitId, status }, after))
        return pageFromArms(arms, 'asc', limit)
      }
      case 'tasks': {
        const after = decodeCursor(page.cursor, HIGH)
        const arms = uniq(query.teamIds).flatMap((teamId) =>
          OPEN_FOR_TEAMS.map((status) => arm(s.teamArm, { teamId, status }, after)),
        )
        arms.push(arm(s.claimArm, { volunteerId: query.volunteerId }, after))
        return pageFromArms(arms, 'desc', limit)
      }
    }
  }

  return {
    async insertOrder(order) {
      return insertOrder(order)
    },
    async loadOrder(orderId, opts) {
      return loadOrder(orderId, opts?.teamIds ?? [], opts?.requestKey)
    },
    async transition(change) {
      if (change.next.id !== change.orderId || change.next.version !== change.expectedVersion + 1) {
        throw new Error('transition: next must be the same order at expectedVersion + 1')
      }
      // an order that has visibly moved is a conflict without taking the write lock (a burst of claims is mostly these);
      // one that has not is checked again by the conditional write inside the transaction
      if (versionOf(change.orderId) !== change.expectedVersion) return 'conflict'
      return transition(change)
    },
    async listOrders(query, page) {
      return listOrders(query, page)
    },
    async listStale(status, before, limit, after) {
      const afterAt = after?.updatedAt ?? LOW.at
      const afterId = after?.id ?? LOW.id
      return parseDocs<Order>(all(s.stale, { status, before, limit, afterAt, afterId }))
    },
    async listPreferredDue(before, limit, after) {
      const afterAt = after?.preferredAt ?? LOW.at
      const afterId = after?.id ?? LOW.id
      return parseDocs<Order>(all(s.preferredDue, { before, limit, afterAt, afterId }))
    },
    async orderStats({ unitId, from, to }) {
      type Row = { status: OrderStatus; themeId: string; childId: string; n: number; taken: number; people: number }
      const rows = all<Row>(s.orderStats, { unitId, from, to, statuses: ALL_STATUSES })
      const stats: OrderStats = emptyOrderStats()
      for (const r of rows) {
        stats.placed += r.n
        stats.taken += r.taken
        stats.byStatus[r.status] += r.n
        bump(stats.byTheme, r.themeId, r.n)
        bump(stats.byUnit, r.childId, r.n)
        if (isServed(r.status)) {
          stats.served += r.n
          stats.people += r.people
        }
      }
      return stats
    },
  }
}
