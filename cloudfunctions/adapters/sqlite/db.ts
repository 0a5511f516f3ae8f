import Database from 'better-sqlite3'
import { MIGRATIONS, SCHEMA, SCHEMA_VERSION } from './schema'
import { SQL, type StatementName } from './sql'

export type Statements = Record<StatementName, Database.Statement<unknown[]>>

export interface Context {
  db: Database.Database
  s: Statements
}

export const BUSY_TIMEOUT_MS = 5000

/** Opens (and creates if needed) the database, sets the pragmas, creates the schema and prepares every statement. */
export function openContext(filename: string): Context {
  const db = new Database(filename)
  if (!db.memory) db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  db.transaction(() => {
    // 0: a new database; 1 … SCHEMA_VERSION - 1: an older one, brought up to date in this same transaction
    const from = db.pragma('user_version', { simple: true }) as number
    db.exec(SCHEMA)
    if (from > 0) for (let v = from; v < SCHEMA_VERSION; v++) if (MIGRATIONS[v]) db.exec(MIGRATIONS[v])
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
  const s = Object.fromEntries(
    Object.entries(SQL).map(([name, sql]) => [name, db.prepare(sql)]),
  ) as Statements
  return { db, s }
}

/** Runs a statement expected to return at most one row. */
export function one<T>(stmt: Database.Statement<unknown[]>, params: object = {}): T | undefined {
  return stmt.get(params) as T | undefined
}

export function all<T>(stmt: Database.Statement<unknown[]>, params: object = {}): T[] {
  return stmt.all(params) as T[]
}

export function parseDoc<T>(row: { doc: string } | undefined): T | null {
  return row ? (JSON.parse(row.doc) as T) : null
}

export function parseDocs<T>(rows: Array<{ doc: string }>): T[] {
  return rows.map((r) => JSON.parse(r.doc) as T)
}

/** Thrown inside a transaction to roll it back and answer `result`. */
export class Rollback<R> {
  constructor(readonly result: R) {}
}

/** Runs `fn` as one IMMEDIATE transaction (the write lock is taken up front, so a busy wait never deadlocks a reader turned writer). */
export function writeTx<A extends unknown[], R>(db: Database.Database, fn: (...args: A) => R): (...args: A) => R {
  const tx = db.transaction(fn)
  return (...args: A) => {
    try {
      return tx.immediate(...args)
    } catch (e) {
      if (e instanceof Rollback) return e.result as R
      throw e
    }
  }
}

/** Runs `fn` as one read transaction: several statements see the same snapshot. */
export function readTx<A extends unknown[], R>(db: Database.Database, fn: (...args: A) => R): (...args: A) => R {
  const tx = db.transaction(fn)
  return (...args: A) => tx.deferred(...args)
}

export function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)]
}

/** Set union that keeps the order of `xs` and appends what `ys` adds. */
export function union<T>(xs: readonly T[], ys: readonly T[]): T[] {
  return uniq([...xs, ...ys])
}
