/**
 * The part of wx-server-sdk's `cloud.database()` that the CloudBase store uses, as a structural type: the real
 * `DB.Database` of wx-server-sdk 4.x fits it as is (test/store/cloudbase.test.ts checks this at compile time), and so
 * does the in-memory fake in test/support/cloudbase-fake.
 *
 * The SDK declares most calls as returning `Promise<T> | void | string` (the callback style of the mini-program side);
 * in a cloud function they always return a promise, which `sdk()` in db.ts asserts.
 */

export type SdkResult<T> = Promise<T> | void | string

export interface DocData {
  _id?: string | number
  [field: string]: unknown
}

/** A query or logic command (`_.gt(1)`, `_.in([...])`): combinable with `.and()` / `.or()` on the same field. */
export interface DbQueryCommand {
  and(...expressions: any[]): unknown
  or(...expressions: any[]): unknown
}

export interface DbCommand {
  eq(value: unknown): DbQueryCommand
  neq(value: unknown): DbQueryCommand
  lt(value: unknown): DbQueryCommand
  lte(value: unknown): DbQueryCommand
  gt(value: unknown): DbQueryCommand
  gte(value: unknown): DbQueryCommand
  in(values: any[]): DbQueryCommand
  nin(values: any[]): DbQueryCommand
  exists(value: boolean): DbQueryCommand
  /** Top-level or field-level conjunction; the array form `_.and([a, b])` is the documented one. */
  and(...expressions: any[]): unknown
  or(...expressions: any[]): unknown

  set(value: unknown): unknown
  remove(): unknown
  inc(value: number): unknown
  push(...values: any[]): unknown
  addToSet(value: unknown): unknown
  pull(value: unknown): unknown

  aggregate: {
    sum(value: unknown): unknown
    cond(value: unknown): unknown
    gt(value: unknown): unknown
  }
}

export interface DbQuery {
  where(condition: object): DbQuery
  orderBy(fieldPath: string, direction: 'asc' | 'desc'): DbQuery
  skip(offset: number): DbQuery
  limit(max: number): DbQuery
  get(): SdkResult<{ data: DocData[] }>
  /** How many documents match (no page size: the server counts). */
  count(): SdkResult<{ total: number }>
  /** Updates every matching document; `stats.updated` counts the documents actually changed. */
  update(options: { data: object }): SdkResult<{ stats: { updated: number } }>
  remove(): SdkResult<{ stats: { removed: number } }>
}

export interface DbDocument {
  /** Rejects when the document does not exist (unless the database was created with `throwOnNotFound: false`). */
  get(): SdkResult<{ data: DocData | null }>
  /** Replaces the whole document, creating it if absent; `data` must not contain `_id` nor update commands. */
  set(options: { data: object }): SdkResult<{ stats: { updated: number; created: number } }>
  update(options: { data: object }): SdkResult<{ stats: { updated: number } }>
  remove(): SdkResult<{ stats: { removed: number } }>
}

export interface DbAggregate {
  match(condition: object): DbAggregate
  unwind(fieldPath: string): DbAggregate
  group(spec: object): DbAggregate
  sort(spec: Record<string, 1 | -1>): DbAggregate
  skip(n: number): DbAggregate
  limit(n: number): DbAggregate
  /** A join; the adapter uses only the uncorrelated form `{ from, pipeline: [raw stages], as }`. */
  lookup(spec: object): DbAggregate
  end(): SdkResult<{ list: unknown[] }> | void
}

export interface DbCollection extends DbQuery {
  doc(id: string): DbDocument
  /** Fails with DATABASE_DUPLICATE_WRITE (errCode -502001) when `data._id` already exists. */
  add(options: { data: DocData }): SdkResult<{ _id: string | number }>
  aggregate(): DbAggregate
}

/** Inside `runTransaction` only single-document operations exist: `doc(id).get/set/update/remove` and `add`. */
export interface DbTransactionCollection {
  doc(id: string): DbDocument
  add(options: { data: DocData }): SdkResult<unknown>
}

export interface DbTransaction {
  collection(name: string): DbTransactionCollection
  /** Aborts: `runTransaction` then rejects with `reason` and nothing of the transaction is written. */
  rollback(reason?: unknown): Promise<unknown>
}

export interface CloudDb {
  readonly command: DbCommand
  collection(name: string): DbCollection
  /** `db.RegExp`: a `where` value that matches a string field by a regular expression (never an index seek). */
  RegExp(options: { regexp: string; options?: string }): unknown
  /**
   * Runs `callback` in a transaction and commits what it wrote. On a write conflict the whole callback runs again
   * (up to `times` more times), so it must read what it needs inside and derive its writes from that.
   */
  runTransaction<T>(callback: (t: DbTransaction) => Promise<T>, times?: number): Promise<T>
}
