import { AppError } from '~core/errors'
import { ORDER_STATUSES, SUBSCRIBE_TEMPLATES } from '~types'
import type {
  AppNotification,
  Balance,
  InboxMessage,
  SubscribeGrants,
  SubscribeSend,
  SubscribeTemplate,
  LedgerEntry,
  Membership,
  MenuItem,
  Order,
  OrderStats,
  OrderStatus,
  OrgUnit,
  Page,
  Role,
  Team,
  Theme,
  UnitSettings,
  User,
} from '~types'
import type {
  ImportData,
  LeaderboardEntry,
  LoadedOrder,
  OrderQuery,
  PageRequest,
  ProfilePatch,
  StalePosition,
  Store,
  TeamFilter,
  TeamStats,
  TransitionChange,
} from '~core/store'
import { bump, childOn, emptyOrderStats, isServed } from '~core/stats'
import type { CloudDb, DbCollection, DbQuery, DbTransaction, DocData, SdkResult } from './db-types'

export type { CloudDb } from './db-types'

/**
 * The CloudBase (WeChat Cloud Development) adapter of the Store port, over `cloud.database()` of wx-server-sdk.
 *
 * Platform rules it follows:
 * - a document's `_id` is the domain id; ids that carry idempotency (memberships, ledger entries, request answers)
 *   are deterministic, so a retried insert fails with DATABASE_DUPLICATE_WRITE instead of writing twice;
 * - a single-document conditional write is `where({...}).update()` judged by `stats.updated`;
 * - a write over several documents is `runTransaction` with single-document operations only, whose callback reads
 *   everything it decides on and may run more than once;
 * - every read names its page size (at most PAGE) and its order, and every query is backed by an index declared in
 *   cloudfunctions/deploy/manifest.json.
 */
export function createCloudbaseStore(db: CloudDb): Store {
  return new CloudbaseStore(db)
}

export const COLLECTIONS = [
  'users',
  'units',
  'themes',
  'menu_items',
  'teams',
  'memberships',
  'orders',
  'ledger',
  'balances',
  'requests',
  'unit_settings',
  'notifications',
  'job_cursors',
  'inbox',
  'subscribe_grants',
  'subscribe_sends',
] as const
type CollectionName = (typeof COLLECTIONS)[number]

/** Largest page any query asks for. */
export const PAGE = 100
/** teamStats groups by (team, status): 3 statuses × TEAM_CHUNK teams stays within one aggregate page. */
const TEAM_CHUNK = 30
/** Writes in flight at once during importData; the free tier allows about 20 writes per second. */
const IMPORT_CONCURRENCY = 8
/** Whole-transaction attempts when a write conflict escapes the SDK's own retries (see runTx). */
const TX_ATTEMPTS = 3

const OPEN_STATUSES: OrderStatus[] = ['dispatched', 'claimed']

type Dir = 'asc' | 'desc'

// ---------------------------------------------------------------- helpers over the SDK

/** In a cloud function every SDK call returns a promise; the declared `| void | string` is the callback style. */
function sdk<T>(result: SdkResult<T>): Promise<T> {
  if (result && typeof (result as Promise<T>).then === 'function') return result as Promise<T>
  throw new Error('wx-server-sdk call did not return a promise')
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e
  if (e && typeof e === 'object') {
    const o = e as { message?: unknown; errMsg?: unknown }
    return `${String(o.message ?? '')} ${String(o.errMsg ?? '')}`
  }
  return ''
}

/** An insert hit an existing `_id` (or a unique index). The SDK maps it to errCode -502001 (or -501001). */
export function isDuplicateError(e: unknown): boolean {
  return /DATABASE_DUPLICATE_WRITE|E11000|duplicate key/i.test(errorText(e))
}

/** `doc(id).get()` of a missing document: the SDK rejects with "document with _id … does not exist". */
function isNotFoundError(e: unknown): boolean {
  return /document with _id .* does not exist/i.test(errorText(e))
}

/**
 * A transaction lost a write conflict. runTransaction retries the callback itself only when the commit fails with
 * the raw code; a conflict reported by an operation inside reaches us wrapped (errCode -501001), hence runTx.
 */
function isConflictError(e: unknown): boolean {
  if (e && typeof e === 'object' && (e as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT') return true
  return /TRANSACTION_CONFLICT|TransactionConflict|WriteConflict|transaction conflict/i.test(errorText(e))
}

/** The reason handed to `t.rollback()`: runTransaction rejects with it, and the adapter turns it into an answer. */
class TxAbort<T> {
  constructor(readonly value: T) {}
}

async function abort<T>(t: DbTransaction, value: T): Promise<never> {
  const reason = new TxAbort(value)
  try {
    await t.rollback(reason)
  } catch {
    // the rollback failed: throwing still makes runTransaction roll back and reject with the reason
  }
  throw reason
}

function toDoc(obj: { id: string }): DocData {
  const { id, ...rest } = obj
  return { _id: id, ...rest }
}

/** The fields of a document without its id, for `set` (which refuses `_id`). */
function body(obj: { id: string }): Record<string, unknown> {
  const { id: _omit, ...rest } = obj
  return rest
}

function fromDoc<T>(doc: DocData): T {
  const { _id, _openid: _ignored, ...rest } = doc as DocData & { _openid?: unknown }
  return { id: String(_id), ...rest } as T
}

function toSettings(doc: DocData): UnitSettings {
  return {
    unitId: String(doc.unitId ?? doc._id),
    limits: (doc.limits as UnitSettings['limits'] | undefined) ?? {},
    updatedAt: String(doc.updatedAt ?? ''),
    updatedBy: String(doc.updatedBy ?? ''),
  }
}

function toGrants(doc: DocData | null): SubscribeGrants {
  const grants = Object.fromEntries(SUBSCRIBE_TEMPLATES.map((t) => [t, 0])) as SubscribeGrants
  for (const t of SUBSCRIBE_TEMPLATES) grants[t] = Number(doc?.[t] ?? 0)
  return grants
}

function toBalance(userId: string, doc: DocData | null): Balance {
  return {
    userId,
    balance: Number(doc?.balance ?? 0),
    earned: Number(doc?.earned ?? 0),
    hours: Number(doc?.hours ?? 0),
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function union<T>(list: readonly T[], more: readonly T[]): T[] {
  const out = [...list]
  for (const x of more) if (!out.includes(x)) out.push(x)
  return out
}

const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i])

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

function cmpKey(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a ?? '')
  const y = String(b ?? '')
  return x < y ? -1 : x > y ? 1 : 0
}

function clampLimit(limit: number): number {
  return Math.max(1, Math.min(PAGE, Math.floor(Number(limit) || 1)))
}

// Cursors are opaque to callers: the sort value and the id of the last item returned.
function encodeCursor(value: unknown, id: string): string {
  return Buffer.from(JSON.stringify([value, id]), 'utf8').toString('base64url')
}

function decodeCursor(cursor: string): [unknown, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string') return [parsed[0], parsed[1]]
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', '翻页参数有误')
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

// ---------------------------------------------------------------- the store

class CloudbaseStore implements Store {
  constructor(private readonly db: CloudDb) {}

  private get _() {
    return this.db.command
  }

  private col(name: CollectionName): DbCollection {
    return this.db.collection(name)
  }

  private and(...conds: Array<object | null | undefined>): object | null {
    const present = conds.filter((c): c is object => !!c)
    if (present.length === 0) return null
    return present.length === 1 ? present[0] : (this._.and(present) as object)
  }

  /** Strictly after (value, id) in the order (field dir, _id dir). */
  private after(field: string, dir: Dir, value: unknown, id: string): object {
    const _ = this._
    const beyond = dir === 'asc' ? _.gt.bind(_) : _.lt.bind(_)
    return _.or([{ [field]: beyond(value) }, { [field]: _.eq(value), _id: beyond(id) }]) as object
  }

  private async getDoc(name: CollectionName, id: string): Promise<DocData | null> {
    try {
      const res = await sdk(this.col(name).doc(id).get())
      return res.data ?? null
    } catch (e) {
      if (isNotFoundError(e)) return null
      throw e
    }
  }

  private async txGet(t: DbTransaction, name: CollectionName, id: string): Promise<DocData | null> {
    try {
      const res = await sdk(t.collection(name).doc(id).get())
      return res.data ?? null
    } catch (e) {
      if (isNotFoundError(e)) return null
      throw e
    }
  }

  /** Inserts with its `_id`; false if that `_id` exists. */
  private async insert(name: CollectionName, obj: { id: string }): Promise<boolean> {
    try {
      await sdk(this.col(name).add({ data: toDoc(obj) }))
      return true
    } catch (e) {
      if (isDuplicateError(e)) return false
      throw e
    }
  }

  /** Every document matching `where`, in pages of PAGE, keyset on `_id` (no skip: cost stays linear). */
  private async readAll(name: CollectionName, where: object | null): Promise<DocData[]> {
    const out: DocData[] = []
    let last: string | null = null
    for (;;) {
      const cond = this.and(where, last === null ? null : { _id: this._.gt(last) })
      const base = cond ? this.col(name).where(cond) : this.col(name)
      const { data } = await sdk(base.orderBy('_id', 'asc').limit(PAGE).get())
      out.push(...data)
      if (data.length < PAGE) return out
      last = String(data[data.length - 1]._id)
    }
  }

  /** Documents by id, PAGE ids per query, queries in parallel; in the order of `ids`, missing ones left out. */
  private async readIds(name: CollectionName, ids: readonly string[], extra: object | null = null): Promise<DocData[]> {
    const unique = [...new Set(ids)]
    const pages = await Promise.all(
      chunks(unique, PAGE).map(async (chunk) => {
        const cond = this.and({ _id: this._.in(chunk) }, extra)!
        const { data } = await sdk(this.col(name).where(cond).limit(PAGE).get())
        return data
      }),
    )
    const byId = new Map(pages.flat().map((d) => [String(d._id), d]))
    return unique.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []))
  }

  /** The first `n` documents matching `where` in (field dir, _id dir) order, after `from` if given. */
  private async readSorted(
    name: CollectionName,
    where: object,
    field: string,
    dir: Dir,
    n: number,
    from: [unknown, string] | null,
  ): Promise<DocData[]> {
    const out: DocData[] = []
    let cursor = from
    while (out.length < n) {
      const size = Math.min(PAGE, n - out.length)
      const cond = this.and(where, cursor ? this.after(field, dir, cursor[0], cursor[1]) : null)!
      const { data } = await sdk(
        this.col(name).where(cond).orderBy(field, dir).orderBy('_id', dir).limit(size).get(),
      )
      out.push(...data)
      if (data.length < size) break
      const last = data[data.length - 1]
      cursor = [last[field], String(last._id)]
    }
    return out
  }

  private async page<T>(name: CollectionName, where: object, field: string, dir: Dir, req: PageRequest): Promise<Page<T>> {
    const limit = clampLimit(req.limit)
    const from = req.cursor ? decodeCursor(req.cursor) : null
    // one more than asked tells whether there is a next page; above PAGE that costs one extra query of one document
    const docs = await this.readSorted(name, where, field, dir, limit + 1, from)
    return this.toPage<T>(docs, limit, field)
  }

  private toPage<T>(docs: DocData[], limit: number, field: string): Page<T> {
    const items = docs.slice(0, limit)
    const last = items[items.length - 1]
    return {
      items: items.map((d) => fromDoc<T>(d)),
      nextCursor: docs.length > limit && last ? encodeCursor(last[field], String(last._id)) : null,
    }
  }

  /**
   * runTransaction, plus whole-transaction retries for conflicts the SDK does not retry itself (an operation inside
   * the transaction that loses a write conflict rejects with a wrapped error, and runTransaction passes it on).
   */
  private async runTx<T>(callback: (t: DbTransaction) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.runTransaction(callback)
      } catch (e) {
        if (e instanceof TxAbort) return e.value as T
        if (attempt < TX_ATTEMPTS && isConflictError(e)) continue
        throw e
      }
    }
  }

  // ---------------------------------------------------------------- users

  async getUserByOpenid(openid: string): Promise<User | null> {
    const { data } = await sdk(this.col('users').where({ openid }).limit(1).get())
    return data[0] ? fromDoc<User>(data[0]) : null
  }

  async getUsers(ids: string[]): Promise<User[]> {
    if (ids.length === 0) return []
    return (await this.readIds('users', ids)).map((d) => fromDoc<User>(d))
  }

  async createUser(user: User): Promise<User> {
    if (await this.insert('users', user)) return user
    const existing = await this.getDoc('users', user.id)
    if (existing) return fromDoc<User>(existing)
    // not the _id but the unique openid index refused it: the person already has an account under another id
    const byOpenid = await this.getUserByOpenid(user.openid)
    if (byOpenid) return byOpenid
    throw new Error(`createUser: duplicate write for ${user.id} but no stored user found`)
  }

  async updateProfile(userId: string, patch: ProfilePatch): Promise<User | null> {
    const data: Record<string, unknown> = {}
    for (const key of ['name', 'phone', 'orgUnitId', 'unitPath'] as const) {
      if (patch[key] !== undefined) data[key] = patch[key]
    }
    // stats.updated is 0 both for a missing user and for a patch that changes nothing, so the read decides
    if (Object.keys(data).length > 0) await sdk(this.col('users').doc(userId).update({ data }))
    const doc = await this.getDoc('users', userId)
    return doc ? fromDoc<User>(doc) : null
  }

  async setRole(userId: string, role: Role, grant: boolean, managedUnitId?: string | null): Promise<User | null> {
    const managing = role === 'manager' || role === 'admin'
    return this.runTx(async (t) => {
      const doc = await this.txGet(t, 'users', userId)
      if (!doc) return abort(t, null)
      const user = fromDoc<User>(doc)
      const roles = grant ? union(user.roles, [role]) : user.roles.filter((r) => r !== role)
      let managed = user.managedUnitId ?? null
      if (grant && managing && managedUnitId !== undefined) managed = managedUnitId
      if (!grant && managing && !roles.includes('manager') && !roles.includes('admin')) managed = null
      if (sameList(roles, user.roles) && managed === (user.managedUnitId ?? null)) return abort(t, user)
      await sdk(t.collection('users').doc(userId).update({ data: { roles, managedUnitId: managed } }))
      return { ...user, roles, managedUnitId: managed }
    })
  }

  async listUsers(): Promise<User[]> {
    return (await this.readAll('users', null)).map((d) => fromDoc<User>(d))
  }

  // ---------------------------------------------------------------- organisation and catalog

  async listUnits(): Promise<OrgUnit[]> {
    return (await this.readAll('units', null)).map((d) => fromDoc<OrgUnit>(d))
  }

  async getUnit(id: string): Promise<OrgUnit | null> {
    const doc = await this.getDoc('units', id)
    return doc ? fromDoc<OrgUnit>(doc) : null
  }

  async listThemes(): Promise<Theme[]> {
    const themes = (await this.readAll('themes', null)).map((d) => fromDoc<Theme>(d))
    return themes.sort((a, b) => a.sort - b.sort || cmpKey(a.id, b.id))
  }

  async listMenuItems(unitIds: string[]): Promise<MenuItem[]> {
    if (unitIds.length === 0) return []
    const [docs, themes] = await Promise.all([
      this.readAll('menu_items', { orgUnitId: this._.in([...new Set(unitIds)]) }),
      this.listThemes(),
    ])
    const rank = new Map(themes.map((t, i) => [t.id, i]))
    const items = docs.map((d) => fromDoc<MenuItem>(d))
    const r = (item: MenuItem) => rank.get(item.themeId) ?? Number.MAX_SAFE_INTEGER
    return items.sort((a, b) => r(a) - r(b) || cmpKey(a.title, b.title) || cmpKey(a.id, b.id))
  }

  async getMenuItem(id: string): Promise<MenuItem | null> {
    const doc = await this.getDoc('menu_items', id)
    return doc ? fromDoc<MenuItem>(doc) : null
  }

  async saveMenuItem(item: MenuItem): Promise<MenuItem> {
    await sdk(this.col('menu_items').doc(item.id).set({ data: body(item) }))
    return item
  }

  async listTeams(filter: TeamFilter): Promise<Team[]> {
    if (filter.ids?.length === 0 || filter.unitIds?.length === 0) return []
    const where: Record<string, unknown> = {}
    if (filter.unitIds) where.orgUnitId = this._.in([...new Set(filter.unitIds)])
    if (filter.themeId !== undefined) where.themeIds = filter.themeId
    const extra = Object.keys(where).length > 0 ? where : null
    const docs = filter.ids ? await this.readIds('teams', filter.ids, extra) : await this.readAll('teams', extra)
    return docs.map((d) => fromDoc<Team>(d)).sort((a, b) => cmpKey(a.name, b.name) || cmpKey(a.id, b.id))
  }

  async saveTeam(team: Team): Promise<Team> {
    return this.runTx(async (t) => {
      const existing = await this.txGet(t, 'teams', team.id)
      let memberIds = existing ? ((existing.memberIds as string[] | undefined) ?? []) : team.memberIds
      if (team.leaderId) memberIds = union(memberIds, [team.leaderId])
      const saved: Team = { ...team, memberIds }
      let leader: DocData | null = null
      if (team.leaderId) leader = await this.txGet(t, 'users', team.leaderId)
      await sdk(t.collection('teams').doc(team.id).set({ data: body(saved) }))
      if (leader) {
        const user = fromDoc<User>(leader)
        const roles = union(user.roles, ['leader', 'volunteer'])
        const teamIds = union(user.teamIds, [team.id])
        if (!sameList(roles, user.roles) || !sameList(teamIds, user.teamIds)) {
          await sdk(t.collection('users').doc(user.id).update({ data: { roles, teamIds } }))
        }
      }
      return saved
    })
  }

  /**
   * One aggregate per TEAM_CHUNK teams over the orders of those teams that are open or rated. Cost honesty: the
   * database scans every rated order the teams ever had (index teamIds+status), so the work grows with history;
   * per-team counters kept by `transition` would be O(1) but would put a hot document into every transaction.
   */
  async teamStats(teamIds: string[]): Promise<Record<string, TeamStats>> {
    const out: Record<string, TeamStats> = {}
    for (const id of teamIds) out[id] = { openLoad: 0, ratingSum: 0, ratingCount: 0 }
    const unique = [...new Set(teamIds)]
    if (unique.length === 0) return out
    const _ = this._
    const $ = _.aggregate
    const lists = await Promise.all(
      chunks(unique, TEAM_CHUNK).map(async (chunk) => {
        const res = await sdk(
          this.col('orders')
            .aggregate()
            .match({ teamIds: _.in(chunk), status: _.in([...OPEN_STATUSES, 'rated']) })
            .unwind('$teamIds')
            .match({ teamIds: _.in(chunk) })
            .group({ _id: { teamId: '$teamIds', status: '$status' }, count: $.sum(1), stars: $.sum('$rating.stars') })
            .limit(PAGE)
            .end(),
        )
        return res.list as Array<{ _id: { teamId: string; status: OrderStatus }; count: number; stars: number }>
      }),
    )
    for (const row of lists.flat()) {
      const stats = out[row._id.teamId]
      if (!stats) continue
      if (row._id.status === 'rated') {
        stats.ratingCount += row.count
        stats.ratingSum += row.stars ?? 0
      } else {
        stats.openLoad += row.count
      }
    }
    return out
  }

  // ---------------------------------------------------------------- membership

  async applyMembership(m: Membership): Promise<Membership> {
    const membership: Membership = { ...m, id: `${m.teamId}:${m.userId}` }
    if (await this.insert('memberships', membership)) return membership
    const existing = await this.getDoc('memberships', membership.id)
    if (!existing) throw new Error(`applyMembership: duplicate write for ${membership.id} but nothing stored`)
    return fromDoc<Membership>(existing)
  }

  async getMembership(teamId: string, userId: string): Promise<Membership | null> {
    const doc = await this.getDoc('memberships', `${teamId}:${userId}`)
    return doc ? fromDoc<Membership>(doc) : null
  }

  async listMembershipsOfUser(userId: string): Promise<Membership[]> {
    const docs = await this.readAll('memberships', { userId })
    return docs.map((d) => fromDoc<Membership>(d)).sort((a, b) => cmpKey(a.appliedAt, b.appliedAt) || cmpKey(a.id, b.id))
  }

  async listMemberships(teamIds: string[], status?: Membership['status']): Promise<Membership[]> {
    const unique = [...new Set(teamIds)]
    if (unique.length === 0) return []
    const pages = await Promise.all(
      chunks(unique, PAGE).map((chunk) =>
        this.readAll('memberships', { teamId: this._.in(chunk), ...(status ? { status } : {}) }),
      ),
    )
    return pages
      .flat()
      .map((d) => fromDoc<Membership>(d))
      .sort((a, b) => cmpKey(a.appliedAt, b.appliedAt) || cmpKey(a.id, b.id))
  }

  async approveMembership(teamId: string, userId: string, approvedBy: string, at: string): Promise<Membership | null> {
    const id = `${teamId}:${userId}`
    return this.runTx(async (t) => {
      const doc = await this.txGet(t, 'memberships', id)
      if (!doc) return abort(t, null)
      const current = fromDoc<Membership>(doc)
      if (current.status === 'active') return abort(t, current)
      const team = await this.txGet(t, 'teams', teamId)
      const user = await this.txGet(t, 'users', userId)
      const approved: Membership = { ...current, status: 'active', approvedAt: at, approvedBy }
      await sdk(t.collection('memberships').doc(id).update({ data: { status: 'active', approvedAt: at, approvedBy } }))
      if (team) {
        const memberIds = (team.memberIds as string[] | undefined) ?? []
        const next = union(memberIds, [userId])
        if (!sameList(next, memberIds)) await sdk(t.collection('teams').doc(teamId).update({ data: { memberIds: next } }))
      }
      if (user) {
        const u = fromDoc<User>(user)
        const teamIds = union(u.teamIds, [teamId])
        const roles = union(u.roles, ['volunteer'])
        if (!sameList(teamIds, u.teamIds) || !sameList(roles, u.roles)) {
          await sdk(t.collection('users').doc(userId).update({ data: { teamIds, roles } }))
        }
      }
      return approved
    })
  }

  async declineMembership(teamId: string, userId: string): Promise<boolean> {
    const res = await sdk(this.col('memberships').where({ _id: `${teamId}:${userId}`, status: 'pending' }).remove())
    return res.stats.removed > 0
  }

  // ---------------------------------------------------------------- orders

  async insertOrder(order: Order): Promise<{ order: Order; created: boolean }> {
    if (await this.insert('orders', order)) return { order, created: true }
    const existing = await this.getDoc('orders', order.id)
    if (!existing) throw new Error(`insertOrder: duplicate write for ${order.id} but nothing stored`)
    return { order: fromDoc<Order>(existing), created: false }
  }

  /** Three reads issued together: one round trip of latency, three requests. */
  async loadOrder(orderId: string, opts: { teamIds?: string[]; requestKey?: string } = {}): Promise<LoadedOrder> {
    const [order, teams, answer] = await Promise.all([
      this.getDoc('orders', orderId),
      opts.teamIds?.length ? this.readIds('teams', opts.teamIds) : Promise.resolve([]),
      opts.requestKey ? this.getDoc('requests', opts.requestKey) : Promise.resolve(null),
    ])
    return {
      order: order ? fromDoc<Order>(order) : null,
      teams: teams.map((d) => fromDoc<Team>(d)),
      replay: answer && typeof answer.response === 'string' ? JSON.parse(answer.response) : undefined,
    }
  }

  async transition(change: TransitionChange): Promise<'ok' | 'conflict' | 'duplicate'> {
    const { orderId, expectedVersion, next, awards = [], request } = change
    if (next.id !== orderId || next.version !== expectedVersion + 1) {
      throw new Error(`transition: next must be order ${orderId} at version ${expectedVersion + 1}`)
    }
    const notifications = change.notifications ?? []
    if (awards.length === 0 && !request && notifications.length === 0) {
      // one document: the conditional update is enough, and stats.updated says whether the version still matched
      const res = await sdk(
        this.col('orders').where({ _id: orderId, version: expectedVersion }).update({ data: this.replacement(next) }),
      )
      return res.stats.updated > 0 ? 'ok' : 'conflict'
    }
    try {
      return await this.runTx(async (t): Promise<'ok' | 'conflict' | 'duplicate'> => {
        const current = await this.txGet(t, 'orders', orderId)
        if (!current || current.version !== expectedVersion) return abort(t, 'conflict' as const)
        // a duplicate award id rejects here; the error leaves the callback and runTransaction rolls back
        for (const entry of awards) await sdk(t.collection('ledger').add({ data: toDoc(entry) }))
        await this.applyBalances(t, awards, false)
        await sdk(t.collection('orders').doc(orderId).set({ data: body(next) }))
        if (request) {
          // stored as JSON text: an answer's keys need not be valid field names, and no merge rules apply to it
          const answer = { response: JSON.stringify(request.response ?? null), at: next.updatedAt }
          await sdk(t.collection('requests').doc(request.key).set({ data: answer }))
        }
        // recorded once: a notification already stored (perhaps delivered since) is left as it is
        for (const n of notifications) {
          if (!(await this.txGet(t, 'notifications', n.id))) {
            await sdk(t.collection('notifications').doc(n.id).set({ data: body(n) }))
          }
        }
        return 'ok'
      })
    } catch (e) {
      if (isDuplicateError(e)) return 'duplicate'
      if (isConflictError(e)) return 'conflict'
      throw e
    }
  }

  /**
   * Update data that replaces every field of the order. Object values go through `_.set`: a plain object in update
   * data is merged field by field, and merging into a field that is null (completion, rating) fails.
   */
  private replacement(order: Order): Record<string, unknown> {
    const data: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(body(order))) data[key] = isPlainObject(value) ? this._.set(value) : value
    return data
  }

  async listOrders(query: OrderQuery, page: PageRequest): Promise<Page<Order>> {
    const _ = this._
    switch (query.kind) {
      case 'owner':
        return this.page<Order>('orders', { ownerId: query.ownerId }, 'createdAt', 'desc', page)
      case 'queue':
        if (query.statuses.length === 0) return { items: [], nextCursor: null }
        return this.page<Order>(
          'orders',
          { unitPath: query.unitId, status: _.in([...new Set(query.statuses)]) },
          'createdAt',
          'asc',
          page,
        )
      case 'tasks': {
        // Two index-backed queries instead of one $or, merged here: the first `limit + 1` of the union is within the
        // first `limit + 1` of each side.
        const limit = clampLimit(page.limit)
        const from = page.cursor ? decodeCursor(page.cursor) : null
        const sides: Array<Promise<DocData[]>> = [
          this.readSorted('orders', { 'claims.volunteerId': query.volunteerId }, 'createdAt', 'desc', limit + 1, from),
        ]
        if (query.teamIds.length > 0) {
          const dispatched = { teamIds: _.in([...new Set(query.teamIds)]), status: _.in(OPEN_STATUSES) }
          sides.push(this.readSorted('orders', dispatched, 'createdAt', 'desc', limit + 1, from))
        }
        const byId = new Map<string, DocData>()
        for (const doc of (await Promise.all(sides)).flat()) byId.set(String(doc._id), doc)
        const merged = [...byId.values()].sort(
          (a, b) => cmpKey(b.createdAt, a.createdAt) || cmpKey(String(b._id), String(a._id)),
        )
        return this.toPage<Order>(merged, limit, 'createdAt')
      }
    }
  }

  async listStale(status: OrderStatus, before: string, limit: number, after?: StalePosition): Promise<Order[]> {
    if (limit <= 0) return []
    const docs = await this.readSorted(
      'orders',
      { status, updatedAt: this._.lt(before) },
      'updatedAt',
      'asc',
      Math.floor(limit),
      after ? [after.updatedAt, after.id] : null,
    )
    return docs.map((d) => fromDoc<Order>(d))
  }

  /** Index status + preferredAt; orders without a preferred time hold null there and never match the range. */
  async listPreferredDue(before: string, limit: number, after?: { preferredAt: string; id: string }): Promise<Order[]> {
    if (limit <= 0) return []
    const _ = this._
    const docs = await this.readSorted(
      'orders',
      { status: _.in(['placed', 'dispatched', 'claimed']), preferredAt: _.gt('').and(_.lt(before)) },
      'preferredAt',
      'asc',
      Math.floor(limit),
      after ? [after.preferredAt, after.id] : null,
    )
    return docs.map((d) => fromDoc<Order>(d))
  }

  /**
   * Four aggregates in parallel over the orders of the period in the unit's subtree (index unitPath + status +
   * createdAt, every status named so that the range on createdAt stays on the index): counts and people by status,
   * counts by theme, counts by unit path (folded into the unit's children here), and the count of orders ever
   * claimed. The database reads every order of the period; only the groups travel back, PAGE at a time.
   */
  async orderStats(q: { unitId: string; from: string; to: string }): Promise<OrderStats> {
    const _ = this._
    const $ = _.aggregate
    const period = { unitPath: q.unitId, status: _.in([...ORDER_STATUSES]), createdAt: _.gte(q.from).and(_.lt(q.to)) }
    const everClaimed = _.or([{ 'claims.volunteerId': _.exists(true) }, { 'timeline.action': 'claim' }])
    const [byStatus, byTheme, byPath, taken] = await Promise.all([
      this.groupAll<OrderStatus>(period, { _id: '$status', n: $.sum(1), people: $.sum('$completion.beneficiaryCount') }),
      this.groupAll<string>(period, { _id: '$themeId', n: $.sum(1) }),
      this.groupAll<string[]>(period, { _id: '$unitPath', n: $.sum(1) }),
      this.groupAll<null>(this.and(period, everClaimed as object)!, { _id: null, n: $.sum(1) }),
    ])
    const stats = emptyOrderStats()
    for (const r of byStatus) {
      const status = r._id
      stats.placed += r.n
      stats.byStatus[status] = (stats.byStatus[status] ?? 0) + r.n
      if (isServed(status)) {
        stats.served += r.n
        stats.people += r.people ?? 0
      }
    }
    for (const r of byTheme) bump(stats.byTheme, r._id, r.n)
    for (const r of byPath) bump(stats.byUnit, childOn(r._id, q.unitId), r.n)
    stats.taken = taken.reduce((sum, r) => sum + r.n, 0)
    return stats
  }

  /** Every group of an aggregate (match, then group), PAGE groups per request, in _id order. */
  private async groupAll<K>(match: object, group: object): Promise<Array<{ _id: K; n: number; people?: number }>> {
    const out: Array<{ _id: K; n: number; people?: number }> = []
    for (let skip = 0; ; skip += PAGE) {
      const res = await sdk(
        this.col('orders').aggregate().match(match).group(group).sort({ _id: 1 }).skip(skip).limit(PAGE).end(),
      )
      const list = res.list as Array<{ _id: K; n: number; people?: number }>
      out.push(...list)
      if (list.length < PAGE) return out
    }
  }

  // ---------------------------------------------------------------- time limits and the scheduled job

  async getUnitSettings(unitIds: string[]): Promise<UnitSettings[]> {
    if (unitIds.length === 0) return []
    return (await this.readIds('unit_settings', unitIds)).map(toSettings)
  }

  async listUnitSettings(): Promise<UnitSettings[]> {
    return (await this.readAll('unit_settings', null)).map(toSettings)
  }

  async saveUnitSettings(settings: UnitSettings): Promise<UnitSettings> {
    const { unitId, limits, updatedAt, updatedBy } = settings
    await sdk(this.col('unit_settings').doc(unitId).set({ data: { unitId, limits, updatedAt, updatedBy } }))
    return settings
  }

  /** One insert per notification (deterministic _id): a duplicate write means it was recorded before. */
  async recordNotifications(notifications: AppNotification[]): Promise<string[]> {
    const recorded = new Set<string>()
    await mapLimit(notifications, IMPORT_CONCURRENCY, async (n) => {
      if (await this.insert('notifications', n)) recorded.add(n.id)
    })
    return notifications.filter((n) => recorded.has(n.id)).map((n) => n.id)
  }

  /** Index orderId + at; an order has a handful of notifications, sorted here. */
  async listOrderNotifications(orderId: string): Promise<AppNotification[]> {
    const docs = await this.readAll('notifications', { orderId })
    return docs
      .map((d) => fromDoc<AppNotification>(d))
      .sort((a, b) => cmpKey(a.at, b.at) || cmpKey(a.id, b.id))
  }

  /** Index status + at. */
  async listPendingNotifications(limit: number): Promise<AppNotification[]> {
    if (limit <= 0) return []
    const docs = await this.readSorted('notifications', { status: 'pending' }, 'at', 'asc', Math.floor(limit), null)
    return docs.map((d) => fromDoc<AppNotification>(d))
  }

  /** One conditional update per PAGE ids: only pending ones change. */
  async markNotificationsDelivered(ids: string[], at: string): Promise<void> {
    const _ = this._
    for (const chunk of chunks([...new Set(ids)], PAGE)) {
      await sdk(
        this.col('notifications')
          .where({ _id: _.in(chunk), status: 'pending' })
          .update({ data: { status: 'delivered', deliveredAt: at } }),
      )
    }
  }

  /** Index managedUnitId. */
  async listManagersOf(unitIds: string[]): Promise<User[]> {
    if (unitIds.length === 0) return []
    const docs = await this.readAll('users', { managedUnitId: this._.in([...new Set(unitIds)]) })
    return docs.map((d) => fromDoc<User>(d)).filter((u) => u.roles.includes('manager') || u.roles.includes('admin'))
  }

  // ---------------------------------------------------------------- inbox and subscribe messages

  /** One insert per message (deterministic _id): a duplicate write means it was delivered before. */
  async insertInbox(messages: InboxMessage[]): Promise<string[]> {
    const inserted = new Set<string>()
    await mapLimit(messages, IMPORT_CONCURRENCY, async (m) => {
      if (await this.insert('inbox', m)) inserted.add(m.id)
    })
    return messages.filter((m) => inserted.has(m.id)).map((m) => m.id)
  }

  /** Index userId + at desc. */
  async listInbox(userId: string, page: PageRequest): Promise<Page<InboxMessage>> {
    return this.page<InboxMessage>('inbox', { userId }, 'at', 'desc', page)
  }

  /** Index userId + readAt: the server counts, nothing travels back. */
  async countUnread(userId: string): Promise<number> {
    const res = await sdk(this.col('inbox').where({ userId, readAt: null }).count())
    return Number(res.total ?? 0)
  }

  /** One conditional batch update (ids in chunks of PAGE): only this person's unread messages change. */
  async markRead(userId: string, ids: string[] | null, at: string): Promise<number> {
    const _ = this._
    if (ids === null) {
      const res = await sdk(this.col('inbox').where({ userId, readAt: null }).update({ data: { readAt: at } }))
      return res.stats.updated
    }
    let updated = 0
    for (const chunk of chunks([...new Set(ids)], PAGE)) {
      const res = await sdk(this.col('inbox').where({ _id: _.in(chunk), userId, readAt: null }).update({ data: { readAt: at } }))
      updated += res.stats.updated
    }
    return updated
  }

  async getSubscribeGrants(userId: string): Promise<SubscribeGrants> {
    return toGrants(await this.getDoc('subscribe_grants', userId))
  }

  /** One transaction over the person's grants document (and the request's answer, when keyed). */
  async addSubscribeGrants(userId: string, templates: SubscribeTemplate[], requestKey?: string): Promise<SubscribeGrants> {
    return this.runTx(async (t) => {
      const grants = toGrants(await this.txGet(t, 'subscribe_grants', userId))
      if (requestKey !== undefined) {
        if (await this.txGet(t, 'requests', requestKey)) return grants
        await sdk(t.collection('requests').doc(requestKey).set({ data: { response: 'null', at: new Date().toISOString() } }))
      }
      for (const tpl of templates) grants[tpl] += 1
      await sdk(t.collection('subscribe_grants').doc(userId).set({ data: { ...grants } }))
      return grants
    })
  }

  /** One transaction: the send's own document (its id keys the spend) and the person's grants. */
  async reserveSend(send: SubscribeSend, noGrantReason: string): Promise<'reserved' | 'noGrant' | 'duplicate'> {
    return this.runTx(async (t) => {
      if (await this.txGet(t, 'subscribe_sends', send.id)) return 'duplicate' as const
      const grants = toGrants(await this.txGet(t, 'subscribe_grants', send.userId))
      if (grants[send.template] < 1) {
        const skipped: SubscribeSend = { ...send, outcome: 'skipped', reason: noGrantReason, errCode: null }
        await sdk(t.collection('subscribe_sends').doc(send.id).set({ data: body(skipped) }))
        return 'noGrant' as const
      }
      grants[send.template] -= 1
      await sdk(t.collection('subscribe_grants').doc(send.userId).set({ data: { ...grants } }))
      const reserved: SubscribeSend = { ...send, outcome: 'reserved', reason: null, errCode: null }
      await sdk(t.collection('subscribe_sends').doc(send.id).set({ data: body(reserved) }))
      return 'reserved' as const
    })
  }

  async recordSend(send: SubscribeSend): Promise<boolean> {
    return this.insert('subscribe_sends', send)
  }

  async settleSend(send: SubscribeSend, refund: boolean): Promise<void> {
    await this.runTx(async (t) => {
      const stored = await this.txGet(t, 'subscribe_sends', send.id)
      if (!stored || stored.outcome !== 'reserved') return
      await sdk(t.collection('subscribe_sends').doc(send.id).set({ data: body(send) }))
      if (refund) {
        const grants = toGrants(await this.txGet(t, 'subscribe_grants', send.userId))
        grants[send.template] += 1
        await sdk(t.collection('subscribe_grants').doc(send.userId).set({ data: { ...grants } }))
      }
    })
  }

  /** Index notificationId. */
  async listSends(notificationId: string): Promise<SubscribeSend[]> {
    const docs = await this.readAll('subscribe_sends', { notificationId })
    return docs.map((d) => fromDoc<SubscribeSend>(d))
  }

  async getCursors(job: string): Promise<Record<string, string>> {
    const doc = await this.getDoc('job_cursors', job)
    return { ...((doc?.cursors as Record<string, string> | undefined) ?? {}) }
  }

  async saveCursors(job: string, cursors: Record<string, string>): Promise<void> {
    await sdk(this.col('job_cursors').doc(job).set({ data: { cursors } }))
  }

  // ---------------------------------------------------------------- points ledger

  /**
   * Inside a transaction: reads each user's balance once and sets it to balance + Σ deltas. With `strict`, false
   * (and nothing written) if a running balance would go below zero.
   */
  private async applyBalances(t: DbTransaction, entries: LedgerEntry[], strict: boolean): Promise<boolean> {
    const balances = new Map<string, Balance>()
    for (const entry of entries) {
      let b = balances.get(entry.userId)
      if (!b) {
        b = toBalance(entry.userId, await this.txGet(t, 'balances', entry.userId))
        balances.set(entry.userId, b)
      }
      b.balance += entry.delta
      b.earned += Math.max(entry.delta, 0)
      b.hours += entry.hours
      if (strict && b.balance < 0) return false
    }
    for (const b of balances.values()) {
      await sdk(
        t.collection('balances').doc(b.userId).set({
          data: { userId: b.userId, balance: b.balance, earned: b.earned, hours: b.hours },
        }),
      )
    }
    return true
  }

  async appendLedger(entries: LedgerEntry[]): Promise<'ok' | 'duplicate' | 'insufficient'> {
    if (entries.length === 0) return 'ok'
    try {
      return await this.runTx(async (t): Promise<'ok' | 'duplicate' | 'insufficient'> => {
        // inserts first: a retried award or redemption answers 'duplicate' whatever the balance says now
        for (const entry of entries) await sdk(t.collection('ledger').add({ data: toDoc(entry) }))
        if (!(await this.applyBalances(t, entries, true))) return abort(t, 'insufficient' as const)
        return 'ok'
      })
    } catch (e) {
      if (isDuplicateError(e)) return 'duplicate'
      throw e
    }
  }

  async getBalance(userId: string): Promise<Balance> {
    return toBalance(userId, await this.getDoc('balances', userId))
  }

  async listLedger(userId: string, page: PageRequest): Promise<Page<LedgerEntry>> {
    return this.page<LedgerEntry>('ledger', { userId }, 'at', 'desc', page)
  }

  /**
   * One aggregate: entries of the unit's subtree in [from, to) grouped per user in the database (index unitPath+at).
   * The database reads every entry of the period; only the top `limit` rows travel back.
   */
  async leaderboard(q: { unitId: string; from: string; to: string; limit: number }): Promise<LeaderboardEntry[]> {
    const _ = this._
    const $ = _.aggregate
    const res = await sdk(
      this.col('ledger')
        .aggregate()
        .match({ unitPath: q.unitId, at: _.gte(q.from).and(_.lt(q.to)) })
        .group({ _id: '$userId', points: $.sum('$delta'), hours: $.sum('$hours') })
        .sort({ points: -1, hours: -1, _id: 1 })
        .limit(clampLimit(q.limit))
        .end(),
    )
    return (res.list as Array<{ _id: string; points: number; hours: number }>).map((r) => ({
      userId: String(r._id),
      points: r.points,
      hours: r.hours,
    }))
  }

  /**
   * Pages through balances (PAGE per read) and, per page, sums the ledger of those users in one aggregate
   * (index userId+at): 2 requests per PAGE users. Entries of a user without a balance document are not visited;
   * the adapter never writes one without the other.
   */
  async reconcile(): Promise<{ checked: number; mismatches: Array<{ userId: string; balance: number; sum: number }> }> {
    const _ = this._
    const $ = _.aggregate
    let checked = 0
    const mismatches: Array<{ userId: string; balance: number; sum: number }> = []
    let last: string | null = null
    for (;;) {
      const base: DbQuery = last === null ? this.col('balances') : this.col('balances').where({ _id: _.gt(last) })
      const { data } = await sdk(base.orderBy('_id', 'asc').limit(PAGE).get())
      if (data.length === 0) break
      const ids = data.map((d) => String(d._id))
      const res = await sdk(
        this.col('ledger')
          .aggregate()
          .match({ userId: _.in(ids) })
          .group({
            _id: '$userId',
            sum: $.sum('$delta'),
            earned: $.sum($.cond({ if: $.gt(['$delta', 0]), then: '$delta', else: 0 })),
            hours: $.sum('$hours'),
          })
          .limit(PAGE)
          .end(),
      )
      const sums = new Map(
        (res.list as Array<{ _id: string; sum: number; earned: number; hours: number }>).map((r) => [String(r._id), r]),
      )
      for (const doc of data) {
        const b = toBalance(String(doc.userId ?? doc._id), doc)
        const s = sums.get(String(doc._id)) ?? { sum: 0, earned: 0, hours: 0 }
        checked++
        if (b.balance !== s.sum || b.earned !== s.earned || Math.abs(b.hours - s.hours) > 1e-6) {
          mismatches.push({ userId: b.userId, balance: b.balance, sum: s.sum })
        }
      }
      if (data.length < PAGE) break
      last = String(data[data.length - 1]._id)
    }
    return { checked, mismatches }
  }

  // ---------------------------------------------------------------- bulk load

  async isEmpty(): Promise<boolean> {
    const [units, users] = await Promise.all([
      sdk(this.col('units').limit(1).get()),
      sdk(this.col('users').limit(1).get()),
    ])
    return units.data.length === 0 && users.data.length === 0
  }

  /**
   * Not one transaction (a county is thousands of documents): every document is `set` by id, so an interrupted
   * import is completed by running it again. Units go last.
   */
  async importData(data: ImportData): Promise<void> {
    const groups: Array<[CollectionName, Array<{ id: string }>]> = [
      ['themes', data.themes],
      ['menu_items', data.menuItems],
      ['teams', data.teams],
      ['users', data.users],
      ['memberships', data.memberships],
      ['unit_settings', (data.settings ?? []).map((x) => ({ id: x.unitId, ...x }))],
      ['units', data.units],
    ]
    for (const [name, docs] of groups) {
      await mapLimit(docs, IMPORT_CONCURRENCY, (doc) => sdk(this.col(name).doc(doc.id).set({ data: body(doc) })))
    }
  }
}
