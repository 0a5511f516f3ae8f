import Database from 'better-sqlite3'
import * as z from 'zod'
import type { Page } from '~types'
import { decodeCursor, encodeCursor } from '../cursor'
import { LATE_SCHEMA, MIGRATIONS, SCHEMA, SCHEMA_VERSION, SET_ASIDE } from './schema'

export type { Database }
export type Statement = Database.Statement<unknown[]>

export const BUSY_TIMEOUT_MS = 5000

/**
 * A commit's cost is the bytes of the WAL frames it writes (each a whole page, checksummed and written twice by
 * pwrite): a lifecycle transition changes a few entries in each of a dozen B-trees, so 2 KB pages write half the bytes
 * of SQLite's default 4 KB for ~15 % more frames (+20–25 % loops/s), while an order document (~1.5–2 KB) still fits in
 * one page and reads, aggregation and the database size stay as they were. Only a new database takes it: an existing
 * one keeps the page size it was created with (changing it would take a VACUUM out of WAL mode).
 */
export const PAGE_SIZE = 2048

/** Opens (and creates if needed) the database, sets the pragmas and creates or migrates the schema. */
export function openDatabase(filename: string): Database.Database {
  const db = new Database(filename)
  db.pragma(`page_size = ${PAGE_SIZE}`)
  if (!db.memory) db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  // A lifecycle loop writes ~90 WAL frames: at the default checkpoint every 1,000 frames, a checkpoint (two fsyncs)
  // fell every ~11 loops and cost more than the SQL. Every 4,000 (~8 MB of WAL at 2 KB pages) cuts that by four;
  // durability is unchanged (WAL + NORMAL; the WAL is replayed on open). Harmless on ':memory:'.
  db.pragma('wal_autocheckpoint = 4000')
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
  db.transaction(() => {
    // 0: a new database; 1 … SCHEMA_VERSION - 1: an older one, brought up to date in this same transaction
    const from = db.pragma('user_version', { simple: true }) as number
    const upgrades = from > 0 ? Array.from({ length: SCHEMA_VERSION - from }, (_, i) => from + i) : []
    for (const v of upgrades) if (SET_ASIDE[v]) db.exec(SET_ASIDE[v])
    db.exec(SCHEMA)
    for (const v of upgrades) if (MIGRATIONS[v]) db.exec(MIGRATIONS[v])
    db.exec(LATE_SCHEMA)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  }).immediate()
  return db
}

/**
 * Prepares a file's statements (named parameters; set-valued ones are JSON arrays read through json_each, so each
 * statement is prepared once whatever the size of the set).
 */
export function prepareAll<K extends string>(db: Database.Database, sql: Record<K, string>): Record<K, Statement> {
  return Object.fromEntries(Object.entries<string>(sql).map(([name, text]) => [name, db.prepare(text)])) as Record<
    K,
    Statement
  >
}

/** Makes `make(db)` once per connection: row helpers that several ports share prepare their statements once. */
export function perDatabase<T>(make: (db: Database.Database) => T): (db: Database.Database) => T {
  const made = new WeakMap<Database.Database, T>()
  return (db) => {
    let value = made.get(db)
    if (value === undefined) {
      value = make(db)
      made.set(db, value)
    }
    return value
  }
}

/** Runs a statement expected to return at most one row. */
export function one<T>(stmt: Statement, params: object = {}): T | undefined {
  return stmt.get(params) as T | undefined
}

export function all<T>(stmt: Statement, params: object = {}): T[] {
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

// Paging: keyset pages over (sort key, id)

/** A keyset position: the sort key of the last item of a page and its id (the tie-breaker). */
export interface Key {
  at: string
  id: string
}

/** Starting positions: every key is above LOW and below HIGH (keys are ISO times and ids, so plain ASCII). */
export const LOW: Key = { at: '', id: '' }
export const HIGH: Key = { at: '\u{10FFFF}', id: '' }

const KEY_CURSOR = z.tuple([z.string(), z.string()])

/** The position a page starts after: the cursor's, or `start` for the first page. */
export function decodeKey(cursor: string | undefined, start: Key): Key {
  const decoded = decodeCursor(cursor, KEY_CURSOR)
  return decoded ? { at: decoded[0], id: decoded[1] } : start
}

export function keyParams(key: Key): { afterAt: string; afterId: string } {
  return { afterAt: key.at, afterId: key.id }
}

/** Turns up to limit+1 fetched items into a page: the extra item only tells that another page exists. */
export function toPage<T>(items: T[], keys: Key[], limit: number): Page<T> {
  if (items.length <= limit) return { items, nextCursor: null }
  const last = keys[limit - 1]
  return { items: items.slice(0, limit), nextCursor: encodeCursor([last.at, last.id]) }
}

export function compareKeys(a: Key, b: Key): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1
  if (a.id !== b.id) return a.id < b.id ? -1 : 1
  return 0
}

// Stored answers of keyed requests (a retried write answers what the first did): orders and subscribe grants

export const REQUESTS_SQL = {
  requestByKey: `SELECT response FROM requests WHERE key = @key`,
  insertRequest: `INSERT INTO requests (key, response, at) VALUES (@key, @response, @at) ON CONFLICT (key) DO NOTHING`,
}

export const requestRows = perDatabase((db) => {
  const s = prepareAll(db, REQUESTS_SQL)
  return {
    /** The stored answer (JSON text) of the request with this key, if any. */
    response: (key: string) => one<{ response: string }>(s.requestByKey, { key })?.response,
    /** Stores a request's answer; call inside a write transaction. */
    insert: (key: string, response: string, at: string) => s.insertRequest.run({ key, response, at }),
  }
})
