import type Database from 'better-sqlite3'
import type { Store } from '~core/store'
import { catalogMethods } from './catalog'
import { openContext } from './db'
import { ledgerMethods } from './ledger'
import { limitMethods } from './limits'
import { notifyMethods } from './notify'
import { orderMethods } from './orders'
import { teamMethods } from './teams'
import { userMethods } from './users'

export type SqliteStore = Store & { close(): void; db: Database.Database }

/**
 * The Store port over SQLite (better-sqlite3). `filename` is a file path (WAL journal) or ':memory:'.
 * Calls are synchronous underneath; every multi-row write is one IMMEDIATE transaction, so several processes may
 * share a file database.
 */
export function createSqliteStore(opts: { filename: string }): SqliteStore {
  const ctx = openContext(opts.filename)
  return {
    ...userMethods(ctx),
    ...catalogMethods(ctx),
    ...teamMethods(ctx),
    ...orderMethods(ctx),
    ...ledgerMethods(ctx),
    ...limitMethods(ctx),
    ...notifyMethods(ctx),
    db: ctx.db,
    close() {
      if (ctx.db.open) ctx.db.close()
    },
  }
}
