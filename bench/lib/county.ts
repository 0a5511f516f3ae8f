/**
 * Synthetic data at county scale, deterministic for a given seed: a unit tree (中心 → 所 → 站), a year of orders in
 * every status with timelines that agree with the lifecycle, and ledger entries for many volunteers.
 */
import type { Claim, LedgerEntry, Order, OrderStatus, OrgUnit, TimelineEntry } from '~types'
import { demoCounty } from '~local/demo-county'
import { rng } from './measure'

export interface County {
  units: OrgUnit[]
  center: OrgUnit
  institutes: OrgUnit[]
  stations: OrgUnit[]
  themeIds: string[]
}

/** 1 center, `institutes` 所 and `stationsPer` 站 under each (a county has about 15 towns and 200 villages). */
export function syntheticCounty(institutes = 12, stationsPer = 15): County {
  const center: OrgUnit = { id: 'bc', name: '县新时代文明实践中心', level: 'center', parentId: null, path: ['bc'] }
  const inst: OrgUnit[] = []
  const stations: OrgUnit[] = []
  for (let i = 1; i <= institutes; i++) {
    const id = `bc-i${String(i).padStart(2, '0')}`
    const unit: OrgUnit = { id, name: `第${i}镇实践所`, level: 'institute', parentId: center.id, path: [center.id, id] }
    inst.push(unit)
    for (let j = 1; j <= stationsPer; j++) {
      const sid = `${id}-s${String(j).padStart(2, '0')}`
      stations.push({ id: sid, name: `第${i}镇${j}村实践站`, level: 'station', parentId: id, path: [center.id, id, sid] })
    }
  }
  const themeIds = demoCounty().themes.map((t) => t.id)
  return { units: [center, ...inst, ...stations], center, institutes: inst, stations, themeIds }
}

/** How a county year ends: most loops closed, a few still open or refused. Cumulative weights. */
const STATUS_MIX: Array<[OrderStatus, number]> = [
  ['placed', 0.03],
  ['dispatched', 0.06],
  ['claimed', 0.1],
  ['completed', 0.18],
  ['rated', 0.73],
  ['closed', 0.9],
  ['rejected', 0.95],
  ['cancelled', 1],
]

const YEAR_FROM = Date.parse('2024-12-31T16:00:00.000Z') // 2025-01-01 in China
const YEAR_MS = 365 * 24 * 3600 * 1000
export const BENCH_YEAR = { from: '2024-12-31T16:00:00.000Z', to: '2025-12-31T16:00:00.000Z' }
/** 2025-06 in China time. */
export const BENCH_MONTH = { from: '2025-05-31T16:00:00.000Z', to: '2025-06-30T16:00:00.000Z' }

const iso = (ms: number) => new Date(ms).toISOString()

/** `n` orders placed over the bench year in time order, one at a time (a county year is too big to hold as objects). */
export function* syntheticOrders(county: County, n: number, seed = 1): Generator<Order> {
  const r = rng(seed)
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]
  for (let k = 0; k < n; k++) {
    const station = pick(county.stations)
    // placed in time order, as a live county places them
    const created = YEAR_FROM + Math.floor(((k + r()) / n) * YEAR_MS)
    const x = r()
    const status = STATUS_MIX.find(([, w]) => x < w)![0]
    const step = (h: number) => iso(created + h * 3600_000)
    const teamIds = ['dispatched', 'claimed', 'completed', 'rated', 'closed'].includes(status) ? ['team-health'] : []
    const claimCount = ['claimed', 'completed', 'rated', 'closed'].includes(status) ? 1 + Math.floor(r() * 3) : 0
    const claims: Claim[] = Array.from({ length: claimCount }, (_, i) => ({
      volunteerId: `bv-${Math.floor(r() * 100000)}`,
      name: '志愿者',
      at: step(3 + i),
      unitPath: station.path,
    }))
    const served = ['completed', 'rated', 'closed'].includes(status)
    const entry = (h: number, action: TimelineEntry['action'], from: OrderStatus | null, to: OrderStatus): TimelineEntry => ({
      at: step(h),
      actorId: 'bench',
      actorName: '测试',
      action,
      from,
      to,
      note: '',
    })
    const timeline: TimelineEntry[] = [entry(0, 'place', null, 'placed')]
    if (status === 'rejected') timeline.push(entry(1, 'reject', 'placed', 'rejected'))
    if (status === 'cancelled') timeline.push(entry(1, 'cancel', 'placed', 'cancelled'))
    if (teamIds.length) timeline.push(entry(2, 'dispatch', 'placed', 'dispatched'))
    claims.forEach((_, i) => timeline.push(entry(3 + i, 'claim', i ? 'claimed' : 'dispatched', 'claimed')))
    if (served) timeline.push(entry(8, 'complete', 'claimed', 'completed'))
    if (status === 'rated') timeline.push(entry(30, 'rate', 'completed', 'rated'))
    if (status === 'closed') timeline.push(entry(200, 'autoClose', 'completed', 'closed'))
    yield {
      id: `bo-${String(k).padStart(7, '0')}`,
      status,
      version: timeline.length,
      title: '健康义诊',
      need: '家里老人血压高，想请医生来量量血压',
      themeId: pick(county.themeIds),
      menuItemId: null,
      basePoints: 10,
      phone: '13800001234',
      address: `${station.name}三组12号`,
      beneficiaryCount: 1 + Math.floor(r() * 5),
      preferredAt: null,
      ownerId: `br-${Math.floor(r() * 20000)}`,
      ownerName: '村民',
      onBehalfOf: null,
      orgUnitId: station.id,
      unitPath: station.path,
      originPath: station.path,
      teamIds,
      capacity: Math.max(1, claimCount),
      claims,
      completion: served ? { hours: 2, beneficiaryCount: 1 + Math.floor(r() * 20), note: '', by: claims[0].volunteerId, at: step(8) } : null,
      rating: status === 'rated' ? { stars: 3 + Math.floor(r() * 3), comment: '', at: step(30) } : null,
      reason: status === 'rejected' || status === 'cancelled' ? '重复点单' : '',
      timeline,
      createdAt: iso(created),
      updatedAt: timeline[timeline.length - 1].at,
    }
  }
}

/** Ledger entries for `volunteers` volunteers (each at a station), in batches, in time order over the bench year. */
export function* syntheticLedger(county: County, entries: number, volunteers: number, batch: number, seed = 2): Generator<LedgerEntry[]> {
  const r = rng(seed)
  let out: LedgerEntry[] = []
  for (let k = 0; k < entries; k++) {
    // every volunteer has at least one entry; the rest fall at random
    const v = k < volunteers ? k : Math.floor(r() * volunteers)
    const station = county.stations[v % county.stations.length]
    out.push({
      id: `award:bo-${k}:bv-${v}`,
      userId: `bv-${v}`,
      delta: 5 + Math.floor(r() * 36),
      hours: 0.5 * (1 + Math.floor(r() * 8)),
      reason: '服务奖励',
      orderId: `bo-${k}`,
      unitPath: station.path,
      // appended in time order, as the ledger grows
      at: iso(YEAR_FROM + Math.floor(((k + r()) / entries) * YEAR_MS)),
      by: 'system',
    })
    if (out.length === batch) {
      yield out
      out = []
    }
  }
  if (out.length) yield out
}
