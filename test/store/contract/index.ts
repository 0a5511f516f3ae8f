/**
 * The store ports' documented behaviour, for any adapter: one file per port, each using only that port (and the
 * others to set up or observe a cross-context write). An adapter that can corrupt a balance behind the ports' back
 * (to prove reconcile notices) passes `corruptBalance`.
 */
import { auditContract } from './audit'
import { catalogContract } from './catalog'
import { certificatesContract } from './certificates'
import { credentialsContract } from './credentials'
import { exportsContract } from './exports'
import type { MakeStores } from './helpers'
import { jobsContract } from './jobs'
import { ledgerContract } from './ledger'
import { mallContract } from './mall'
import { rateLimitsContract } from './rate-limits'
import { requestsContract } from './requests'
import { membershipsContract } from './memberships'
import { notificationsContract } from './notifications'
import { ordersContract } from './orders'
import { ordersPeriodContract } from './orders-period'
import { overviewContract } from './overview'
import { followUpsContract } from './follow-ups'
import { seedContract } from './seed'
import { sessionsContract } from './sessions'
import { socialContract } from './social'
import { statsContract } from './stats'
import { uploadsContract } from './uploads'
import { usersContract } from './users'

export type { MakeStores, StoresUnderTest } from './helpers'

export const PORT_CONTRACTS = [
  usersContract,
  catalogContract,
  membershipsContract,
  ordersContract,
  overviewContract,
  ledgerContract,
  notificationsContract,
  jobsContract,
  rateLimitsContract,
  ordersPeriodContract,
  exportsContract,
  requestsContract,
  seedContract,
  auditContract,
  credentialsContract,
  sessionsContract,
  statsContract,
  certificatesContract,
  uploadsContract,
  mallContract,
  socialContract,
  followUpsContract,
]

export function runStoreContract(name: string, make: MakeStores): void {
  describe(`Store contract: ${name}`, () => {
    for (const contract of PORT_CONTRACTS) contract(make, name)
  })
}
