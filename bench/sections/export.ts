/**
 * 10. Export: a county year of orders (the aggregation section's synthetic county) exported by export.create for the
 * center, each kind in a fresh process through the real handler: seconds, data rows, file size and peak memory
 * (maxRSS of the process, and its RSS before the call: Node, the store and the loaded modules).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { createSqliteStores } from '~adapters/sqlite'
import { demoCounty } from '~local/demo-county'
import type { ExportFormat, ExportKind, User } from '~types'
import { syntheticCounty, syntheticOrders } from '../lib/county'
import { nowMs, round } from '../lib/measure'
import type { Sizes } from '../lib/profile'
import { tempDir } from '../lib/tmp'

const CHILD = path.join(__dirname, '../lib/export-child.ts')
/**
 * The child's V8 heap ceiling (MB): what a 256 MB function leaves the heap. Without one, V8 on a machine with gigabytes
 * collects garbage lazily and the peak RSS measures its laziness (at 30,000 orders: 225 MB without, 172 MB with 64).
 */
export const EXPORT_HEAP_MB = 128
const MANAGER = 'bench-center-manager'
export const EXPORT_RUNS: Array<[ExportKind, ExportFormat]> = [
  ['activities', 'xlsx'],
  ['orders', 'xlsx'],
  ['orders', 'csv'],
  ['volunteers', 'xlsx'],
  ['report14534', 'xlsx'],
]

export interface ExportRun {
  kind: ExportKind
  format: ExportFormat
  seconds: number
  rows: number
  megabytes: number
  rssBeforeMB: number
  peakRssMB: number
}

export interface ExportResult {
  orders: number
  loadSeconds: number
  runs: ExportRun[]
}

function runChild(env: Record<string, string>): Promise<Omit<ExportRun, 'kind' | 'format' | 'megabytes'> & { bytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${EXPORT_HEAP_MB}`, '--import', 'tsx', CHILD], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    let answer: unknown = null
    child.on('message', (m) => (answer = m))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 && answer ? resolve(answer as never) : reject(new Error(`export child exited with ${code}`))))
  })
}

export async function exportSection(sizes: Sizes): Promise<ExportResult> {
  const tmp = tempDir('export')
  const file = tmp.file('export.db')
  try {
    const county = syntheticCounty()
    const stores = createSqliteStores({ filename: file })
    const demo = demoCounty()
    const manager: User = {
      id: 'bench-manager', openid: MANAGER, name: '中心管理员', phone: '', roles: ['manager'], orgUnitId: county.center.id,
      unitPath: county.center.path, managedUnitId: county.center.id, teamIds: [], createdAt: '2025-01-01T00:00:00.000Z',
    }
    await stores.seed.importData({ units: county.units, themes: demo.themes, menuItems: [], teams: demo.teams, users: [manager], memberships: [] })
    const t0 = nowMs()
    for (const order of syntheticOrders(county, sizes.orders)) await stores.orders.insertOrder(order)
    const loadSeconds = (nowMs() - t0) / 1000
    stores.db.pragma('wal_checkpoint(TRUNCATE)')
    stores.close()

    const runs: ExportRun[] = []
    for (const [kind, format] of EXPORT_RUNS) {
      const r = await runChild({ BENCH_DB: file, BENCH_EXPORTS: tmp.file('files'), BENCH_KIND: kind, BENCH_FORMAT: format, BENCH_OPENID: MANAGER })
      runs.push({
        kind,
        format,
        seconds: round(r.seconds, 2),
        rows: r.rows,
        megabytes: round(r.bytes / 1e6, 1),
        rssBeforeMB: round(r.rssBeforeMB, 0),
        peakRssMB: round(r.peakRssMB, 0),
      })
    }
    return { orders: sizes.orders, loadSeconds: round(loadSeconds, 1), runs }
  } finally {
    tmp.remove()
  }
}
