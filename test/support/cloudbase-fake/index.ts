/**
 * An in-memory fake of the part of wx-server-sdk's database that the CloudBase store uses (see
 * cloudfunctions/adapters/cloudbase/db-types.ts), for tests and the bench only: no function bundle imports it.
 * Split along its seams: commands, matching (and values), updates, aggregation, transactions, collections (queries
 * and documents); this file is the database and its request counting.
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
 * size and QPS limits, `field()` projections, server dates, geo, regexp options beyond JavaScript's, realtime watch, snapshot reads
 * (a transaction reads the latest committed state; the commit check makes an inconsistent read harmless).
 *
 * Test knobs: `calls` and `log` (one entry per request the real SDK would send), `onCall` (runs before each request,
 * to interleave a concurrent write), `forceCommitConflicts` (the next n commits fail with a conflict, so callbacks
 * run again), `conflictOnFirstCommit` (every transaction runs its callback at least twice), `opConflicts` (the next
 * n writes inside transactions reject with a conflict the SDK does not retry), `callbackRuns`, and `put` / `peek` /
 * `all` for direct access that is not counted.
 */
import type { CloudDb, DbTransaction, DocData } from '~adapters/cloudbase/db-types'
import { FakeCollection } from './collections'
import { Cmd, fakeCommand } from './commands'
import { commitConflictError, type SdkError } from './errors'
import { clone } from './matching'
import { type DocView, FakeTransaction } from './transactions'

export { Cmd, fakeCommand } from './commands'
export { FakeCollection, FakeDocument, FakeQuery } from './collections'
export { compareValues, matches, queryBranches, type QueryBranch } from './matching'

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

export class FakeCloudDb implements CloudDb {
  readonly command = fakeCommand
  /** `db.RegExp`: matched by the regular expression in where (an index never serves it; the manifest test knows). */
  RegExp(options: { regexp: string; options?: string }): unknown {
    return new Cmd('query', 'regex', [options])
  }
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
