/**
 * 5. Aggregation: a county year of orders inserted through the port into a file-backed SQLite store, then the
 * statistics a center reports (Store.orderStats) for several units and periods, each beside the raw count of the
 * same index range.
 */
import { createSqliteStores } from '~adapters/sqlite'
import { BENCH_MONTH, BENCH_YEAR, syntheticCounty, syntheticOrders } from '../lib/county'
import { latency, nowMs, round, timeEach } from '../lib/measure'
import type { Sizes } from '../lib/profile'
import { tempDir } from '../lib/tmp'
import { type TimedQuery, withRatio } from './ledger'

export interface AggregationResult {
  orders: number
  loadSeconds: number
  loadOrdersPerSecond: number
  dbMegabytes: number
  queries: Array<TimedQuery & { placed: number; taken: number; served: number; people: number }>
}

export async function aggregationSection(sizes: Sizes): Promise<AggregationResult> {
  const tmp = tempDir('stats')
  const stores = createSqliteStores({ filename: tmp.file('stats.db') })
  try {
    const county = syntheticCounty()
    const t0 = nowMs()
    for (const order of syntheticOrders(county, sizes.orders)) {
      const { created } = await stores.orders.insertOrder(order)
      if (!created) throw new Error(`order ${order.id} inserted twice`)
    }
    const loadSeconds = (nowMs() - t0) / 1000
    const db = stores.db
    db.pragma('wal_checkpoint(TRUNCATE)')

    // the least any query can do: count the index entries of the unit and period (one seek per status)
    const raw = db.prepare(`
      SELECT COUNT(*) AS n FROM order_units
      WHERE unit_id = ? AND status IN (SELECT value FROM json_each(?)) AND created_at >= ? AND created_at < ?`)
    const statuses = JSON.stringify(['placed', 'dispatched', 'claimed', 'completed', 'rated', 'closed', 'rejected', 'cancelled'])
    const queries: AggregationResult['queries'] = []
    for (const [label, unit, period] of [
      ['中心 · 全年', county.center, BENCH_YEAR],
      ['中心 · 月', county.center, BENCH_MONTH],
      ['所 · 全年', county.institutes[0], BENCH_YEAR],
      ['站 · 全年', county.stations[0], BENCH_YEAR],
    ] as const) {
      const q = { unitId: unit.id, ...period }
      const stats = await stores.orders.orderStats(q)
      const ms = await timeEach(sizes.repeats, () => stores.orders.orderStats(q))
      const rawMs = await timeEach(sizes.repeats, () => raw.get(unit.id, statuses, q.from, q.to))
      const rows = (raw.get(unit.id, statuses, q.from, q.to) as { n: number }).n
      if (rows !== stats.placed) throw new Error(`orderStats ${label}: ${stats.placed} placed, index holds ${rows}`)
      const { placed, taken, served, people } = stats
      queries.push({ ...withRatio({ label, rows, ms: latency(ms), rawMs: latency(rawMs) }), placed, taken, served, people })
    }
    const pages = db.pragma('page_count', { simple: true }) as number
    const pageSize = db.pragma('page_size', { simple: true }) as number
    return {
      orders: sizes.orders,
      loadSeconds: round(loadSeconds, 2),
      loadOrdersPerSecond: round(sizes.orders / loadSeconds, 0),
      dbMegabytes: round((pages * pageSize) / 1e6, 1),
      queries,
    }
  } finally {
    stores.close()
    tmp.remove()
  }
}
