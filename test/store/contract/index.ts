/**
 * The store ports' documented behaviour, for any adapter: one file per port, each using only that port (and the
 * others to set up or observe a cross-context write). An adapter that can corrupt a balance behind the ports' back
 * (to prove reconcile notices) passes `corruptBalance`.
 */
import { catalogContract } from './catalog'
import type { MakeStores } from './helpers'
import { jobsContract } from './jobs'
import { ledgerContract } from './ledger'
import { rateLimitsContract } from './rate-limits'
import { membershipsContract } from './memberships'
import { notificationsContract } from './notifications'
import { ordersContract } from './orders'
import { seedContract } from './seed'
import { statsContract } from './stats'
import { usersContract } from './users'

export type { MakeStores, StoresUnderTest } from './helpers'

export const PORT_CONTRACTS = [
  usersContract,
  catalogContract,
  membershipsContract,
  ordersContract,
  ledgerContract,
  notificationsContract,
  jobsContract,
  rateLimitsContract,
  seedContract,
  statsContract,
]

export function runStoreContract(name: string, make: MakeStores): void {
  describe(`Store contract: ${name}`, () => {
    for (const contract of PORT_CONTRACTS) contract(make, name)
  })
}
