import { OPEN_STATUSES, ORDER_STATUSES, type LedgerEntry, type Order, type OrderStats, type OrderStatus, type Page, type Team } from '~types'
import type { LoadedOrder, OrderQuery, OrderStore, OverviewQuery, PageRequest, TransitionChange } from '~core/ports'
import { capAward, pointsDay } from '~core/points'
import { DUPLICATE_CANDIDATES_MAX } from '~core/config'
import { duplicatesAmong, searchTextOf } from '~core/overview'
import { bump, childOn, emptyOrderStats, isServed, isTaken, peopleServed } from '~core/stats'
import {
  all,
  compareKeys,
  type Database,
  decodeKey,
  HIGH,
  type Key,
  keyParams,
  LOW,
  one,
  parseDoc,
  parseDocs,
  prepareAll,
  readTx,
  requestRows,
  Rollback,
  type Statement,
  toPage,
  uniq,
  writeTx,
} from './db'
import { catalogRows } from './catalog'
import { ledgerRows } from './ledger'
import { notificationRows } from './notifications'
import { auditRows } from './audit'
import { statsRows } from './stats'
import { rollupDelta } from '~core/figures'

export const ORDERS_SQL = {
  orderById: `SELECT doc FROM orders WHERE id = @id`,
  ordersByIds: `SELECT doc FROM orders WHERE id IN (SELECT value FROM json_each(@ids))`,
  // a person's open orders for one person served (proxy: onBehalfOf.name; the owner themself: '')
  openOrdersOf: `
    SELECT count(*) AS n FROM orders
    WHERE owner_id = @ownerId AND status IN (SELECT value FROM json_each(@statuses))
      AND COALESCE(json_extract(doc, '$.onBehalfOf.name'), '') = @forName`,
  orderExists: `SELECT 1 AS found FROM orders WHERE id = @id`,
  insertOrder: `
    INSERT INTO orders (id, version, status, owner_id, created_at, updated_at, doc)
    VALUES (@id, @version, @status, @ownerId, @createdAt, @updatedAt, @doc) ON CONFLICT (id) DO NOTHING`,
  // the common transition: owner and creation time as stored, so the owner index is left alone
  updateOrderIfVersion: `
    UPDATE orders SET version = @version, status = @status, updated_at = @updatedAt, doc = @doc
    WHERE id = @id AND version = @expectedVersion AND owner_id = @ownerId AND created_at = @createdAt`,
  replaceOrderIfVersion: `
    UPDATE orders SET version = @version, status = @status, owner_id = @ownerId, created_at = @createdAt,
      updated_at = @updatedAt, doc = @doc
    WHERE id = @id AND version = @expectedVersion`,
  // side rows follow the order set by set (JSON arrays): rows no longer wanted go, the others are put in place (a
  // row already as wanted is not rewritten: an update, even to the same values, rewrites its index entries)
  pruneOrderUnits: `
    DELETE FROM order_units WHERE order_id = @orderId
      AND unit_id NOT IN (SELECT json_extract(value, '$.unitId') FROM json_each(@units))`,
  putOrderUnits: `
    INSERT INTO order_units (order_id, unit_id, status, created_at, theme_id, child_id, taken, people)
    SELECT @orderId, json_extract(value, '$.unitId'), @status, @createdAt, @themeId, json_extract(value, '$.childId'),
      @taken, @people
    FROM json_each(@units) WHERE true
    ON CONFLICT (order_id, unit_id) DO UPDATE SET status = excluded.status, created_at = excluded.created_at,
      theme_id = excluded.theme_id, child_id = excluded.child_id, taken = excluded.taken, people = excluded.people`,
  pruneOrderTeams: `
    DELETE FROM order_teams WHERE order_id = @orderId AND team_id NOT IN (SELECT value FROM json_each(@teamIds))`,
  putOrderTeams: `
    INSERT INTO order_teams (order_id, team_id, status, created_at, stars)
    SELECT @orderId, value, @status, @createdAt, @stars FROM json_each(@teamIds) WHERE true
    ON CONFLICT (order_id, team_id) DO UPDATE SET status = excluded.status, created_at = excluded.created_at,
      stars = excluded.stars`,
  pruneOrderClaims: `
    DELETE FROM order_claims WHERE order_id = @orderId
      AND volunteer_id NOT IN (SELECT value FROM json_each(@volunteerIds))`,
  putOrderClaims: `
    INSERT INTO order_claims (order_id, volunteer_id, created_at)
    SELECT @orderId, value, @createdAt FROM json_each(@volunteerIds) WHERE true
    ON CONFLICT (order_id, volunteer_id) DO UPDATE SET created_at = excluded.created_at
      WHERE created_at IS NOT excluded.created_at`,
  putOrderPreferred: `
    INSERT INTO order_preferred (order_id, preferred_at) VALUES (@orderId, @preferredAt)
    ON CONFLICT (order_id) DO UPDATE SET preferred_at = excluded.preferred_at
      WHERE preferred_at IS NOT excluded.preferred_at`,
  deleteOrderPreferred: `DELETE FROM order_preferred WHERE order_id = @orderId`,
  // one index range per status (the queue index covers the figures); the groups are folded by the adapter
  orderStats: `
    SELECT status, theme_id AS themeId, child_id AS childId, COUNT(*) AS n, TOTAL(taken) AS taken,
      TOTAL(people) AS people
    FROM order_units
    WHERE unit_id = @unitId AND status IN (SELECT value FROM json_each(@statuses))
      AND created_at >= @from AND created_at < @to
    GROUP BY status, theme_id, child_id`,
  // list queries: keyset pages over (created_at, id); the queue and tasks are merged from one ordered arm per key
  ownerPage: `
    SELECT created_at AS at, id, doc FROM orders
    WHERE owner_id = @ownerId AND (created_at, id) < (@afterAt, @afterId)
    ORDER BY created_at DESC, id DESC LIMIT @limit`,
  queueArm: `
    SELECT created_at AS at, order_id AS id FROM order_units
    WHERE unit_id = @unitId AND status = @status AND (created_at, order_id) > (@afterAt, @afterId)
    ORDER BY created_at, order_id LIMIT @limit`,
  // an export's read: every status of the unit's period, one ordered arm per status, merged like the queue
  periodArm: `
    SELECT created_at AS at, order_id AS id FROM order_units
    WHERE unit_id = @unitId AND status = @status AND created_at >= @from AND created_at < @to
      AND (created_at, order_id) > (@afterAt, @afterId)
    ORDER BY created_at, order_id LIMIT @limit`,
  teamArm: `
    SELECT created_at AS at, order_id AS id FROM order_teams
    WHERE team_id = @teamId AND status = @status AND (created_at, order_id) < (@afterAt, @afterId)
    ORDER BY created_at DESC, order_id DESC LIMIT @limit`,
  claimArm: `
    SELECT created_at AS at, order_id AS id FROM order_claims
    WHERE volunteer_id = @volunteerId AND (created_at, order_id) < (@afterAt, @afterId)
    ORDER BY created_at DESC, order_id DESC LIMIT @limit`,
  // 订单总览: one arm per status (and overdue cut), an index range on (unit, [theme,] status, created_at) in the page's
  // order; the search text and the overdue cut are checked on the rows of that range by key (order_search, orders)
  overviewAsc: overviewArm(false, 'asc'),
  overviewDesc: overviewArm(false, 'desc'),
  overviewThemeAsc: overviewArm(true, 'asc'),
  overviewThemeDesc: overviewArm(true, 'desc'),
  putOrderSearch: `
    INSERT INTO order_search (order_id, text) VALUES (@orderId, @text)
    ON CONFLICT (order_id) DO UPDATE SET text = excluded.text WHERE text IS NOT excluded.text`,
  // 回访: the rows follow the order's followUp (one per unit of its path); an order without one has none
  pruneFollowUps: `
    DELETE FROM order_follow_ups WHERE order_id = @orderId AND unit_id NOT IN (SELECT value FROM json_each(@unitIds))`,
  putFollowUps: `
    INSERT INTO order_follow_ups (order_id, unit_id, status, due_at)
    SELECT @orderId, value, @status, @dueAt FROM json_each(@unitIds) WHERE true
    ON CONFLICT (order_id, unit_id) DO UPDATE SET status = excluded.status, due_at = excluded.due_at
      WHERE status IS NOT excluded.status OR due_at IS NOT excluded.due_at`,
  followUpArm: `
    SELECT f.due_at AS at, f.order_id AS id FROM order_follow_ups f
    WHERE f.unit_id = @unitId AND f.status = @status AND f.due_at < @before AND (f.due_at, f.order_id) > (@afterAt, @afterId)
      AND (@createdFrom IS NULL OR EXISTS (
        SELECT 1 FROM orders o WHERE o.id = f.order_id AND o.created_at >= @createdFrom AND o.created_at < @createdTo))
    ORDER BY f.due_at, f.order_id LIMIT @limit`,
  // duplicate candidates: open orders of the page's owners (orders_by_owner_status)
  openOf: `
    SELECT doc FROM orders
    WHERE owner_id IN (SELECT value FROM json_each(@ownerIds)) AND status IN (SELECT value FROM json_each(@statuses))
    LIMIT @limit`,
  stale: `
    SELECT doc FROM orders WHERE status = @status AND updated_at < @before AND (updated_at, id) > (@afterAt, @afterId)
    ORDER BY updated_at, id LIMIT @limit`,
  preferredDue: `
    SELECT o.doc FROM order_preferred p JOIN orders o ON o.id = p.order_id
    WHERE p.preferred_at < @before AND (p.preferred_at, p.order_id) > (@afterAt, @afterId)
    ORDER BY p.preferred_at, p.order_id LIMIT @limit`,
}

/** An overview arm's statement: with or without the theme, in either direction. */
function overviewArm(theme: boolean, dir: 'asc' | 'desc'): string {
  const beyond = dir === 'asc' ? '>' : '<'
  const index = theme ? 'order_units_by_theme' : 'order_units_by_unit'
  return `
    SELECT u.created_at AS at, u.order_id AS id FROM order_units u INDEXED BY ${index}
    WHERE u.unit_id = @unitId${theme ? ' AND u.theme_id = @themeId' : ''} AND u.status = @status
      AND u.created_at >= @from AND u.created_at < @to AND (u.created_at, u.order_id) ${beyond} (@afterAt, @afterId)
      AND (@search IS NULL OR EXISTS (
        SELECT 1 FROM order_search s WHERE s.order_id = u.order_id AND instr(s.text, @search) > 0))
      AND (@before IS NULL OR EXISTS (
        SELECT 1 FROM orders o WHERE o.id = u.order_id AND o.updated_at < @before
          AND (@handlers IS NULL OR instr(@handlers, char(1) || json_extract(o.doc, '$.orgUnitId') || char(1)) > 0)))
      AND (@preferredBefore IS NULL OR EXISTS (
        SELECT 1 FROM orders o WHERE o.id = u.order_id AND json_extract(o.doc, '$.preferredAt') < @preferredBefore))
    ORDER BY u.created_at ${dir.toUpperCase()}, u.order_id ${dir.toUpperCase()} LIMIT @limit`
}

/** Statuses in which an order with a preferred time may still be short of volunteers (order_preferred). */
const OPEN_FOR_ALERTS: readonly OrderStatus[] = ['placed', 'dispatched', 'claimed']

/** Statuses in which an order dispatched to a team is open work for its volunteers. */
const OPEN_FOR_TEAMS: readonly OrderStatus[] = ['dispatched', 'claimed']

/** Every status, so that the statistics query seeks one index range per status. */
const ALL_STATUSES = JSON.stringify(ORDER_STATUSES)

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

export function createOrderStore(db: Database.Database): OrderStore {
  const s = prepareAll(db, ORDERS_SQL)
  const teams = catalogRows(db)
  const ledger = ledgerRows(db)
  const notifications = notificationRows(db)
  const audit = auditRows(db)
  const requests = requestRows(db)
  const rollups = statsRows(db)

  const readOrder = (id: string) => parseDoc<Order>(one(s.orderById, { id }))

  /**
   * Brings the side rows that mirror the order's unit path (with the statistics figures), teams and claims in line
   * with it: rows no longer wanted are deleted, the others inserted or updated in place. A newly inserted order has
   * nothing to prune.
   */
  function writeOrderIndex(o: Order, prune: boolean): void {
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
    s.putOrderSearch.run({ orderId, text: searchTextOf(o) })
    s.putOrderUnits.run({ ...base, units, themeId: o.themeId, taken: isTaken(o) ? 1 : 0, people: peopleServed(o) })
    if (o.teamIds.length > 0) s.putOrderTeams.run({ ...base, teamIds, stars: o.rating?.stars ?? null })
    if (o.claims.length > 0) s.putOrderClaims.run({ orderId, createdAt: o.createdAt, volunteerIds })
    const followUp = o.followUp
    if (followUp) {
      const unitIds = JSON.stringify(path)
      if (prune) s.pruneFollowUps.run({ orderId, unitIds })
      s.putFollowUps.run({ orderId, unitIds, status: followUp.status, dueAt: followUp.dueAt })
    } else if (prune) s.pruneFollowUps.run({ orderId, unitIds: '[]' })
    if (o.preferredAt !== null) {
      if (OPEN_FOR_ALERTS.includes(o.status)) s.putOrderPreferred.run({ orderId, preferredAt: o.preferredAt })
      else if (prune) s.deleteOrderPreferred.run({ orderId })
    }
  }

  type Inserted = { order: Order; created: boolean; openLimitReached?: true; duplicateOf?: string }
  const insertOrder = writeTx(db, (order: Order, maxOpen: number | undefined, refuseDuplicate: boolean): Inserted => {
    const isNew = (maxOpen === undefined && !refuseDuplicate) || !one(s.orderExists, { id: order.id })
    if (refuseDuplicate && isNew && order.menuItemId !== null) {
      // under the write lock: a parallel place of the same item waits here and then sees this one
      const open = parseDocs<Order>(all(s.openOf, { ownerIds: JSON.stringify([order.ownerId]), statuses: JSON.stringify(OPEN_STATUSES), limit: DUPLICATE_CANDIDATES_MAX }))
      const duplicateOf = duplicatesAmong([order], open).get(order.id)
      if (duplicateOf) return { order, created: false, duplicateOf }
    }
    if (maxOpen !== undefined && isNew) {
      const params = { ownerId: order.ownerId, statuses: JSON.stringify(OPEN_STATUSES), forName: order.onBehalfOf?.name ?? '' }
      if (one<{ n: number }>(s.openOrdersOf, params)!.n >= maxOpen) return { order, created: false, openLimitReached: true }
    }
    if (s.insertOrder.run(orderRow(order)).changes === 0) return { order: readOrder(order.id)!, created: false }
    writeOrderIndex(order, false)
    rollups.apply(rollupDelta(null, order))
    rollups.trackOpen(order, true)
    return { order, created: true }
  })

  const loadOrder = readTx(db, (orderId: string, teamIds: string[], requestKey: string | undefined): LoadedOrder => {
    const order = readOrder(orderId)
    const found: Team[] = teamIds.length > 0 ? teams.readTeams(teamIds) : []
    const stored = requestKey === undefined ? undefined : requests.response(requestKey)
    return { order, teams: found, replay: stored !== undefined ? JSON.parse(stored) : undefined }
  })

  const transition = writeTx(db, (change: TransitionChange): 'ok' | 'conflict' | 'duplicate' => {
    const { next, expectedVersion } = change
    const row = { ...orderRow(next), expectedVersion }
    // the stored order at expectedVersion is what the rollups move from (read under the same write lock)
    const prev = change.prev ?? readOrder(next.id)
    // The one place the SQLite adapter decides a version conflict: this conditional write runs under the write lock
    // of the IMMEDIATE transaction, so no other connection or process can move the order between its check and its
    // write, and any earlier read could only guess. (The lifecycle never changes an order's owner or creation time; a
    // caller that does takes the second, slower write.)
    if (s.updateOrderIfVersion.run(row).changes === 0 && s.replaceOrderIfVersion.run(row).changes === 0) {
      throw new Rollback('conflict' as const)
    }
    writeOrderIndex(next, true)
    if (prev) rollups.apply(rollupDelta(prev, next))
    rollups.trackOpen(next)
    // the daily cap is decided here, under the write lock, from the day's awards as stored: exact across processes
    const written = (change.awards ?? []).map((award) => appendAward(capped(award, change.dailyCap ?? 0)))
    const response = change.answer ? change.answer(written) : change.request?.response
    for (const n of change.notifications ?? []) notifications.insert(n)
    for (const e of change.audit ?? []) audit.insert(e)
    if (change.request) requests.insert(change.request.key, JSON.stringify(response ?? null), next.updatedAt)
    return 'ok'
  })

  function capped(award: LedgerEntry, dailyCap: number): LedgerEntry {
    if (dailyCap <= 0) return award
    const day = pointsDay(award.at)
    return capAward(award, ledger.awardedBetween(award.userId, day.from, day.to), dailyCap)
  }

  function appendAward(award: LedgerEntry): LedgerEntry {
    const balance = ledger.append(award)
    if (balance === null) throw new Rollback('duplicate' as const)
    // the port has no 'insufficient' answer for a transition: a negative award is a caller's bug
    if (balance < 0) throw new Error(`transition: award ${award.id} would make the balance of ${award.userId} negative`)
    return award
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
    const arm = (stmt: Statement, params: object, after: Key) => () =>
      all<Key>(stmt, { ...params, ...keyParams(after), limit: limit + 1 })
    switch (query.kind) {
      case 'owner': {
        const after = decodeKey(page.cursor, HIGH)
        const rows = all<Key & { doc: string }>(s.ownerPage, {
          ownerId: query.ownerId,
          ...keyParams(after),
          limit: limit + 1,
        })
        return toPage(parseDocs<Order>(rows), rows, limit)
      }
      case 'queue': {
        const after = decodeKey(page.cursor, LOW)
        const arms = uniq(query.statuses).map((status) => arm(s.queueArm, { unitId: query.unitId, status }, after))
        return pageFromArms(arms, 'asc', limit)
      }
      case 'tasks': {
        const after = decodeKey(page.cursor, HIGH)
        const arms = uniq(query.teamIds).flatMap((teamId) =>
          OPEN_FOR_TEAMS.map((status) => arm(s.teamArm, { teamId, status }, after)),
        )
        arms.push(arm(s.claimArm, { volunteerId: query.volunteerId }, after))
        return pageFromArms(arms, 'desc', limit)
      }
    }
  }

  function listOverview(q: OverviewQuery, page: PageRequest): Page<Order> {
    const limit = page.limit
    const desc = q.sort === 'newest'
    const after = decodeKey(page.cursor, desc ? HIGH : LOW)
    const stmt = q.themeId
      ? desc ? s.overviewThemeDesc : s.overviewThemeAsc
      : desc ? s.overviewDesc : s.overviewAsc
    const common = {
      unitId: q.unitId,
      ...(q.themeId ? { themeId: q.themeId } : {}),
      from: q.from ?? LOW.at,
      to: q.to ?? HIGH.at,
      search: q.search ? q.search : null,
      ...keyParams(after),
      limit: limit + 1,
    }
    const arms = q.arms.map((arm) => () =>
      all<Key>(stmt, {
        ...common,
        status: arm.status,
        before: arm.updatedBefore ?? null,
        preferredBefore: arm.preferredBefore ?? null,
        // the handling units as one delimited string ('\u0001a\u0001b\u0001'), matched with instr: no json_each scan
        handlers: arm.handlingUnitIds ? `\u0001${arm.handlingUnitIds.join('\u0001')}\u0001` : null,
      }),
    )
    return pageFromArms(arms, desc ? 'desc' : 'asc', limit)
  }

  return {
    async listFollowUps(q, page) {
      const after = decodeKey(page.cursor, LOW)
      const limit = page.limit
      const created = q.createdFrom || q.createdTo ? { createdFrom: q.createdFrom ?? LOW.at, createdTo: q.createdTo ?? HIGH.at } : { createdFrom: null, createdTo: null }
      const params = { unitId: q.unitId, status: q.status, before: q.dueBefore ?? HIGH.at, ...created, ...keyParams(after), limit: limit + 1 }
      return pageFromArms([() => all<Key>(s.followUpArm, params)], 'asc', limit)
    },
    async listOverview(query, page) {
      return listOverview(query, page)
    },
    async listOpenOf(ownerIds, limit) {
      if (ownerIds.length === 0 || limit <= 0) return []
      return parseDocs<Order>(
        all(s.openOf, { ownerIds: JSON.stringify(uniq(ownerIds)), statuses: JSON.stringify(OPEN_STATUSES), limit: Math.floor(limit) }),
      )
    },
    async insertOrder(order, opts) {
      return insertOrder(order, opts?.maxOpen, opts?.refuseDuplicate === true)
    },
    async loadOrder(orderId, opts) {
      return loadOrder(orderId, opts?.teamIds ?? [], opts?.requestKey)
    },
    async transition(change) {
      if (change.next.id !== change.orderId || change.next.version !== change.expectedVersion + 1) {
        throw new Error('transition: next must be the same order at expectedVersion + 1')
      }
      return transition(change)
    },
    async listOrders(query, page) {
      return listOrders(query, page)
    },
    async listPeriod({ unitId, from, to }, page) {
      const after = decodeKey(page.cursor, LOW)
      const limit = page.limit
      const arms = ORDER_STATUSES.map(
        (status) => () => all<Key>(s.periodArm, { unitId, status, from, to, ...keyParams(after), limit: limit + 1 }),
      )
      return pageFromArms(arms, 'asc', limit)
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
