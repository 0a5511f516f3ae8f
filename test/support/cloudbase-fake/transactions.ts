/**
 * A transaction: buffered single-document operations, committed at the end unless someone else changed what it
 * touched.
 */
import type { DbTransaction, DbTransactionCollection, DocData } from '~adapters/cloudbase/db-types'
import { FakeCollection } from './collections'
import { invalidError, opConflictError, sdkError } from './errors'
import type { FakeCloudDb } from './index'

/** Where reads and writes go: the committed data, or a transaction's buffer over it. */
export interface DocView {
  read(coll: string, id: string): DocData | undefined
  write(coll: string, id: string, doc: DocData | null): void
  tx: FakeTransaction | null
}

export class FakeTransaction implements DbTransaction, DocView {
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
