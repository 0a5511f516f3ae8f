/**
 * Child process of the export section: one export.create through the real handler on BENCH_DB, in a process of its
 * own so that its peak memory (maxRSS) is the export's, not the bench's. Reports seconds, rows, bytes and memory.
 */
import { createDiskFiles } from '~adapters/disk/files'
import { createSqliteStores } from '~adapters/sqlite'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { BENCH_YEAR } from './county'

async function main() {
  const env = process.env
  const stores = createSqliteStores({ filename: env.BENCH_DB! })
  const files = createDiskFiles(env.BENCH_EXPORTS!)
  const deps: Deps = { ...stores, policy: UNLIMITED_POLICY, clock: () => new Date('2026-01-10T00:00:00.000Z'), files }
  // warm the modules the call needs (exceljs is required with the registry), then measure the call alone
  const rssBeforeMB = process.memoryUsage().rss / 1048576
  const t0 = performance.now()
  const res = await FUNCTIONS.export.handle(
    { action: 'create', kind: env.BENCH_KIND, format: env.BENCH_FORMAT, ...BENCH_YEAR },
    { openid: env.BENCH_OPENID!, source: 'client' },
    deps,
  )
  const seconds = (performance.now() - t0) / 1000
  if (!res.ok) throw new Error(`export.create: ${res.error.code} ${res.error.message}`)
  const record = await stores.exports.getExport((res.data as { exportId: string }).exportId)
  stores.close()
  process.send!({ seconds, rows: record!.rows, bytes: record!.bytes, rssBeforeMB, peakRssMB: process.resourceUsage().maxRSS / 1024 })
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
