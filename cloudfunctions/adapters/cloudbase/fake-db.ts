/**
 * An in-memory fake of the part of wx-server-sdk's database that the CloudBase store uses (see db-types.ts), for
 * tests only: the function bundles import index.ts, never this file.
 *
 * Modelled on wx-server-sdk 4.0 / @cloudbase/database 1.4 as read in node_modules:
 * - `get()` returns `{ data }`: 100 documents when no limit is given (also for `limit(0)`, as the SDK drops a falsy
 *   limit); a non-integer limit throws; the SDK silently caps a limit above 1000, the fake throws instead so a caller
 *   that expected more is caught.
 * - `where()` flattens nested objects into dot paths and drops `undefined` values; a scalar matches an array field that
 *   contains it; `'a.b'` reaches into arrays of objects; `{ f: null }` matches a missing field.
 * - `update()` (query or document) merges: nested objects become dot paths (creating a field under null fails, as in
 *   MongoDB), arrays and `_.set(obj)` replace; `stats.updated` counts documents actually changed, so an update that
 *   changes nothing reports 0. `doc().update()` never creates; `doc().set()` replaces or creates and refuses `_id` and
 *   update commands in its data.
 * - `add()` of an existing `_id` rejects with errCode -502001 and a message with DATABASE_DUPLICATE_WRITE / E11000.
 * - `doc().get()` of a missing document rejects like the SDK does: `document.get:fail document with _id X does not
 *   exist`, errCode -1 (the SDK throws a plain string and wraps it; no -5020xx code) — or resolves `{ data: null }`
 *   when created with `throwOnNotFound: false`, the SDK's config switch.
 * - `count()` answers `{ total }`, the number of matching documents, whatever skip and limit say.
 * - `aggregate()` supports match, unwind, group ($sum, $cond, $gt), sort, skip, limit; without a limit stage it
 *   returns 20 rows. Group output comes in no particular order (here: reversed first-seen order).
 * - `runTransaction(cb, times = 3)`: a transaction offers `collection(name).doc(id).get/set/update/remove`, `add` and
 *   `rollback(reason)`; a batch `where()` inside rejects. Writes are buffered and applied at commit. The commit fails
 *   with DATABASE_TRANSACTION_CONFLICT if a document the transaction read or wrote was changed by someone else after
 *   the transaction began (stricter than MongoDB, which only detects write-write conflicts: the adapter writes every
 *   document whose read it relies on, so both agree on it); the callback then runs again, up to `times` more times.
 *   A write that fails inside a transaction aborts it (MongoDB semantics): later operations and the commit fail.
 *   After `rollback(reason)` runTransaction rejects with `reason`. A callback that throws rolls back and rethrows.
 *
 * Not modelled: indexes (the manifest test checks queries against them), unique indexes other than `_id`, document
 * size and QPS limits, `field()` projections, server dates, geo, regexp, realtime watch, snapshot reads
 * (a transaction reads the latest committed state; the commit check makes an inconsistent read harmless).
 *
 * Test knobs: `calls` and `log` (one entry per request the real SDK would send), `onCall` (runs before each request,
 * to interleave a concurrent write), `forceCommitConflicts` (the next n commits fail with a conflict, so callbacks
 * run again), `conflictOnFirstCommit` (every transaction runs its callback at least twice), `opConflicts` (the next
 * n writes inside transactions reject with a conflict the SDK does not retry), `callbackRuns`, and `put` / `peek` /
 * `all` for direct access that is not counted.
 */
import type {
  CloudDb,
  DbAggregate,
  DbCollection,
  DbCommand,
  DbDocument,
  DbQuery,
  DbTransaction,
  DbTransactionCollection,
  DocData,
} from './db-types'

// ---------------------------------------------------------------- commands

type CmdKind = 'query' | 'logic' | 'update' | 'expr'

export class Cmd {
  constructor(
    readonly kind: CmdKind,
    readonly op: string,
    readonly args: unknown[],
  ) {}

  and(...expressions: unknown[]): Cmd {
    return new Cmd('logic', 'and', [this, ...spread(expressions)])
  }

  or(...expressions: unknown[]): Cmd {
    return new Cmd('logic', 'or', [this, ...spread(expressions)])
  }
}

const spread = (args: unknown[]) => (args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args)

const q = (op: string) => (value: unknown) => new Cmd('query', op, [value])
const u = (op: string) => (value?: unknown) => new Cmd('update', op, [value])
const x = (op: string) => (value: unknown) => new Cmd('expr', op, [value])

export const fakeCommand: DbCommand = {
  eq: q('eq'),
  neq: q('neq'),
  lt: q('lt'),
  lte: q('lte'),
  gt: q('gt'),
  gte: q('gte'),
  in: q('in'),
  nin: q('nin'),
  exists: q('exists'),
  and: (...e: unknown[]) => new Cmd('logic', 'and', spread(e)),
  or: (...e: unknown[]) => new Cmd('logic', 'or', spread(e)),
  set: u('set'),
  remove: () => new Cmd('update', 'remove', []),
  inc: u('inc'),
  push: (...values: unknown[]) => new Cmd('update', 'push', spread(values)),
  addToSet: u('addToSet'),
  pull: u('pull'),
  aggregate: { sum: x('sum'), cond: x('cond'), gt: x('gt') },
}

// ---------------------------------------------------------------- errors

type SdkError = Error & { errCode: number; errMsg: string; code?: string }

function sdkError(api: string, errCode: number, text: string, code?: string): SdkError {
  const err = new Error(`${api}:fail ${errCode === -1 ? '' : `${errCode} `}${text}`) as SdkError
  err.errCode = errCode
  err.errMsg = err.message
  if (code) err.code = code
  return err
}

const duplicateError = (api: string, coll: string, id: string) =>
  sdkError(
    api,
    -502001,
    `database request fail. [FailedOperation] DATABASE_DUPLICATE_WRITE: E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${id}" }`,
  )

const invalidError = (api: string, text: string) => sdkError(api, -501001, `[INVALID_PARAM] ${text}`)

/** What the raw SDK throws when a commit loses: `{ code: 'DATABASE_TRANSACTION_CONFLICT' }`. */
const commitConflictError = () =>
  sdkError('transaction.commit', -501001, 'DATABASE_TRANSACTION_CONFLICT: database transaction conflict', 'DATABASE_TRANSACTION_CONFLICT')

/** An operation inside a transaction that loses: wrapped by wx-server-sdk, so runTransaction does not retry it. */
const opConflictError = (api: string) =>
  sdkError(api, -501001, '[ResourceUnavailable.TransactionConflict] Transaction is conflicting with others.')

// ---------------------------------------------------------------- values, matching, updates

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Cmd)

const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)))

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]))
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  return ka.length === kb.length && ka.every((k) => k in rb && deepEqual(ra[k], rb[k]))
}

/** `{ a: { b: 1 } }` → `{ 'a.b': 1 }`, as the SDK serializer does; commands, arrays, null and empty values stay. */
function flatten(obj: Record<string, unknown>, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue
    const path = prefix ? `${prefix}.${key}` : key
    if (isPlain(value)) flatten(value, path, out)
    else out[path] = value
  }
  return out
}

/** The values a path reaches, through arrays; a terminal array counts as itself and as each of its elements. */
function reach(doc: unknown, path: string): { found: boolean; values: unknown[] } {
  let current: unknown[] = [doc]
  let found = true
  for (const key of path.split('.')) {
    const nextValues: unknown[] = []
    let any = false
    for (const value of current) {
      const holders = Array.isArray(value) && !/^\d+$/.test(key) ? value : [value]
      for (const holder of holders) {
        if (holder !== null && typeof holder === 'object' && key in (holder as object)) {
          nextValues.push((holder as Record<string, unknown>)[key])
          any = true
        }
      }
    }
    current = nextValues
    found = any
    if (!any) break
  }
  const values = found ? current.flatMap((v) => (Array.isArray(v) ? [v, ...v] : [v])) : []
  return { found, values }
}

const typeRank = (v: unknown): number =>
  v === undefined || v === null
    ? 0
    : typeof v === 'number'
      ? 1
      : typeof v === 'string'
        ? 2
        : Array.isArray(v)
          ? 4
          : typeof v === 'object'
            ? 3
            : 5

export function compareValues(a: unknown, b: unknown): number {
  const ra = typeRank(a)
  const rb = typeRank(b)
  if (ra !== rb) return ra - rb
  if (ra === 1) return (a as number) - (b as number)
  if (ra === 0) return 0
  const sa = typeof a === 'string' ? a : JSON.stringify(a)
  const sb = typeof b === 'string' ? b : JSON.stringify(b)
  return sa < sb ? -1 : sa > sb ? 1 : 0
}

const comparable = (a: unknown, b: unknown) =>
  (typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')

function fieldMatches(at: { found: boolean; values: unknown[] }, expected: unknown): boolean {
  const eq = (v: unknown) => (v === null && !at.found) || at.values.some((c) => deepEqual(c, v))
  if (!(expected instanceof Cmd)) return eq(expected)
  if (expected.kind === 'logic') {
    const parts = expected.args
    return expected.op === 'and' ? parts.every((p) => fieldMatches(at, p)) : parts.some((p) => fieldMatches(at, p))
  }
  if (expected.kind !== 'query') throw invalidError('collection.get', `${expected.op} is not a query command`)
  const [arg] = expected.args
  const some = (test: (c: unknown) => boolean) => at.values.some((c) => comparable(c, arg) && test(c))
  switch (expected.op) {
    case 'eq':
      return eq(arg)
    case 'neq':
      return !eq(arg)
    case 'lt':
      return some((c) => compareValues(c, arg) < 0)
    case 'lte':
      return some((c) => compareValues(c, arg) <= 0)
    case 'gt':
      return some((c) => compareValues(c, arg) > 0)
    case 'gte':
      return some((c) => compareValues(c, arg) >= 0)
    case 'in':
      return (arg as unknown[]).some(eq)
    case 'nin':
      return !(arg as unknown[]).some(eq)
    case 'exists':
      return at.found === Boolean(arg)
    default:
      throw invalidError('collection.get', `unsupported query command ${expected.op}`)
  }
}

export function matches(doc: DocData, cond: unknown): boolean {
  if (cond === undefined || cond === null) return true
  if (cond instanceof Cmd) {
    if (cond.kind !== 'logic') throw invalidError('collection.get', 'a query command needs a field')
    return cond.op === 'and' ? cond.args.every((c) => matches(doc, c)) : cond.args.some((c) => matches(doc, c))
  }
  if (!isPlain(cond)) throw invalidError('collection.get', 'query must be an object')
  return Object.entries(flatten(cond)).every(([path, expected]) => fieldMatches(reach(doc, path), expected))
}

function fieldFailure(path: string, text: string): SdkError {
  return sdkError('document.update', -502001, `database request fail. [FailedOperation] ${text} (${path})`)
}

/** The container and last key of a path, creating plain objects on the way (MongoDB refuses to go through null). */
function slot(doc: Record<string, unknown>, path: string, create: boolean): [Record<string, unknown>, string] | null {
  const keys = path.split('.')
  let holder: Record<string, unknown> = doc
  for (const key of keys.slice(0, -1)) {
    const next = holder[key]
    if (next === undefined) {
      if (!create) return null
      holder[key] = {}
    } else if (next === null || typeof next !== 'object') {
      throw fieldFailure(path, `Cannot create field '${keys[keys.length - 1]}' in element {${key}: ${JSON.stringify(next)}}`)
    }
    holder = holder[key] as Record<string, unknown>
  }
  return [holder, keys[keys.length - 1]]
}

function applyUpdate(doc: DocData, data: object, api: string): DocData {
  if (!isPlain(data) || Object.keys(data).length === 0) throw invalidError(api, 'data must be a non-empty object')
  const next = clone(doc) as Record<string, unknown>
  for (const [path, value] of Object.entries(flatten(data))) {
    if (path === '_id' || path.startsWith('_id.')) throw invalidError(api, '不能更新_id的值')
    if (!(value instanceof Cmd)) {
      const [holder, key] = slot(next, path, true)!
      holder[key] = clone(value)
      continue
    }
    if (value.kind !== 'update') throw invalidError(api, `${value.op} is not an update command`)
    const [arg] = value.args
    if (value.op === 'remove') {
      const s = slot(next, path, false)
      if (s) delete s[0][s[1]]
      continue
    }
    const [holder, key] = slot(next, path, true)!
    const current = holder[key]
    const array = (): unknown[] => {
      if (current === undefined) return []
      if (!Array.isArray(current)) throw fieldFailure(path, 'the field is not an array')
      return current
    }
    switch (value.op) {
      case 'set':
        holder[key] = clone(arg)
        break
      case 'inc':
        if (current !== undefined && typeof current !== 'number') throw fieldFailure(path, 'cannot $inc a non-number')
        holder[key] = ((current as number | undefined) ?? 0) + (arg as number)
        break
      case 'push':
        holder[key] = [...array(), ...clone(value.args)]
        break
      case 'addToSet': {
        const list = array()
        holder[key] = list.some((v) => deepEqual(v, arg)) ? list : [...list, clone(arg)]
        break
      }
      case 'pull':
        holder[key] = array().filter((v) =>
          arg instanceof Cmd ? !fieldMatches({ found: true, values: [v] }, arg) : !deepEqual(v, arg),
        )
        break
      default:
        throw invalidError(api, `unsupported update command ${value.op}`)
    }
  }
  return next as DocData
}

function containsCmd(v: unknown): boolean {
  if (v instanceof Cmd) return true
  if (Array.isArray(v)) return v.some(containsCmd)
  return isPlain(v) && Object.values(v).some(containsCmd)
}

// ---------------------------------------------------------------- aggregation expressions

function evaluate(row: DocData, expr: unknown): unknown {
  if (typeof expr === 'string' && expr.startsWith('$')) {
    let value: unknown = row
    for (const key of expr.slice(1).split('.')) value = value == null ? undefined : (value as Record<string, unknown>)[key]
    return value
  }
  if (expr instanceof Cmd) {
    const [arg] = expr.args
    if (expr.op === 'gt') {
      const [a, b] = (arg as unknown[]).map((e) => evaluate(row, e))
      return comparable(a, b) && compareValues(a, b) > 0
    }
    if (expr.op === 'cond') {
      const c = Array.isArray(arg) ? { if: arg[0], then: arg[1], else: arg[2] } : (arg as Record<string, unknown>)
      return evaluate(row, c.if) ? evaluate(row, c.then) : evaluate(row, c.else)
    }
    throw invalidError('collection.aggregate', `${expr.op} is only an accumulator`)
  }
  if (isPlain(expr)) return Object.fromEntries(Object.entries(expr).map(([k, v]) => [k, evaluate(row, v)]))
  return expr
}

function group(rows: DocData[], spec: Record<string, unknown>): DocData[] {
  const groups = new Map<string, DocData>()
  for (const row of rows) {
    const id = evaluate(row, spec._id) ?? null
    const key = JSON.stringify(id)
    let out = groups.get(key)
    if (!out) groups.set(key, (out = { _id: id as DocData['_id'] }))
    for (const [field, acc] of Object.entries(spec)) {
      if (field === '_id') continue
      if (!(acc instanceof Cmd) || acc.op !== 'sum') throw invalidError('collection.aggregate', `unsupported accumulator for ${field}`)
      const value = evaluate(row, acc.args[0])
      out[field] = ((out[field] as number | undefined) ?? 0) + (typeof value === 'number' ? value : 0)
    }
  }
  return [...groups.values()].reverse()
}

function sortRows(rows: DocData[], spec: Array<[string, 1 | -1]>): DocData[] {
  return [...rows].sort((a, b) => {
    for (const [field, dir] of spec) {
      const c = compareValues(reachOne(a, field), reachOne(b, field))
      if (c !== 0) return c * dir
    }
    return 0
  })
}

const reachOne = (doc: DocData, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), doc)

// ---------------------------------------------------------------- the database

export interface CallRecord {
  op:
    | 'get'
    | 'count'
    | 'update'
    | 'remove'
    | 'add'
    | 'aggregate'
    | 'doc.get'
    | 'doc.set'
    | 'doc.update'
    | 'doc.remove'
    | 'tx.start'
    | 'tx.commit'
    | 'tx.rollback'
  collection?: string
  docId?: string
  where?: unknown
  orderBy?: Array<[string, 'asc' | 'desc']>
  /** the limit the caller set; undefined when it set none (the SDK then returns 100) */
  limit?: number
  /** aggregate: the pipeline, stage name and argument */
  stages?: Array<[string, unknown]>
  inTransaction: boolean
}

interface DocView {
  read(coll: string, id: string): DocData | undefined
  write(coll: string, id: string, doc: DocData | null): void
  tx: FakeTransaction | null
}

export class FakeCloudDb implements CloudDb {
  readonly command = fakeCommand
  /** Requests sent (what the real SDK would send over the network). */
  calls = 0
  readonly log: CallRecord[] = []
  /** Runs before each request; may await, and may change data through `put`. */
  onCall: ((call: CallRecord) => void | Promise<void>) | null = null
  /** The next n commits fail with DATABASE_TRANSACTION_CONFLICT, so runTransaction runs the callback again. */
  forceCommitConflicts = 0
  /** Every transaction's first commit fails with a conflict: every callback runs at least twice. */
  conflictOnFirstCommit = false
  /** The next n writes inside a transaction reject with a wrapped conflict, which runTransaction does not retry. */
  opConflicts = 0
  /** How many times transaction callbacks started. */
  callbackRuns = 0

  private readonly data = new Map<string, Map<string, DocData>>()
  private readonly versions = new Map<string, number>()
  private seq = 0
  private idSeq = 0

  constructor(readonly options: { throwOnNotFound?: boolean } = {}) {}

  collection(name: string): FakeCollection {
    return new FakeCollection(this, name, this.committedView)
  }

  async runTransaction<T>(callback: (t: DbTransaction) => Promise<T>, times = 3): Promise<T> {
    for (let left = times; ; left--) {
      await this.request({ op: 'tx.start', inTransaction: true })
      const tx = new FakeTransaction(this, this.seq)
      tx.mustConflict = left === times && this.conflictOnFirstCommit
      this.callbackRuns++
      try {
        const result = await callback(tx)
        if (tx.aborted) throw tx.abortReason
        await this.commit(tx)
        return result
      } catch (e) {
        if (tx.aborted) throw tx.abortReason
        if (!tx.finished) await tx.discard()
        if ((e as SdkError)?.code === 'DATABASE_TRANSACTION_CONFLICT' && left > 0) continue
        throw e
      }
    }
  }

  // ---- test access, not counted

  put(coll: string, doc: DocData): void {
    this.commitWrite(coll, String(doc._id), clone(doc))
  }

  peek(coll: string, id: string): DocData | undefined {
    return clone(this.table(coll).get(id))
  }

  all(coll: string): DocData[] {
    return [...this.table(coll).values()].map(clone)
  }

  collectionNames(): string[] {
    return [...this.data.keys()].filter((c) => this.data.get(c)!.size > 0)
  }

  resetStats(): void {
    this.calls = 0
    this.log.length = 0
    this.callbackRuns = 0
  }

  // ---- internals shared by the classes below

  async request(call: CallRecord): Promise<void> {
    this.calls++
    this.log.push(call)
    if (this.onCall) await this.onCall(call)
    // every request is a network round trip: let other callers interleave
    await new Promise((resolve) => setImmediate(resolve))
  }

  table(coll: string): Map<string, DocData> {
    let t = this.data.get(coll)
    if (!t) this.data.set(coll, (t = new Map()))
    return t
  }

  versionOf(coll: string, id: string): number {
    return this.versions.get(`${coll}\u0000${id}`) ?? 0
  }

  commitWrite(coll: string, id: string, doc: DocData | null): void {
    if (doc) this.table(coll).set(id, { ...doc, _id: id })
    else this.table(coll).delete(id)
    this.versions.set(`${coll}\u0000${id}`, ++this.seq)
  }

  newId(): string {
    return `auto${(++this.idSeq).toString().padStart(8, '0')}`
  }

  readonly committedView: DocView = {
    read: (coll, id) => this.table(coll).get(id),
    write: (coll, id, doc) => this.commitWrite(coll, id, doc),
    tx: null,
  }

  private async commit(tx: FakeTransaction): Promise<void> {
    await this.request({ op: 'tx.commit', inTransaction: true })
    tx.finished = true
    if (tx.failure) throw tx.failure
    if (tx.mustConflict) throw commitConflictError()
    if (this.forceCommitConflicts > 0) {
      this.forceCommitConflicts--
      throw commitConflictError()
    }
    for (const key of tx.touched) {
      const [coll, id] = key.split('\u0000')
      if (this.versionOf(coll, id) > tx.startSeq) throw commitConflictError()
    }
    for (const [key, doc] of tx.pending) {
      const [coll, id] = key.split('\u0000')
      this.commitWrite(coll, id, doc)
    }
  }
}

class FakeTransaction implements DbTransaction, DocView {
  readonly pending = new Map<string, DocData | null>()
  readonly touched = new Set<string>()
  aborted = false
  abortReason: unknown = undefined
  finished = false
  /** the error of a write that failed inside: MongoDB aborts the transaction with it */
  failure: Error | null = null
  mustConflict = false
  readonly tx = this

  constructor(
    private readonly db: FakeCloudDb,
    readonly startSeq: number,
  ) {}

  collection(name: string): DbTransactionCollection {
    const coll = new FakeCollection(this.db, name, this)
    return {
      doc: (id: string) => coll.doc(id),
      add: (options: { data: DocData }) => coll.add(options),
      // the real transaction collection has these methods, and the server refuses them
      ...({
        where: () => ({
          get: () => Promise.reject(invalidError('collection.get', 'batch operations are not supported in a transaction')),
          update: () => Promise.reject(invalidError('collection.update', 'batch operations are not supported in a transaction')),
          remove: () => Promise.reject(invalidError('collection.remove', 'batch operations are not supported in a transaction')),
        }),
      } as object),
    }
  }

  async rollback(reason?: unknown): Promise<unknown> {
    await this.discard()
    this.aborted = true
    this.abortReason = reason
    return {}
  }

  /** The rollback runTransaction sends by itself when the callback throws. */
  async discard(): Promise<void> {
    await this.db.request({ op: 'tx.rollback', inTransaction: true })
    this.finished = true
    this.pending.clear()
  }

  read(coll: string, id: string): DocData | undefined {
    const key = `${coll}\u0000${id}`
    this.touched.add(key)
    if (this.pending.has(key)) return this.pending.get(key) ?? undefined
    return this.db.table(coll).get(id)
  }

  write(coll: string, id: string, doc: DocData | null): void {
    const key = `${coll}\u0000${id}`
    this.touched.add(key)
    this.pending.set(key, doc ? { ...doc, _id: id } : null)
  }

  /** Called by every operation inside: a finished or failed transaction refuses further work. */
  check(api: string, write: boolean): void {
    if (this.finished) throw invalidError(api, 'the transaction has finished')
    if (this.failure) throw sdkError(api, -501001, `transaction aborted: ${this.failure.message}`)
    if (write && this.db.opConflicts > 0) {
      this.db.opConflicts--
      throw (this.failure = opConflictError(api))
    }
  }

  /** Runs a write; if it fails, the transaction is aborted. */
  guard<T>(run: () => T): T {
    try {
      return run()
    } catch (e) {
      this.failure = e as Error
      throw e
    }
  }
}

interface QuerySpec {
  where?: unknown
  orderBy: Array<[string, 'asc' | 'desc']>
  skip?: number
  limit?: number
}

export class FakeQuery implements DbQuery {
  constructor(
    protected readonly db: FakeCloudDb,
    readonly name: string,
    protected readonly view: DocView,
    protected readonly spec: QuerySpec = { orderBy: [] },
  ) {}

  private with(change: Partial<QuerySpec>): FakeQuery {
    return new FakeQuery(this.db, this.name, this.view, { ...this.spec, ...change })
  }

  where(condition: object): FakeQuery {
    if (condition === null || typeof condition !== 'object') throw invalidError('collection.where', 'query must be an object')
    return this.with({ where: condition })
  }

  orderBy(fieldPath: string, direction: 'asc' | 'desc'): FakeQuery {
    if (direction !== 'asc' && direction !== 'desc') throw invalidError('collection.orderBy', 'direction must be asc or desc')
    return this.with({ orderBy: [...this.spec.orderBy, [fieldPath, direction]] })
  }

  skip(offset: number): FakeQuery {
    if (!Number.isInteger(offset)) throw new Error('skip must be an integer')
    return this.with({ skip: offset })
  }

  limit(max: number): FakeQuery {
    if (!Number.isInteger(max)) throw new Error('limit must be an integer')
    return this.with({ limit: max })
  }

  private record(op: CallRecord['op']): CallRecord {
    return {
      op,
      collection: this.name,
      where: this.spec.where,
      orderBy: this.spec.orderBy.length ? this.spec.orderBy : undefined,
      limit: this.spec.limit,
      inTransaction: false,
    }
  }

  private matching(): DocData[] {
    const docs = [...this.db.table(this.name).values()].filter((d) => matches(d, this.spec.where))
    return sortRows(
      docs,
      this.spec.orderBy.map(([f, d]) => [f, d === 'asc' ? 1 : -1]),
    )
  }

  async get(): Promise<{ data: DocData[] }> {
    await this.db.request(this.record('get'))
    const limit = this.spec.limit || 100
    if (limit > 1000) throw invalidError('collection.get', `limit ${limit} is above 1000`)
    const skip = this.spec.skip ?? 0
    return { data: this.matching().slice(skip, skip + limit).map(clone) }
  }

  async count(): Promise<{ total: number }> {
    await this.db.request(this.record('count'))
    return { total: this.matching().length }
  }

  async update(options: { data: object }): Promise<{ stats: { updated: number } }> {
    await this.db.request(this.record('update'))
    let updated = 0
    for (const doc of this.matching()) {
      const next = applyUpdate(doc, options?.data, 'collection.update')
      if (!deepEqual(next, doc)) {
        this.db.commitWrite(this.name, String(doc._id), next)
        updated++
      }
    }
    return { stats: { updated } }
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await this.db.request(this.record('remove'))
    const docs = this.matching()
    for (const doc of docs) this.db.commitWrite(this.name, String(doc._id), null)
    return { stats: { removed: docs.length } }
  }
}

export class FakeCollection extends FakeQuery implements DbCollection {
  doc(id: string): FakeDocument {
    if (typeof id !== 'string' && typeof id !== 'number') throw new Error('docId必须为字符串或数字')
    return new FakeDocument(this.db, this.name, String(id), this.view)
  }

  async add(options: { data: DocData }): Promise<{ _id: string }> {
    const tx = this.view.tx
    await this.db.request({ op: 'add', collection: this.name, docId: String(options?.data?._id ?? ''), inTransaction: !!tx })
    const run = () => {
      tx?.check('collection.add', true)
      const data = options?.data
      if (!isPlain(data)) throw invalidError('collection.add', 'data must be an object')
      if (containsCmd(data)) throw invalidError('collection.add', 'data must not contain commands')
      const id = data._id === undefined ? this.db.newId() : String(data._id)
      if (this.view.read(this.name, id)) throw duplicateError('collection.add', this.name, id)
      this.view.write(this.name, id, { ...clone(data), _id: id })
      return { _id: id }
    }
    return tx ? tx.guard(run) : run()
  }

  aggregate(): DbAggregate {
    return new FakeAggregate(this.db, this.name, [])
  }
}

export class FakeDocument implements DbDocument {
  constructor(
    private readonly db: FakeCloudDb,
    private readonly coll: string,
    private readonly id: string,
    private readonly view: DocView,
  ) {}

  private async begin(op: CallRecord['op']): Promise<void> {
    await this.db.request({ op, collection: this.coll, docId: this.id, inTransaction: !!this.view.tx })
  }

  private write<T>(api: string, run: () => T): T {
    const tx = this.view.tx
    if (!tx) return run()
    return tx.guard(() => {
      tx.check(api, true)
      return run()
    })
  }

  async get(): Promise<{ data: DocData | null }> {
    await this.begin('doc.get')
    this.view.tx?.check('document.get', false)
    const doc = this.view.read(this.coll, this.id)
    if (doc) return { data: clone(doc) }
    if (this.db.options.throwOnNotFound === false) return { data: null }
    throw sdkError('document.get', -1, `document with _id ${this.id} does not exist`)
  }

  async set(options: { data: object }): Promise<{ stats: { updated: number; created: number } }> {
    await this.begin('doc.set')
    return this.write('document.set', () => {
      const data = options?.data
      if (!isPlain(data) || Object.keys(data).length === 0) throw invalidError('document.set', '参数必需是非空对象')
      if ('_id' in data) throw invalidError('document.set', '不能更新_id的值')
      if (containsCmd(data)) throw sdkError('document.set', -502001, 'database request fail. update operator complicit')
      const existing = this.view.read(this.coll, this.id)
      const next = { ...clone(data), _id: this.id } as DocData
      const changed = !existing || !deepEqual(existing, next)
      if (changed) this.view.write(this.coll, this.id, next)
      return { stats: { updated: existing && changed ? 1 : 0, created: existing ? 0 : 1 } }
    })
  }

  async update(options: { data: object }): Promise<{ stats: { updated: number } }> {
    await this.begin('doc.update')
    return this.write('document.update', () => {
      const existing = this.view.read(this.coll, this.id)
      if (!existing) {
        applyUpdate({}, options?.data, 'document.update') // still validates the data
        return { stats: { updated: 0 } }
      }
      const next = applyUpdate(existing, options?.data, 'document.update')
      if (deepEqual(next, existing)) return { stats: { updated: 0 } }
      this.view.write(this.coll, this.id, next)
      return { stats: { updated: 1 } }
    })
  }

  async remove(): Promise<{ stats: { removed: number } }> {
    await this.begin('doc.remove')
    return this.write('document.remove', () => {
      const existing = this.view.read(this.coll, this.id)
      if (existing) this.view.write(this.coll, this.id, null)
      return { stats: { removed: existing ? 1 : 0 } }
    })
  }
}

class FakeAggregate implements DbAggregate {
  constructor(
    private readonly db: FakeCloudDb,
    private readonly name: string,
    private readonly stages: Array<[string, unknown]>,
  ) {}

  private push(stage: string, value: unknown): DbAggregate {
    return new FakeAggregate(this.db, this.name, [...this.stages, [stage, value]])
  }

  match(condition: object): DbAggregate {
    return this.push('match', condition)
  }
  unwind(fieldPath: string): DbAggregate {
    return this.push('unwind', fieldPath)
  }
  group(spec: object): DbAggregate {
    return this.push('group', spec)
  }
  sort(spec: Record<string, 1 | -1>): DbAggregate {
    return this.push('sort', spec)
  }
  skip(n: number): DbAggregate {
    return this.push('skip', n)
  }
  limit(n: number): DbAggregate {
    return this.push('limit', n)
  }

  async end(): Promise<{ list: unknown[] }> {
    const first = this.stages[0]
    await this.db.request({
      op: 'aggregate',
      collection: this.name,
      where: first?.[0] === 'match' ? first[1] : undefined,
      stages: this.stages,
      limit: this.stages.find(([s]) => s === 'limit')?.[1] as number | undefined,
      inTransaction: false,
    })
    let rows = [...this.db.table(this.name).values()].map(clone)
    for (const [stage, value] of this.stages) {
      switch (stage) {
        case 'match':
          rows = rows.filter((r) => matches(r, value))
          break
        case 'unwind': {
          const field = String(value).replace(/^\$/, '')
          rows = rows.flatMap((r) => {
            const list = reachOne(r, field)
            return Array.isArray(list) ? list.map((item) => ({ ...r, [field]: item })) : []
          })
          break
        }
        case 'group':
          rows = group(rows, value as Record<string, unknown>)
          break
        case 'sort':
          rows = sortRows(rows, Object.entries(value as Record<string, 1 | -1>))
          break
        case 'skip':
          rows = rows.slice(value as number)
          break
        case 'limit':
          rows = rows.slice(0, value as number)
          break
        default:
          throw invalidError('collection.aggregate', `unsupported stage ${stage}`)
      }
    }
    if (!this.stages.some(([s]) => s === 'limit')) rows = rows.slice(0, 20)
    return { list: rows }
  }
}

// ---------------------------------------------------------------- query shapes, for the manifest test

export interface QueryBranch {
  /** fields bound by equality, `in`, array containment or `exists` */
  equality: Set<string>
  /** fields bound by lt / lte / gt / gte */
  range: Set<string>
}

/** The conjunctive branches of a where condition (its disjunctive normal form), by field. */
export function queryBranches(cond: unknown): QueryBranch[] {
  const empty = (): QueryBranch => ({ equality: new Set(), range: new Set() })
  const merge = (a: QueryBranch, b: QueryBranch): QueryBranch => ({
    equality: new Set([...a.equality, ...b.equality]),
    range: new Set([...a.range, ...b.range]),
  })
  const fieldKinds = (expected: unknown): Array<'equality' | 'range' | 'none'> => {
    if (!(expected instanceof Cmd)) return ['equality']
    if (expected.kind === 'logic') return expected.args.flatMap(fieldKinds)
    if (['lt', 'lte', 'gt', 'gte'].includes(expected.op)) return ['range']
    if (['eq', 'in', 'exists'].includes(expected.op)) return ['equality']
    return ['none']
  }
  const walk = (c: unknown): QueryBranch[] => {
    if (c === undefined || c === null) return [empty()]
    if (c instanceof Cmd) {
      const parts = c.args.map(walk)
      if (c.op === 'or') return parts.flat()
      return parts.reduce((acc, branches) => acc.flatMap((a) => branches.map((b) => merge(a, b))), [empty()])
    }
    const branch = empty()
    for (const [path, expected] of Object.entries(flatten(c as Record<string, unknown>))) {
      const kinds = fieldKinds(expected)
      if (kinds.includes('equality')) branch.equality.add(path)
      else if (kinds.includes('range')) branch.range.add(path)
    }
    return [branch]
  }
  return walk(cond)
}
