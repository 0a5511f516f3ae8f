/**
 * 4. Ledger at scale: entries over many volunteers appended through the port (batches, one transaction each) into a
 * file-backed SQLite store; then balance reads, leaderboards of a unit for a month, and the full reconciliation,
 * each beside the raw query that reads the same rows with nothing else to do.
 */
import { createSqliteStores } from '~adapters/sqlite'
import { BENCH_MONTH, syntheticCounty, syntheticLedger } from '../lib/county'
import { latency, type Latency, nowMs, rng, round, timeEach } from '../lib/measure'
import type { Sizes } from '../lib/profile'
import { tempDir } from '../lib/tmp'

export interface TimedQuery {
  label: string
  rows: number
  ms: Latency
  /** the raw query over the same rows */
  rawMs: Latency
  ratio: number
}

export interface LedgerResult {
  entries: number
  volunteers: number
  loadSeconds: number
  loadEntriesPerSecond: number
  dbMegabytes: number
  balance: { ms: Latency; rawMs: Latency; ratio: number }
  leaderboards: TimedQuery[]
  reconcile: { ms: Latency; rawMs: Latency; ratio: number; checked: number; mismatches: number }
}

const BATCH = 1000

export async function ledgerSection(sizes: Sizes): Promise<LedgerResult> {
  const tmp = tempDir('ledger')
  const file = tmp.file('ledger.db')
  const stores = createSqliteStores({ filename: file })
  try {
    const county = syntheticCounty()
    const t0 = nowMs()
    for (const batch of syntheticLedger(county, sizes.ledgerEntries, sizes.ledgerVolunteers, BATCH)) {
      const answer = await stores.ledger.appendLedger(batch)
      if (answer !== 'ok') throw new Error(`ledger load: ${answer}`)
    }
    const loadSeconds = (nowMs() - t0) / 1000
    stores.db.pragma('wal_checkpoint(TRUNCATE)')
    const db = stores.db

    // balance reads: random volunteers, through the port and raw by key
    const r = rng(3)
    const users = Array.from({ length: sizes.balanceReads }, () => `bv-${Math.floor(r() * sizes.ledgerVolunteers)}`)
    const rawBalance = db.prepare('SELECT balance, earned, hours FROM balances WHERE user_id = ?')
    await timeEach(Math.min(1000, users.length), (i) => stores.ledger.getBalance(users[i])) // warm-up
    const balanceMs = await timeEach(users.length, (i) => stores.ledger.getBalance(users[i]))
    const rawBalanceMs = await timeEach(users.length, (i) => rawBalance.get(users[i]))

    // leaderboards for a month: the center, an institute, a station
    const rawRange = db.prepare('SELECT COUNT(*) AS n, TOTAL(delta) AS d FROM ledger_units WHERE unit_id = ? AND at >= ? AND at < ?')
    const leaderboards: TimedQuery[] = []
    for (const [label, unit] of [
      ['中心 · 月', county.center],
      ['所 · 月', county.institutes[0]],
      ['站 · 月', county.stations[0]],
    ] as const) {
      const q = { unitId: unit.id, ...BENCH_MONTH, limit: 20 }
      await stores.ledger.leaderboard(q)
      const ms = await timeEach(sizes.repeats, () => stores.ledger.leaderboard(q))
      const rawMs = await timeEach(sizes.repeats, () => rawRange.get(unit.id, q.from, q.to))
      const rows = (rawRange.get(unit.id, q.from, q.to) as { n: number }).n
      leaderboards.push(withRatio({ label, rows, ms: latency(ms), rawMs: latency(rawMs) }))
    }

    // reconciliation: every balance against the sum of its entries; raw = one pass summing every entry
    const rawSum = db.prepare('SELECT COUNT(*) AS n, TOTAL(delta) AS d FROM ledger')
    const reconcileRuns = Math.max(1, Math.min(3, sizes.repeats))
    let last = await stores.ledger.reconcile()
    const reconcileMs = await timeEach(reconcileRuns, async () => {
      last = await stores.ledger.reconcile()
    })
    const rawMs = await timeEach(reconcileRuns, () => rawSum.get())
    const pages = db.pragma('page_count', { simple: true }) as number
    const pageSize = db.pragma('page_size', { simple: true }) as number

    const balance = { ms: latency(balanceMs), rawMs: latency(rawBalanceMs) }
    const reconcile = { ms: latency(reconcileMs), rawMs: latency(rawMs) }
    return {
      entries: sizes.ledgerEntries,
      volunteers: sizes.ledgerVolunteers,
      loadSeconds: round(loadSeconds, 2),
      loadEntriesPerSecond: round(sizes.ledgerEntries / loadSeconds, 0),
      dbMegabytes: round((pages * pageSize) / 1e6, 1),
      balance: { ...balance, ratio: round(balance.ms.p99 / balance.rawMs.p99, 2) },
      leaderboards,
      reconcile: {
        ...reconcile,
        ratio: round(reconcile.ms.p50 / reconcile.rawMs.p50, 2),
        checked: last.checked,
        mismatches: last.mismatches.length,
      },
    }
  } finally {
    stores.close()
    tmp.remove()
  }
}

export function withRatio(q: Omit<TimedQuery, 'ratio'>): TimedQuery {
  return { ...q, ratio: round(q.ms.p50 / q.rawMs.p50, 2) }
}
