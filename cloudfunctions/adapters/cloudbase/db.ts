import * as z from 'zod'
import type { Page } from '~types'
import type { PageRequest } from '~core/ports'
import { decodeCursor, encodeCursor } from '../cursor'
import type { CloudDb, DbCollection, DbCommand, DbTransaction, DocData, SdkResult } from './db-types'

/**
 * The connection wrapper every CloudBase port file builds on: the SDK's promise style, its errors, document
 * conversion, paging (at most PAGE per request, keyset on (field, _id)) and transactions whose callback may re-run.
 *
 * Platform rules the ports follow:
 * - a document's `_id` is the domain id; ids that carry idempotency (memberships, ledger entries, request answers)
 *   are deterministic, so a retried insert fails with DATABASE_DUPLICATE_WRITE instead of writing twice;
 * - a single-document conditional write is `where({...}).update()` judged by `stats.updated`;
 * - a write over several documents is `runTransaction` with single-document operations only, whose callback reads
 *   everything it decides on and may run more than once; a write to one document is never a transaction: it is an
 *   update guarded by what was read (`where({ _id, field: value as read })`), read again when it loses;
 * - a read of one document and of another collection's document by _id can be one request: an aggregate on the
 *   first with an uncorrelated `lookup({ from, pipeline: [{ $match: { _id } }], as })` (loadOrder and its answer);
 * - every read names its page size (at most PAGE) and its order, and every query is backed by an index declared in
 *   cloudfunctions/deploy/manifest.json.
 */

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
  'rate_buckets',
  'inbox',
  'subscribe_grants',
  'subscribe_sends',
  'audit',
  'credentials',
  'invites',
  'sessions',
  'exports',
  'stat_days',
  'stat_months',
  'stat_teams',
  'stat_team_days',
  'certificates',
  'certificate_serials',
  'certificate_holders',
  'uploads',
  'goods',
  'redemptions',
  'mall_quota',
  'pickup_codes',
  'social_marks',
  'social_summaries',
  'social_team_marks',
  'social_team_months',
] as const
export type CollectionName = (typeof COLLECTIONS)[number]

/** Largest page any query asks for. */
export const PAGE = 100
/** Writes in flight at once during bulk writes; the free tier allows about 20 writes per second. */
export const WRITE_CONCURRENCY = 8
/** Whole-transaction attempts when a write conflict escapes the SDK's own retries (see runTx). */
const TX_ATTEMPTS = 3

export type Dir = 'asc' | 'desc'

// ---------------------------------------------------------------- the SDK's promises and errors

/** In a cloud function every SDK call returns a promise; the declared `| void | string` is the callback style. */
export function sdk<T>(result: SdkResult<T>): Promise<T> {
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
export function isConflictError(e: unknown): boolean {
  if (e && typeof e === 'object' && (e as { code?: unknown }).code === 'DATABASE_TRANSACTION_CONFLICT') return true
  return /TRANSACTION_CONFLICT|TransactionConflict|WriteConflict|transaction conflict/i.test(errorText(e))
}

/** The reason handed to `t.rollback()`: runTransaction rejects with it, and runTx turns it into the answer. */
class TxAbort<T> {
  constructor(readonly value: T) {}
}

/** Rolls the transaction back and makes runTx answer `value`. */
export async function abort<T>(t: DbTransaction, value: T): Promise<never> {
  const reason = new TxAbort(value)
  try {
    await t.rollback(reason)
  } catch {
    // the rollback failed: throwing still makes runTransaction roll back and reject with the reason
  }
  throw reason
}

// ---------------------------------------------------------------- documents

export function toDoc(obj: { id: string }): DocData {
  const { id, ...rest } = obj
  return { _id: id, ...rest }
}

/** The fields of a document without its id, for `set` (which refuses `_id`). */
export function body(obj: { id: string }): Record<string, unknown> {
  const { id: _omit, ...rest } = obj
  return rest
}

export function fromDoc<T>(doc: DocData): T {
  const { _id, _openid: _ignored, ...rest } = doc as DocData & { _openid?: unknown }
  return { id: String(_id), ...rest } as T
}

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

export function union<T>(list: readonly T[], more: readonly T[]): T[] {
  const out = [...list]
  for (const x of more) if (!out.includes(x)) out.push(x)
  return out
}

export const sameList = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i])

export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size))
  return out
}

export function cmpKey(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a ?? '')
  const y = String(b ?? '')
  return x < y ? -1 : x > y ? 1 : 0
}

export function clampLimit(limit: number): number {
  return Math.max(1, Math.min(PAGE, Math.floor(Number(limit) || 1)))
}

export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

// ---------------------------------------------------------------- cursors

/** A page position: the sort value of the last item returned (every sorted field is an ISO time) and its id. */
export type Position = [value: string, id: string]
const positionSchema = z.tuple([z.string(), z.string()])

export const decodePosition = (cursor: string | undefined): Position | null => decodeCursor(cursor, positionSchema) ?? null

// ---------------------------------------------------------------- the connection

export class Conn {
  constructor(readonly db: CloudDb) {}

  get _(): DbCommand {
    return this.db.command
  }

  col(name: CollectionName): DbCollection {
    return this.db.collection(name)
  }

  and(...conds: Array<object | null | undefined>): object | null {
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

  async getDoc(name: CollectionName, id: string): Promise<DocData | null> {
    try {
      const res = await sdk(this.col(name).doc(id).get())
      return res.data ?? null
    } catch (e) {
      if (isNotFoundError(e)) return null
      throw e
    }
  }

  async txGet(t: DbTransaction, name: CollectionName, id: string): Promise<DocData | null> {
    try {
      const res = await sdk(t.collection(name).doc(id).get())
      return res.data ?? null
    } catch (e) {
      if (isNotFoundError(e)) return null
      throw e
    }
  }

  /** Inserts with its `_id`; false if that `_id` exists. */
  async insert(name: CollectionName, obj: { id: string }): Promise<boolean> {
    try {
      await sdk(this.col(name).add({ data: toDoc(obj) }))
      return true
    } catch (e) {
      if (isDuplicateError(e)) return false
      throw e
    }
  }

  /** Inserts each by its deterministic `_id` (a few at a time); the ids newly inserted, in the order given. */
  async insertEach<T extends { id: string }>(name: CollectionName, objs: readonly T[]): Promise<string[]> {
    const inserted = new Set<string>()
    await mapLimit(objs, WRITE_CONCURRENCY, async (obj) => {
      if (await this.insert(name, obj)) inserted.add(obj.id)
    })
    return objs.filter((o) => inserted.has(o.id)).map((o) => o.id)
  }

  /** Every document matching `where`, in pages of PAGE, keyset on `_id` (no skip: cost stays linear). */
  async readAll(name: CollectionName, where: object | null): Promise<DocData[]> {
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
  async readIds(name: CollectionName, ids: readonly string[], extra: object | null = null): Promise<DocData[]> {
    const unique = [...new Set(ids)]
    const pages = await Promise.all(
      chunks(unique, PAGE).map(async (chunk) => {
        const cond = this.and({ _id: this._.in(chunk) }, extra) as object
        const { data } = await sdk(this.col(name).where(cond).limit(PAGE).get())
        return data
      }),
    )
    const byId = new Map(pages.flat().map((d) => [String(d._id), d]))
    return unique.flatMap((id) => {
      const doc = byId.get(id)
      return doc ? [doc] : []
    })
  }

  /** The first `n` documents matching `where` in (field dir, _id dir) order, after `from` if given. */
  async readSorted(
    name: CollectionName,
    where: object,
    field: string,
    dir: Dir,
    n: number,
    from: Position | null,
  ): Promise<DocData[]> {
    const out: DocData[] = []
    let cursor: [unknown, string] | null = from
    while (out.length < n) {
      const size = Math.min(PAGE, n - out.length)
      const cond = this.and(where, cursor ? this.after(field, dir, cursor[0], cursor[1]) : null) as object
      const { data } = await sdk(this.col(name).where(cond).orderBy(field, dir).orderBy('_id', dir).limit(size).get())
      out.push(...data)
      if (data.length < size) break
      const last = data[data.length - 1]
      cursor = [fieldOf(last, field), String(last._id)]
    }
    return out
  }

  async page<T>(
    name: CollectionName,
    where: object,
    field: string,
    dir: Dir,
    req: PageRequest,
    convert: (doc: DocData) => T = fromDoc<T>,
  ): Promise<Page<T>> {
    const limit = clampLimit(req.limit)
    // one more than asked tells whether there is a next page; above PAGE that costs one extra query of one document
    const docs = await this.readSorted(name, where, field, dir, limit + 1, decodePosition(req.cursor))
    return toPage(docs, limit, field, convert)
  }

  /**
   * runTransaction, plus whole-transaction retries for conflicts the SDK does not retry itself (an operation inside
   * the transaction that loses a write conflict rejects with a wrapped error, and runTransaction passes it on).
   * The callback may run several times: it reads inside what it decides on. `abort(t, value)` answers `value`.
   */
  async runTx<T>(callback: (t: DbTransaction) => Promise<T>, attempts: number = TX_ATTEMPTS): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.runTransaction(callback)
      } catch (e) {
        if (e instanceof TxAbort) return e.value as T
        if (attempt < attempts && isConflictError(e)) continue
        throw e
      }
    }
  }
}

/** Up to `limit` of the fetched documents (fetched: limit + 1, the extra one only tells that a next page exists). */
/** A document's value at a field path ('followUp.dueAt' reads a nested field). */
export function fieldOf(doc: DocData, field: string): unknown {
  let v: unknown = doc
  for (const key of field.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined
  return v
}

export function toPage<T>(docs: DocData[], limit: number, field: string, convert: (doc: DocData) => T = fromDoc<T>): Page<T> {
  const items = docs.slice(0, limit)
  const last = items[items.length - 1]
  return {
    items: items.map(convert),
    nextCursor: docs.length > limit && last ? encodeCursor([fieldOf(last, field), String(last._id)]) : null,
  }
}
