import type { CatalogStore } from './catalog'
import type { JobStore } from './jobs'
import type { LedgerStore } from './ledger'
import type { RateLimitStore } from './rate-limits'
import type { MembershipStore } from './memberships'
import type { NotificationStore } from './notifications'
import type { OrderStore } from './orders'
import type { SeedStore } from './seed'
import type { StatsStore } from './stats'
import type { UserStore } from './users'

export type * from './catalog'
export type * from './jobs'
export type * from './ledger'
export type * from './rate-limits'
export type * from './memberships'
export type * from './notifications'
export type * from './paging'
export type * from './orders'
export type * from './seed'
export type * from './stats'
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
  seed: SeedStore
  stats: StatsStore
}

export type PortName = keyof Stores
