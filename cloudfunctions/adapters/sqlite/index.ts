import type { Stores } from '~core/ports'
import { type Database, openDatabase, REQUESTS_SQL } from './db'
import { AUDIT_SQL, createAuditStore } from './audit'
import { CATALOG_SQL, createCatalogStore } from './catalog'
import { CERTIFICATES_SQL, createCertificateStore } from './certificates'
import { createCredentialStore, CREDENTIALS_SQL } from './credentials'
import { createJobStore, JOBS_SQL } from './jobs'
import { createLedgerStore, LEDGER_SQL } from './ledger'
import { createMallStore, MALL_SQL } from './mall'
import { createExportStore, EXPORTS_SQL } from './exports'
import { createRateLimitStore, RATE_LIMITS_SQL } from './rate-limits'
import { BOUND_REQUESTS_SQL, createRequestStore } from './requests'
import { createMembershipStore, MEMBERSHIPS_SQL } from './memberships'
import { createNotificationStore, NOTIFICATIONS_SQL } from './notifications'
import { createOrderStore, ORDERS_SQL } from './orders'
import { createSeedStore, SEED_SQL } from './seed'
import { createSessionStore, SESSIONS_SQL } from './sessions'
import { createSocialStore, SOCIAL_SQL } from './social'
import { createUploadStore, UPLOADS_SQL } from './uploads'
import { createUserStore, USERS_SQL } from './users'
import { createStatsStore, STATS_SQL } from './stats'

export type SqliteStores = Stores & { close(): void; db: Database.Database }

/**
 * The store ports over SQLite (better-sqlite3), mirrored file for file with adapters/cloudbase: db.ts holds the
 * connection, transactions, paging and the shared request rows; each port's file holds its statements beside the code
 * that runs them. A write that crosses contexts (transition, approveMembership, saveTeam, importData) stays in the port
 * that owns the use case and reaches the other tables through the row helpers those files export (userRows,
 * catalogRows, ledgerRows …), never through another port object.
 *
 * `filename` is a file path (WAL journal) or ':memory:'. Calls are synchronous underneath; every multi-row write is one IMMEDIATE transaction, so several processes may
 * share a file database. Every statement is prepared once, here, when the ports are made.
 */
export function createSqliteStores(opts: { filename: string }): SqliteStores {
  const db = openDatabase(opts.filename)
  return {
    users: createUserStore(db),
    catalog: createCatalogStore(db),
    memberships: createMembershipStore(db),
    orders: createOrderStore(db),
    ledger: createLedgerStore(db),
    notifications: createNotificationStore(db),
    jobs: createJobStore(db),
    rateLimits: createRateLimitStore(db),
    exports: createExportStore(db),
    requests: createRequestStore(db),
    seed: createSeedStore(db),
    audit: createAuditStore(db),
    credentials: createCredentialStore(db),
    sessions: createSessionStore(db),
    stats: createStatsStore(db),
    certificates: createCertificateStore(db),
    uploads: createUploadStore(db),
    mall: createMallStore(db),
    social: createSocialStore(db),
    db,
    close() {
      if (db.open) db.close()
    },
  }
}

/** Every statement the adapter runs, by name (for the query-plan test). */
export const SQL = {
  ...REQUESTS_SQL,
  ...USERS_SQL,
  ...CATALOG_SQL,
  ...MEMBERSHIPS_SQL,
  ...ORDERS_SQL,
  ...LEDGER_SQL,
  ...NOTIFICATIONS_SQL,
  ...JOBS_SQL,
  ...RATE_LIMITS_SQL,
  ...EXPORTS_SQL,
  ...BOUND_REQUESTS_SQL,
  ...SEED_SQL,
  ...AUDIT_SQL,
  ...CREDENTIALS_SQL,
  ...SESSIONS_SQL,
  ...STATS_SQL,
  ...CERTIFICATES_SQL,
  ...UPLOADS_SQL,
  ...MALL_SQL,
  ...SOCIAL_SQL,
}

export type StatementName = keyof typeof SQL

/** The paginated list queries, for the query-plan test: each must search an index, never scan or sort. */
export const LIST_QUERIES: StatementName[] = [
  'ownerPage',
  'queueArm',
  'periodArm',
  'teamArm',
  'claimArm',
  'stale',
  'preferredDue',
  'ledgerPage',
  'inboxPage',
  'auditPage',
  'auditKindPage',
  'auditUnitPage',
  'auditUnitKindPage',
  'overviewAsc',
  'overviewDesc',
  'overviewThemeAsc',
  'overviewThemeDesc',
  'usersByName',
  'usersByPhone',
  'certificatesOfVolunteer',
  'validOfVolunteer',
  'minePage',
  'pendingPage',
  'expired',
]
