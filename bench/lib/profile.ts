/** How big and how long each section runs. `full` is the documented run; `tiny` is the correctness run in npm test. */
export interface Sizes {
  /** seconds of lifecycle loops, and of raw single-row write transactions */
  lifecycleSeconds: number
  /** seconds per load-generator run */
  httpSeconds: number
  httpConnections: number[]
  /** simultaneous claims on one capacity-3 order, each by a different volunteer */
  claims: number
  ledgerEntries: number
  ledgerVolunteers: number
  /** timed balance reads (and raw key reads) */
  balanceReads: number
  /** runs of each leaderboard, reconcile and statistics query */
  repeats: number
  orders: number
  /** orders of the county year whose rollups stats.summary reads, one run per size (section 10) */
  summaryOrders: number[]
  /** fresh processes per cold-start figure (each bundle and wx-server-sdk alone) */
  coldStartRuns: number
  /** credited services of the volunteer whose certificate is issued (section certificate) */
  certificateServices: number
}

export type ProfileName = 'full' | 'quick' | 'tiny'

export const PROFILES: Record<ProfileName, Sizes> = {
  full: {
    lifecycleSeconds: 5,
    httpSeconds: 5,
    httpConnections: [1, 32, 128],
    claims: 500,
    ledgerEntries: 1_000_000,
    ledgerVolunteers: 100_000,
    balanceReads: 20_000,
    repeats: 10,
    orders: 100_000,
    summaryOrders: [100_000, 1_000_000],
    coldStartRuns: 15,
    certificateServices: 200,
  },
  quick: {
    lifecycleSeconds: 2,
    httpSeconds: 2,
    httpConnections: [1, 32, 128],
    claims: 500,
    ledgerEntries: 100_000,
    ledgerVolunteers: 10_000,
    balanceReads: 5_000,
    repeats: 5,
    orders: 20_000,
    summaryOrders: [20_000, 200_000],
    coldStartRuns: 5,
    certificateServices: 200,
  },
  tiny: {
    lifecycleSeconds: 0.2,
    httpSeconds: 0.3,
    httpConnections: [1, 4],
    claims: 60,
    ledgerEntries: 3_000,
    ledgerVolunteers: 300,
    balanceReads: 200,
    repeats: 2,
    orders: 1_000,
    summaryOrders: [1_000, 10_000],
    coldStartRuns: 2,
    certificateServices: 10,
  },
}
