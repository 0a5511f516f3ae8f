import type { AuditStore } from './audit'
import type { CatalogStore } from './catalog'
import type { CertificateStore } from './certificates'
import type { CredentialStore } from './credentials'
import type { ExportStore } from './exports'
import type { JobStore } from './jobs'
import type { LedgerStore } from './ledger'
import type { MallStore } from './mall'
import type { RateLimitStore } from './rate-limits'
import type { RequestStore } from './requests'
import type { MembershipStore } from './memberships'
import type { NotificationStore } from './notifications'
import type { OrderStore } from './orders'
import type { SeedStore } from './seed'
import type { SessionStore } from './sessions'
import type { SocialStore } from './social'
import type { StatsStore } from './stats'
import type { UploadStore } from './uploads'
import type { UserStore } from './users'

export type * from './audit'
export type * from './content-check'
export type * from './catalog'
export type * from './certificates'
export type * from './credentials'
export type * from './exports'
export type * from './files'
export type * from './jobs'
export type * from './ledger'
export type * from './mall'
export type * from './rate-limits'
export type * from './requests'
export type * from './memberships'
export type * from './notifications'
export type * from './paging'
export type * from './orders'
export type * from './seed'
export type * from './sessions'
export type * from './social'
export type * from './stats'
export type * from './uploads'
export type * from './users'

/**
 * The store ports, one per bounded context: the domain operations the use cases need, never a generic query
 * language. Adapters (adapters/sqlite, adapters/cloudbase) implement every port, file for file; a use case asks only
 * for the ports it uses (Pick<Stores, 'orders' | 'users'>).
 */
export interface Stores {
  users: UserStore
  catalog: CatalogStore
  memberships: MembershipStore
  orders: OrderStore
  ledger: LedgerStore
  notifications: NotificationStore
  jobs: JobStore
  rateLimits: RateLimitStore
  exports: ExportStore
  requests: RequestStore
  seed: SeedStore
  audit: AuditStore
  credentials: CredentialStore
  sessions: SessionStore
  stats: StatsStore
  certificates: CertificateStore
  uploads: UploadStore
  mall: MallStore
  social: SocialStore
}

export type PortName = keyof Stores
