/**
 * 10. Statistics from the rollups: stats.summary through its handler (the caller, the unit, the rollups, the unit's
 * limits and the overdue count) for the center over its year, at each size of `summaryOrders` side by side, on a
 * SQLite file. The rollups are seeded in bulk: each synthetic order's contribution is computed with the same core
 * functions the pipeline uses (core/figures.ts rollupOf), summed in memory and written with one statement per row;
 * the orders still open go through insertOrder (the pipeline), so the overdue count has its real rows. Putting a
 * million orders through insertOrder would take ~4 minutes and ~3 GB, and measure the insert, not the summary.
 */
import { createSqliteStores } from '~adapters/sqlite'
import { cellKey, type Counters, rollupOf, ROLLUP_COUNTERS, zeroCounters } from '~core/figures'
import { DEFAULT_POLICY } from '~core/config'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import type { Order, User } from '~types'
import { BENCH_YEAR, syntheticCounty, syntheticOrders } from '../lib/county'
import { latency, type Latency, nowMs, round, timeEach } from '../lib/measure'
import type { Sizes } from '../lib/profile'
import { tempDir } from '../lib/tmp'

export interface SummaryRow {
  orders: number
  seedSeconds: number
  dbMegabytes: number
  /** rollup rows of the center's year that the summary reads (month rows of its twelve months) */
  cells: number
  ms: Latency
  placed: number
  served: number
  volunteers: number
  volunteerTimes: number
}

export interface SummaryResult {
  rows: SummaryRow[]
  /** p50 of the largest size ÷ p50 of the smallest */
  growth: number
}

const OPEN = new Set(['placed', 'dispatched', 'claimed'])
const ADMIN = 'bench-admin'

async function measure(orders: number, repeats: number): Promise<SummaryRow> {
  const tmp = tempDir('summary')
  const stores = createSqliteStores({ filename: tmp.file('summary.db') })
  try {
    const county = syntheticCounty()
    const admin: User = {
      id: 'u-bench-admin',
      openid: ADMIN,
      name: '周主任',
      phone: '',
      roles: ['admin', 'manager'],
      orgUnitId: county.center.id,
      unitPath: [county.center.id],
      managedUnitId: county.center.id,
      teamIds: [],
      createdAt: BENCH_YEAR.from,
    }
    await stores.seed.importData({ units: county.units, themes: [], menuItems: [], teams: [], users: [admin], memberships: [] })

    const t0 = nowMs()
    const cells = new Map<string, { unitId: string; day: string; childId: string; themeId: string; counters: Counters }>()
    const monthCells = new Map<string, { unitId: string; day: string; childId: string; themeId: string; counters: Counters }>()
    const reasons = new Map<string, { unitId: string; day: string; fate: string; reason: string; n: number }>()
    const volDays = new Set<string>()
    const volMonths = new Set<string>()
    const volYears = new Set<string>()
    const open: Order[] = []
    for (const order of syntheticOrders(county, orders)) {
      if (OPEN.has(order.status)) {
        open.push(order)
        continue
      }
      const r = rollupOf(order)
      for (const c of r.cells) {
        for (const [map, when] of [
          [cells, r.day],
          [monthCells, r.month],
        ] as const) {
          const key = `${when}|${cellKey(c)}`
          let into = map.get(key)
          if (!into) map.set(key, (into = { unitId: c.unitId, day: when, childId: c.childId, themeId: c.themeId, counters: zeroCounters() }))
          for (const k of ROLLUP_COUNTERS) into.counters[k] += c.counters[k]
        }
      }
      for (const x of r.reasons) {
        const key = `${x.unitId}|${r.day}|${x.fate}|${x.reason}`
        const into = reasons.get(key) ?? { unitId: x.unitId, day: r.day, fate: x.fate, reason: x.reason, n: 0 }
        into.n += x.n
        reasons.set(key, into)
      }
      for (const v of r.volunteers) {
        volDays.add(`${v.unitId}\u0000${r.day}\u0000${v.volunteerId}`)
        volMonths.add(`${v.unitId}\u0000${r.month}\u0000${v.volunteerId}`)
        volYears.add(`${v.unitId}\u0000${r.month.slice(0, 4)}\u0000${v.volunteerId}`)
      }
    }
    const db = stores.db
    const cols = ROLLUP_COUNTERS.join(', ')
    const putCell = db.prepare(
      `INSERT INTO stat_cells (unit_id, day, child_id, theme_id, ${cols}) VALUES (?, ?, ?, ?, ${ROLLUP_COUNTERS.map(() => '?').join(', ')})`,
    )
    const putMonthCell = db.prepare(
      `INSERT INTO stat_cells_month (unit_id, month, child_id, theme_id, ${cols}) VALUES (?, ?, ?, ?, ${ROLLUP_COUNTERS.map(() => '?').join(', ')})`,
    )
    const putReason = db.prepare('INSERT INTO stat_reasons (unit_id, day, fate, reason, n) VALUES (?, ?, ?, ?, ?)')
    const putSet = (table: string, col: string) => db.prepare(`INSERT INTO ${table} (unit_id, ${col}, volunteer_id) VALUES (?, ?, ?)`)
    db.transaction(() => {
      for (const c of cells.values()) putCell.run(c.unitId, c.day, c.childId, c.themeId, ...ROLLUP_COUNTERS.map((k) => c.counters[k]))
      for (const c of monthCells.values()) putMonthCell.run(c.unitId, c.day, c.childId, c.themeId, ...ROLLUP_COUNTERS.map((k) => c.counters[k]))
      for (const r of reasons.values()) putReason.run(r.unitId, r.day, r.fate, r.reason, r.n)
      for (const [set, table, col] of [
        [volDays, 'stat_vol_days', 'day'],
        [volMonths, 'stat_vol_months', 'month'],
        [volYears, 'stat_vol_years', 'year'],
      ] as const) {
        const put = putSet(table, col)
        for (const key of set) put.run(...key.split('\u0000'))
      }
    })()
    for (const order of open) await stores.orders.insertOrder(order)
    const seedSeconds = (nowMs() - t0) / 1000
    db.pragma('wal_checkpoint(TRUNCATE)')

    const deps: Deps = { ...stores, policy: DEFAULT_POLICY, clock: () => new Date('2026-01-15T00:00:00.000Z') }
    const call = () =>
      FUNCTIONS.stats.handle({ action: 'summary', unitId: county.center.id, ...BENCH_YEAR }, { openid: ADMIN, source: 'client' }, deps)
    const first = await call()
    if (!first.ok) throw new Error(`stats.summary failed: ${first.error.code} ${first.error.message}`)
    const s = (first.data as { stats: { placed: number; served: number; volunteers: number; volunteerTimes: number } }).stats
    if (s.placed !== orders) throw new Error(`stats.summary: ${s.placed} placed, ${orders} seeded`)
    const ms = await timeEach(repeats, call)
    const read = (db.prepare('SELECT count(*) AS n FROM stat_cells_month WHERE unit_id = ? AND month >= ? AND month < ?').get(county.center.id, '2025-01', '2026-01') as { n: number }).n
    const pages = db.pragma('page_count', { simple: true }) as number
    const pageSize = db.pragma('page_size', { simple: true }) as number
    return {
      orders,
      seedSeconds: round(seedSeconds, 1),
      dbMegabytes: round((pages * pageSize) / 1e6, 1),
      cells: read,
      ms: latency(ms),
      placed: s.placed,
      served: s.served,
      volunteers: s.volunteers,
      volunteerTimes: s.volunteerTimes,
    }
  } finally {
    stores.close()
    tmp.remove()
  }
}

export async function summarySection(sizes: Sizes): Promise<SummaryResult> {
  const rows: SummaryRow[] = []
  for (const n of sizes.summaryOrders) rows.push(await measure(n, Math.max(5, sizes.repeats * 3)))
  const growth = rows.length > 1 ? round(rows[rows.length - 1].ms.p50 / rows[0].ms.p50, 2) : 1
  return { rows, growth }
}
