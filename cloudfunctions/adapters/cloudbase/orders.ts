import { OPEN_STATUSES, ORDER_STATUSES, WITH_TEAMS_STATUSES } from '~types'
import type { AppNotification, AuditEntry, Order, OrderStatus, Team } from '~types'
import type { OrderStore, OverviewArm, OverviewQuery, TransitionChange } from '~core/ports'
import { duplicatesAmong, searchTextOf } from '~core/overview'
import { bump, childOn, emptyOrderStats, isServed } from '~core/stats'
import type { DocData } from './db-types'
import {
  abort,
  body,
  chunks,
  clampLimit,
  cmpKey,
  type Conn,
  decodePosition,
  fromDoc,
  isConflictError,
  isDuplicateError,
  isPlainObject,
  mapLimit,
  PAGE,
  sdk,
  toPage,
  WRITE_CONCURRENCY,
} from './db'
import { appendInTx, awardInTx } from './ledger'
import { applyRollup } from './stats'
import { isEmptyDelta, rollupDelta } from '~core/figures'

type Group<K> = { _id: K; n: number; people?: number }

// ---------------------------------------------------------------- the order document's outbox

/**
 * What a transition owes beyond the order itself rides in the order document, written by the same conditional
 * update: the notifications it sends (`outbox`) and the answer to its request (`answers`), flagged by `flushPending`.
 * The delivery run moves them to their collections (flushOutboxes) before it reads the pending notifications, and
 * the readers that cannot wait for it (listOrderNotifications, loadOrder's replay) read the order document too.
 */
interface OutboxFields {
  outbox?: AppNotification[]
  /** audit entries (contact reveals) the transition recorded, for the audit collection */
  auditOutbox?: AuditEntry[]
  answers?: StoredAnswer[]
  flushPending?: true
}

interface StoredAnswer {
  key: string
  /** JSON text: an answer's keys need not be valid field names, and no merge rules apply to it */
  response: string
  at: string
}

/**
 * Fields the adapter derives from the order and stores beside it (never part of the Order): `searchText`, the
 * normalized text 订单总览 searches (core/overview.ts searchTextOf), set on every write of the order.
 */
const DERIVED_FIELDS = ['searchText'] as const

const derived = (order: Order) => ({ searchText: searchTextOf(order) })

const OUTBOX_FIELDS = ['outbox', 'auditOutbox', 'answers', 'flushPending', ...DERIVED_FIELDS] as const

/** The order of a stored document, without the outbox fields. */
export function toOrder(doc: DocData): Order {
  const order = fromDoc<Order & OutboxFields & { searchText?: string }>(doc)
  for (const field of OUTBOX_FIELDS) delete order[field]
  return order
}

const outboxOf = (doc: DocData | null): AppNotification[] => ((doc as OutboxFields | null)?.outbox ?? []).slice()

/** The audit entries still riding in an order document (not yet moved to the audit collection). */
export const auditOutboxOf = (doc: DocData | null): AuditEntry[] => ((doc as OutboxFields | null)?.auditOutbox ?? []).slice()

const answerText = (response: unknown) => JSON.stringify(response ?? null)

/**
 * Moves the outboxes of orders flagged flushPending (all, or those of `orderIds`) into the notifications and
 * requests collections, then clears each outbox unless the order moved meanwhile (the next run takes it then).
 * Idempotent: a notification id already recorded is left as it was, an answer is set by its key.
 */
export async function flushOutboxes(c: Conn, orderIds?: readonly string[]): Promise<void> {
  const pending = { flushPending: true }
  const some = (ids: string[]) => c.readAll('orders', { _id: c._.in(ids), ...pending })
  const docs = orderIds
    ? (await Promise.all(chunks([...new Set(orderIds)], PAGE).map(some))).flat()
    : await c.readAll('orders', pending)
  await mapLimit(docs, WRITE_CONCURRENCY, async (doc) => {
    const { outbox = [], auditOutbox = [], answers = [] } = doc as DocData & OutboxFields
    await c.insertEach('notifications', outbox)
    await c.insertEach('audit', auditOutbox)
    for (const a of answers) await sdk(c.col('requests').doc(a.key).set({ data: { response: a.response, at: a.at } }))
    const clear = { outbox: c._.remove(), auditOutbox: c._.remove(), answers: c._.remove(), flushPending: c._.remove() }
    await sdk(c.col('orders').where({ _id: doc._id, version: doc.version }).update({ data: clear }))
  })
}

/** The notifications still in an order's outbox (not yet moved to the notifications collection), as recorded. */
export async function outboxNotifications(c: Conn, orderId: string): Promise<AppNotification[]> {
  return outboxOf(await c.getDoc('orders', orderId))
}

/** `text` as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * The rollups follow a write that has already happened: a failure to apply them must not turn the caller's
 * successful transition into an error (a retry would be answered from the stored answer anyway). The day is left
 * short, and the scheduled job's recount (stats.ts repairDay) puts it right.
 */
async function applyRollupOrLeave(c: Conn, delta: Parameters<typeof applyRollup>[1]): Promise<void> {
  try {
    await applyRollup(c, delta)
  } catch {
    // left to the repair
  }
}

/** The field an order's aggregate row carries the joined answer in (never stored). */
const JOINED_ANSWER = 'joinedAnswer'

export function createOrderStore(c: Conn): OrderStore {
  /** The order document and the response stored in `requests` under `key`, in one request. */
  const orderWithAnswer = async (orderId: string, key: string): Promise<{ doc: DocData | null; moved: string | undefined }> => {
    const joinAnswer = { from: 'requests', pipeline: [{ $match: { _id: key } }, { $limit: 1 }], as: JOINED_ANSWER }
    const res = await sdk(c.col('orders').aggregate().match({ _id: orderId }).lookup(joinAnswer).limit(1).end())
    const row = (res.list[0] as DocData | undefined) ?? null
    if (!row) return { doc: null, moved: undefined }
    const { [JOINED_ANSWER]: joined, ...doc } = row
    const response = (joined as DocData[] | undefined)?.[0]?.response
    return { doc, moved: typeof response === 'string' ? response : undefined }
  }

  /**
   * Update data that replaces every field of the order. Object values go through `_.set`: a plain object in update
   * data is merged field by field, and merging into a field that is null (completion, rating) fails.
   */
  const replacement = (order: Order): Record<string, unknown> => {
    const data: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(body(order))) data[key] = isPlainObject(value) ? c._.set(value) : value
    return { ...data, ...derived(order) }
  }

  /** Every group of an aggregate (match, then group), PAGE groups per request, in _id order. */
  const groupAll = async <K>(match: object, group: object): Promise<Array<Group<K>>> => {
    const out: Array<Group<K>> = []
    for (let skip = 0; ; skip += PAGE) {
      const res = await sdk(c.col('orders').aggregate().match(match).group(group).sort({ _id: 1 }).skip(skip).limit(PAGE).end())
      const list = res.list as Array<Group<K>>
      out.push(...list)
      if (list.length < PAGE) return out
    }
  }

  /** The order's conditional write (one update; a transaction when points are paid), before the rollups. */
  async function writeTransition(change: TransitionChange): Promise<'ok' | 'conflict' | 'duplicate'> {
    const { orderId, expectedVersion, next, awards = [], request } = change
    if (next.id !== orderId || next.version !== expectedVersion + 1) {
      throw new Error(`transition: next must be order ${orderId} at version ${expectedVersion + 1}`)
    }
    const notifications = change.notifications ?? []
    const audit = change.audit ?? []
    const stored = (response: unknown) => (request ? { key: request.key, response: answerText(response), at: next.updatedAt } : null)
    if (awards.length === 0) {
      const answer = stored(change.answer ? change.answer([]) : request?.response)
      // The version conflict is decided here, by stats.updated of this one conditional update, because it is the
      // only atomic compare-and-write CloudBase has: any read before it (the use case's, or a pre-check) is stale.
      // Everything the transition owes rides in the same document, so nothing else needs a transaction.
      const data = replacement(next)
      if (notifications.length > 0) data.outbox = c._.push(notifications)
      if (audit.length > 0) data.auditOutbox = c._.push(audit)
      if (answer) data.answers = c._.push([answer])
      if (notifications.length > 0 || audit.length > 0 || answer) data.flushPending = true
      const res = await sdk(c.col('orders').where({ _id: orderId, version: expectedVersion }).update({ data }))
      return res.stats.updated > 0 ? 'ok' : 'conflict'
    }
    try {
      // Requests: start, the order's version, per volunteer one entry and one balance increment (plus a set on their
      // first award; under a daily cap a read and a set of the balance instead), the order, the answer (keyed),
      // commit. Riding in the outbox, the answer would save one; it is written to `requests` at once because
      // test/store/cloudbase.test.ts pins that for a transition with awards.
      return await c.runTx(async (t): Promise<'ok' | 'conflict' | 'duplicate'> => {
        // points live in other documents, so this path needs a transaction, which has no conditional write: the
        // version is read inside it, and the commit fails (the callback re-runs) if the order moves after that read
        const current = await c.txGet(t, 'orders', orderId)
        if (!current || current.version !== expectedVersion) return abort(t, 'conflict' as const)
        // a duplicate award id rejects here; the error leaves the callback and runTransaction rolls back. With a
        // daily cap, each volunteer's balance is read and set in the transaction (one request more per volunteer)
        const cap = change.dailyCap ?? 0
        const written = cap > 0 ? await awardInTx(c, t, awards, cap) : (await appendInTx(c, t, awards, false), awards)
        const answer = stored(change.answer ? change.answer(written) : request?.response)
        // `set` replaces the document: what the outbox still holds goes along, with this transition's notifications
        const outbox = [...outboxOf(current), ...notifications]
        const answers = (current as DocData & OutboxFields).answers ?? []
        const auditOutbox = [...auditOutboxOf(current), ...audit]
        const kept: OutboxFields = {
          ...(outbox.length > 0 ? { outbox } : {}),
          ...(auditOutbox.length > 0 ? { auditOutbox } : {}),
          ...(answers.length > 0 ? { answers } : {}),
          ...(outbox.length > 0 || auditOutbox.length > 0 || answers.length > 0 ? { flushPending: true } : {}),
        }
        await sdk(t.collection('orders').doc(orderId).set({ data: { ...body(next), ...derived(next), ...kept } }))
        if (answer) {
          await sdk(t.collection('requests').doc(answer.key).set({ data: { response: answer.response, at: answer.at } }))
        }
        return 'ok'
      })
    } catch (e) {
      if (isDuplicateError(e)) return 'duplicate'
      if (isConflictError(e)) return 'conflict'
      throw e
    }
  }

  return {
    async insertOrder(order, opts = {}) {
      if (opts.refuseDuplicate && order.menuItemId !== null) {
        // the owner's open orders of the same item (owner_status index); a stored order of this id is a retry
        const where = { ownerId: order.ownerId, status: c._.in([...OPEN_STATUSES]), menuItemId: order.menuItemId }
        const open = (await sdk(c.col('orders').where(where).limit(PAGE).get())).data.map(toOrder)
        const stored = open.find((o) => o.id === order.id)
        if (stored) return { order: stored, created: false }
        const duplicateOf = duplicatesAmong([order], open).get(order.id)
        if (duplicateOf) return { order, created: false, duplicateOf }
      }
      if (opts.maxOpen !== undefined) {
        const forWhom = order.onBehalfOf ? { 'onBehalfOf.name': order.onBehalfOf.name } : { onBehalfOf: null }
        const where = { ownerId: order.ownerId, status: c._.in([...OPEN_STATUSES]), ...forWhom }
        const { total } = await sdk(c.col('orders').where(where).count())
        if (total >= opts.maxOpen) {
          const existing = await c.getDoc('orders', order.id)
          return existing ? { order: toOrder(existing), created: false } : { order, created: false, openLimitReached: true }
        }
      }
      if (await c.insert('orders', { ...order, ...derived(order) })) {
        await applyRollupOrLeave(c, rollupDelta(null, order))
        return { order, created: true }
      }
      const existing = await c.getDoc('orders', order.id)
      if (!existing) throw new Error(`insertOrder: duplicate write for ${order.id} but nothing stored`)
      return { order: toOrder(existing), created: false }
    },

    /**
     * At most two requests, issued together: the teams, and the order, which with a request key is one aggregate
     * that joins the answer stored under that key in `requests` (an uncorrelated lookup by _id), so a first tap pays
     * no extra request to learn that there is no answer. An answer not yet moved there is in the order's outbox.
     */
    async loadOrder(orderId, opts = {}) {
      const key = opts.requestKey
      const [found, teams] = await Promise.all([
        key ? orderWithAnswer(orderId, key) : c.getDoc('orders', orderId).then((doc) => ({ doc, moved: undefined })),
        opts.teamIds?.length ? c.readIds('teams', opts.teamIds) : Promise.resolve([]),
      ])
      const { doc, moved } = found
      const stored = moved ?? (doc as (DocData & OutboxFields) | null)?.answers?.find((a) => a.key === key)?.response
      return {
        order: doc ? toOrder(doc) : null,
        teams: teams.map((d) => fromDoc<Team>(d)),
        replay: stored !== undefined && key ? JSON.parse(stored) : undefined,
      }
    },

    async transition(change) {
      const { orderId, expectedVersion, next } = change
      if (next.id !== orderId || next.version !== expectedVersion + 1) {
        throw new Error(`transition: next must be order ${orderId} at version ${expectedVersion + 1}`)
      }
      // what the rollups move from: the use case's snapshot at expectedVersion (read only when a caller gave none)
      const prev = change.prev ?? (await c.getDoc('orders', orderId).then((d) => (d ? toOrder(d) : null)))
      const outcome = await writeTransition(change)
      if (outcome === 'ok' && prev && prev.version === expectedVersion) {
        const delta = rollupDelta(prev, next)
        if (!isEmptyDelta(delta)) await applyRollupOrLeave(c, delta)
      }
      return outcome
    },

    async listOrders(query, page) {
      const _ = c._
      switch (query.kind) {
        case 'owner':
          return c.page('orders', { ownerId: query.ownerId }, 'createdAt', 'desc', page, toOrder)
        case 'queue':
          if (query.statuses.length === 0) return { items: [], nextCursor: null }
          return c.page(
            'orders',
            { unitPath: query.unitId, status: _.in([...new Set(query.statuses)]) },
            'createdAt',
            'asc',
            page,
            toOrder,
          )
        case 'tasks': {
          // Two index-backed queries instead of one $or, merged here: the first `limit + 1` of the union is within
          // the first `limit + 1` of each side.
          const limit = clampLimit(page.limit)
          const from = decodePosition(page.cursor)
          const sides: Array<Promise<DocData[]>> = [
            c.readSorted('orders', { 'claims.volunteerId': query.volunteerId }, 'createdAt', 'desc', limit + 1, from),
          ]
          if (query.teamIds.length > 0) {
            const dispatched = { teamIds: _.in([...new Set(query.teamIds)]), status: _.in([...WITH_TEAMS_STATUSES]) }
            sides.push(c.readSorted('orders', dispatched, 'createdAt', 'desc', limit + 1, from))
          }
          const byId = new Map<string, DocData>()
          for (const doc of (await Promise.all(sides)).flat()) byId.set(String(doc._id), doc)
          const merged = [...byId.values()].sort(
            (a, b) => cmpKey(b.createdAt, a.createdAt) || cmpKey(String(b._id), String(a._id)),
          )
          return toPage(merged, limit, 'createdAt', toOrder)
        }
      }
    },

    /** Index unitPath + status + createdAt (every status named, so the range on createdAt stays on the index). */
    /** 回访: index unitPath + followUp.status + followUp.dueAt (manifest); orders without a followUp never match. */
    async listFollowUps(q, page) {
      const _ = c._
      const due = q.dueBefore ? _.gt('').and(_.lt(q.dueBefore)) : _.gt('')
      const created = q.createdFrom || q.createdTo ? { createdAt: c.and(q.createdFrom ? _.gte(q.createdFrom) : null, q.createdTo ? _.lt(q.createdTo) : null) } : {}
      const where = { unitPath: q.unitId, 'followUp.status': q.status, 'followUp.dueAt': due, ...created }
      return c.page('orders', where, 'followUp.dueAt', 'asc', page, toOrder)
    },

    async listPeriod(q, page) {
      const _ = c._
      const where = { unitPath: q.unitId, status: _.in([...ORDER_STATUSES]), createdAt: _.gte(q.from).and(_.lt(q.to)) }
      return c.page('orders', where, 'createdAt', 'asc', page, toOrder)
    },

    /**
     * One query per group of arms that differ only in status (status in […]): one without 超时, one per cut with it;
     * in parallel, each cut at limit + 1 in the page's order and merged here. Indexes: unitPath +
     * status + createdAt + updatedAt, and the same with themeId after unitPath (manifest). The search is a regular
     * expression on the stored `searchText`, which no index serves: the database scans the documents of the arm's
     * index range (the subtree's orders of that status, period and theme) for it.
     */
    async listOverview(q: OverviewQuery, page) {
      const _ = c._
      const limit = clampLimit(page.limit)
      const dir = q.sort === 'newest' ? 'desc' : 'asc'
      const from = decodePosition(page.cursor)
      const created = q.from || q.to ? { createdAt: c.and(q.from ? _.gte(q.from) : null, q.to ? _.lt(q.to) : null) } : {}
      const search = q.search ? { searchText: c.db.RegExp({ regexp: escapeRegExp(q.search) }) } : {}
      // arms that differ only in their status are one query (status in […], merged in index order by the database)
      const groups = new Map<string, { statuses: OrderStatus[]; arm: OverviewArm }>()
      for (const arm of q.arms) {
        const key = JSON.stringify([arm.updatedBefore ?? null, arm.handlingUnitIds ?? null, arm.preferredBefore ?? null])
        const group = groups.get(key)
        if (group) group.statuses.push(arm.status)
        else groups.set(key, { statuses: [arm.status], arm })
      }
      const where = ({ statuses, arm }: { statuses: OrderStatus[]; arm: OverviewArm }) => ({
        unitPath: q.unitId,
        ...(q.themeId ? { themeId: q.themeId } : {}),
        status: statuses.length === 1 ? statuses[0] : _.in([...new Set(statuses)]),
        ...created,
        ...(arm.updatedBefore ? { updatedAt: _.lt(arm.updatedBefore) } : {}),
        ...(arm.preferredBefore ? { preferredAt: _.lt(arm.preferredBefore) } : {}),
        ...(arm.handlingUnitIds ? { orgUnitId: _.in(arm.handlingUnitIds) } : {}),
        ...search,
      })
      const sides = await Promise.all([...groups.values()].map((g) => c.readSorted('orders', where(g), 'createdAt', dir, limit + 1, from)))
      const byId = new Map<string, DocData>()
      for (const doc of sides.flat()) byId.set(String(doc._id), doc)
      const sign = dir === 'asc' ? 1 : -1
      const merged = [...byId.values()].sort(
        (a, b) => sign * (cmpKey(a.createdAt, b.createdAt) || cmpKey(String(a._id), String(b._id))),
      )
      return toPage(merged, limit, 'createdAt', toOrder)
    },

    /** Index ownerId + status; PAGE owners per query, at most PAGE orders each (CloudBase's page). */
    async listOpenOf(ownerIds, limit) {
      if (ownerIds.length === 0 || limit <= 0) return []
      const _ = c._
      const size = Math.min(PAGE, Math.floor(limit))
      const pages = await Promise.all(
        chunks([...new Set(ownerIds)], PAGE).map(async (owners) => {
          const where = { ownerId: _.in(owners), status: _.in([...OPEN_STATUSES]) }
          return (await sdk(c.col('orders').where(where).limit(size).get())).data
        }),
      )
      return pages.flat().slice(0, Math.floor(limit)).map(toOrder)
    },

    async listStale(status, before, limit, after) {
      if (limit <= 0) return []
      const docs = await c.readSorted(
        'orders',
        { status, updatedAt: c._.lt(before) },
        'updatedAt',
        'asc',
        Math.floor(limit),
        after ? [after.updatedAt, after.id] : null,
      )
      return docs.map(toOrder)
    },

    /** Index status + preferredAt; orders without a preferred time hold null there and never match the range. */
    async listPreferredDue(before, limit, after) {
      if (limit <= 0) return []
      const _ = c._
      const docs = await c.readSorted(
        'orders',
        { status: _.in([...OPEN_STATUSES]), preferredAt: _.gt('').and(_.lt(before)) },
        'preferredAt',
        'asc',
        Math.floor(limit),
        after ? [after.preferredAt, after.id] : null,
      )
      return docs.map(toOrder)
    },

    /**
     * Two aggregates in parallel over the orders of the period in the unit's subtree (index unitPath + status +
     * createdAt, every status named so that the range on createdAt stays on the index): counts and people per
     * (status, theme, unit path), folded here into the figures by status, by theme and by the unit's children, and
     * the count of orders ever claimed. The database reads every order of the period; only the groups travel back,
     * PAGE at a time (a county's statuses × themes × paths of one period rarely pass one page).
     */
    async orderStats(q) {
      const _ = c._
      const $ = _.aggregate
      const period = { unitPath: q.unitId, status: _.in([...ORDER_STATUSES]), createdAt: _.gte(q.from).and(_.lt(q.to)) }
      const everClaimed = _.or([{ 'claims.volunteerId': _.exists(true) }, { 'timeline.action': 'claim' }])
      type Key = { status: OrderStatus; themeId?: string; unitPath?: string[] }
      const [groups, taken] = await Promise.all([
        groupAll<Key>(period, {
          _id: { status: '$status', themeId: '$themeId', unitPath: '$unitPath' },
          n: $.sum(1),
          people: $.sum('$completion.beneficiaryCount'),
        }),
        groupAll<null>(c.and(period, everClaimed as object) as object, { _id: null, n: $.sum(1) }),
      ])
      const stats = emptyOrderStats()
      for (const { _id: key, n, people } of groups) {
        stats.placed += n
        stats.byStatus[key.status] = (stats.byStatus[key.status] ?? 0) + n
        if (isServed(key.status)) {
          stats.served += n
          stats.people += people ?? 0
        }
        bump(stats.byTheme, key.themeId as string, n)
        bump(stats.byUnit, childOn(key.unitPath as string[], q.unitId), n)
      }
      stats.taken = taken.reduce((sum, r) => sum + r.n, 0)
      return stats
    },
  }
}
