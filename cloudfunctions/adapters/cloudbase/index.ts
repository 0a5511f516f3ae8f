import type { Stores } from '~core/ports'
import { createAuditStore } from './audit'
import { createCatalogStore } from './catalog'
import { createCertificateStore } from './certificates'
import { createCredentialStore } from './credentials'
import { Conn } from './db'
import type { CloudDb } from './db-types'
import { createJobStore } from './jobs'
import { createLedgerStore } from './ledger'
import { createMallStore } from './mall'
import { createExportStore } from './exports'
import { createRateLimitStore } from './rate-limits'
import { createRequestStore } from './requests'
import { createMembershipStore } from './memberships'
import { createNotificationStore } from './notifications'
import { createOrderStore } from './orders'
import { createSeedStore } from './seed'
import { createSessionStore } from './sessions'
import { createSocialStore } from './social'
import { createUploadStore } from './uploads'
import { createUserStore } from './users'
import { createStatsStore } from './stats'

export type { CloudDb } from './db-types'
export { COLLECTIONS, PAGE } from './db'

/**
 * The CloudBase (WeChat Cloud Development) adapter of the store ports, over `cloud.database()` of wx-server-sdk:
 * one file per port (the same names as adapters/sqlite), all over the connection wrapper in db.ts.
 */
export function createCloudbaseStores(db: CloudDb): Stores {
  const c = new Conn(db)
  return {
    users: createUserStore(c),
    catalog: createCatalogStore(c),
    memberships: createMembershipStore(c),
    orders: createOrderStore(c),
    ledger: createLedgerStore(c),
    notifications: createNotificationStore(c),
    jobs: createJobStore(c),
    rateLimits: createRateLimitStore(c),
    exports: createExportStore(c),
    requests: createRequestStore(c),
    seed: createSeedStore(c),
    audit: createAuditStore(c),
    credentials: createCredentialStore(c),
    sessions: createSessionStore(c),
    stats: createStatsStore(c),
    certificates: createCertificateStore(c),
    uploads: createUploadStore(c),
    mall: createMallStore(c),
    social: createSocialStore(c),
  }
}
