/** The targets of issue 4 and the Markdown tables the bench prints (and the README quotes). */
import type { BenchResults } from './bench'
import type { Latency } from './lib/measure'
import { EXPORT_HEAP_MB } from './sections/export'
import { kb, PACKAGE_LIMIT } from './sections/packages'

export interface TargetCheck {
  target: string
  measured: string
  /** null: not measured in this run */
  met: boolean | null
}

const ms = (x: number) => (!Number.isFinite(x) ? '–' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3))
const int = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '–')
const lat = (l: Latency) => `${ms(l.p50)} / ${ms(l.p95)} / ${ms(l.p99)}`

export function targets(r: BenchResults): TargetCheck[] {
  const out: TargetCheck[] = []
  const sizeNote = (n: number, full: number, what: string) => (n < full ? ` (at ${int(n)} ${what}; the target is for ${int(full)})` : '')
  if (r.lifecycle) {
    out.push({ target: 'lifecycle loops ≥ 1,000/s in process', measured: `${int(r.lifecycle.loopsPerSecond)}/s`, met: r.lifecycle.loopsPerSecond >= 1000 })
  }
  // judged at 32 connections; a run without them (the tiny profile) is judged at its largest count
  const rows = r.http?.rows ?? []
  const at32 = rows.find((row) => row.connections === 32) ?? rows[rows.length - 1]
  if (at32) {
    const note = at32.connections === 32 ? '' : ` (at ${at32.connections} connections)`
    out.push({ target: 'HTTP write p99 < 25 ms at 32 connections', measured: `${ms(at32.write.latencyMs.p99)} ms${note}`, met: at32.write.latencyMs.p99 < 25 })
    const worst = Math.min(at32.readRatio, at32.writeRatio)
    out.push({
      target: 'HTTP throughput ≥ ¼ of the bare endpoint (32 connections)',
      measured: `read ${at32.readRatio.toFixed(2)}×, write ${at32.writeRatio.toFixed(2)}×${note}`,
      met: worst >= 0.25,
    })
  }
  if (r.contention) {
    const c = r.contention
    const exact = [c.winners.inProcess, c.winners.http, c.finalClaims.inProcess, c.finalClaims.http].every((w) => w === c.capacity)
    out.push({
      target: `contention: exactly 3 winners of ${int(c.claims)}, p99 < 100 ms (judged in process)`,
      measured:
        `winners ${c.winners.inProcess} in process, ${c.winners.http} over HTTP; p99 ${ms(c.inProcess.claim.latencyMs.p99)} ms in process, ` +
        `${ms(c.http.claim.latencyMs.p99)} ms over HTTP (bare endpoint, same burst: ${ms(c.http.bare.latencyMs.p99)} ms)`,
      met: exact && c.inProcess.claim.latencyMs.p99 < 100,
    })
    const m = c.redemption
    if (m) {
      const exactRedeem = [m.winners.inProcess, m.winners.http].every((w) => w === m.stock) && m.stockLeft.inProcess === 0 && m.stockLeft.http === 0 && m.ledgerExact
      out.push({
        target: `redemption burst: exactly ${m.stock} winners of ${int(m.people)}, stock 0, the ledger exact`,
        measured:
          `winners ${m.winners.inProcess} in process, ${m.winners.http} over HTTP; p50/p99 ${ms(m.inProcess.redeem.latencyMs.p50)}/${ms(m.inProcess.redeem.latencyMs.p99)} ms in process ` +
          `(reads ${ms(m.inProcess.read.latencyMs.p50)}/${ms(m.inProcess.read.latencyMs.p99)}), ${ms(m.http.redeem.latencyMs.p50)}/${ms(m.http.redeem.latencyMs.p99)} ms over HTTP ` +
          `(reads ${ms(m.http.read.latencyMs.p50)}/${ms(m.http.read.latencyMs.p99)})`,
        met: exactRedeem,
      })
    }
  }
  if (r.ledger) {
    const l = r.ledger
    const note = sizeNote(l.entries, 1_000_000, 'entries')
    out.push({ target: 'balance read p99 < 1 ms at 1,000,000 entries', measured: `${ms(l.balance.ms.p99)} ms${note}`, met: l.balance.ms.p99 < 1 })
    out.push({
      target: 'reconciliation of 1,000,000 entries < 5 s',
      measured: `${ms(l.reconcile.ms.p50 / 1000)} s, ${l.reconcile.mismatches} mismatches${note}`,
      met: l.reconcile.ms.max < 5000 && l.reconcile.mismatches === 0,
    })
  }
  if (r.aggregation) {
    const a = r.aggregation
    const worst = Math.max(...a.queries.map((q) => q.ms.max))
    out.push({
      target: 'each aggregation query < 200 ms at 100,000 orders',
      measured: `slowest ${ms(worst)} ms${sizeNote(a.orders, 100_000, 'orders')}`,
      met: worst < 200,
    })
  }
  if (r.export) {
    const e = r.export
    const slowest = Math.max(...e.runs.map((x) => x.seconds))
    const peak = Math.max(...e.runs.map((x) => x.peakRssMB))
    out.push({
      target: 'export of a 100,000-order year within the function timeout (60 s) and under 256 MB',
      measured: `slowest ${slowest} s, peak ${peak} MB${sizeNote(e.orders, 100_000, 'orders')}`,
      met: slowest < 60 && peak < 256,
    })
  }
  if (r.packages) {
    const w = r.packages.weapp
    out.push(
      w.available
        ? { target: 'weapp main package < 600 KB', measured: `${kb(w.main.bytes)} KB${w.stale ? ' (build older than src/)' : ''}`, met: w.main.bytes < 600 * 1024 }
        : { target: 'weapp main package < 600 KB', measured: `unavailable: ${w.reason}`, met: null },
    )
  }
  if (r.coldstart?.available) {
    const worst = r.coldstart.bundles.reduce((w, b) => (b.ratio > w.ratio ? b : w))
    out.push({
      target: 'every function bundle requires within 1.3× of wx-server-sdk alone',
      measured: `worst ${worst.name} ${worst.ratio.toFixed(2)}× (${ms(worst.medianMs)} ms; the SDK alone ${ms(r.coldstart.sdk.medianMs)} ms)`,
      met: worst.ratio <= 1.3,
    })
  } else if (r.coldstart) {
    out.push({ target: 'every function bundle requires within 1.3× of wx-server-sdk alone', measured: `unavailable: ${r.coldstart.reason}`, met: null })
  }
  if (r.taps?.available) {
    const worst = Math.max(...r.taps.taps.map((x) => x.requests.length))
    out.push({
      target: 'client round trips per lifecycle tap: 1',
      measured: r.taps.taps.map((x) => `${x.tap} ${x.requests.length}`).join(', '),
      met: worst <= 1,
    })
  }
  if (r.summary && r.summary.rows.length > 1) {
    const rows = r.summary.rows
    const big = rows[rows.length - 1]
    out.push({
      target: `stats.summary, center · year: p50 < 50 ms at 1,000,000 orders, within 2× of 100,000`,
      measured: `${ms(big.ms.p50)} ms at ${int(big.orders)} orders (${ms(rows[0].ms.p50)} ms at ${int(rows[0].orders)}: ${r.summary.growth}×)${sizeNote(big.orders, 1_000_000, 'orders')}`,
      met: big.ms.p50 < 50 && r.summary.growth <= 2,
    })
  }
  return out
}

function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n')
}

export function renderMarkdown(r: BenchResults): string {
  const m = r.meta
  const parts: string[] = []
  parts.push(
    `Run ${m.at} (${m.profile}, commit ${m.commit}, ${m.seconds} s): ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB memory, ` +
      `Node ${m.node}, load average ${m.loadAverage.start.toFixed(2)} → ${m.loadAverage.end.toFixed(2)}.`,
  )

  if (r.lifecycle) {
    const l = r.lifecycle
    parts.push(
      '**1. Lifecycle in process** (place → dispatch → claim → complete → rate with points; real handlers, SQLite file in WAL mode)\n\n' +
        table(
          ['figure', 'value'],
          [
            ['loops per second', int(l.loopsPerSecond)],
            ['time per loop', `${ms(l.loopMs)} ms`],
            ['store round trips per loop (of them writes)', `${l.storeCallsPerLoop} (${l.writesPerLoop})`],
            ['store write transactions per second', int(l.storeWritesPerSecond)],
            ['raw single-row write transactions per second, same file', int(l.rawWritesPerSecond)],
            ['store writes ÷ raw writes', l.writeRatio.toFixed(3)],
          ],
        ),
    )
  }

  if (r.http) {
    parts.push(
      '**2. Local host over HTTP** (loopback; autocannon in the parent, servers in a child process; latency p50 / p95 / p99 in ms)\n\n' +
        table(
          ['connections', 'bare req/s', 'bare latency', 'read req/s (order.tasks)', 'read ÷ bare', 'read latency', 'write req/s (order.place)', 'write ÷ bare', 'write latency'],
          r.http.rows.map((row) => [
            row.connections,
            int(row.bare.requestsPerSecond),
            lat(row.bare.latencyMs),
            int(row.read.requestsPerSecond),
            row.readRatio.toFixed(2),
            lat(row.read.latencyMs),
            int(row.write.requestsPerSecond),
            row.writeRatio.toFixed(2),
            lat(row.write.latencyMs),
          ]),
        ),
    )
  }

  if (r.contention) {
    const c = r.contention
    const answers = (a: Record<string, number>) =>
      Object.entries(a)
        .sort((x, y) => y[1] - x[1])
        .map(([k, v]) => `${int(v)} × ${k}`)
        .join(', ')
    const row = (name: string, b: { answers: Record<string, number>; totalMs: number; latencyMs: Latency }) => [name, answers(b.answers), ms(b.totalMs), lat(b.latencyMs)]
    parts.push(
      `**3. Contention** (${int(c.claims)} volunteers claim a capacity-${c.capacity} order at the same moment; ` +
        `claimers on the order afterwards: ${c.finalClaims.inProcess} in process, ${c.finalClaims.http} over HTTP)\n\n` +
        table(
          ['burst', 'answers', 'total ms', 'latency p50 / p95 / p99 ms'],
          [
            row('in process: order.claim', c.inProcess.claim),
            row('in process: order.get by the same callers (baseline)', c.inProcess.read),
            row('HTTP, one connection each: order.claim', c.http.claim),
            row('HTTP: bare endpoint, same burst (baseline)', c.http.bare),
          ],
        ),
    )
    const m = c.redemption
    if (m) {
      parts.push(
        `**3b. Redemption burst** (积分超市: ${int(m.people)} people redeem one item each of goods with stock ${m.stock} at the same moment; ` +
          `stock left ${m.stockLeft.inProcess} in process, ${m.stockLeft.http} over HTTP; every winner paid once, every balance = Σ entries: ${m.ledgerExact ? 'yes' : '**no**'})\n\n` +
          table(
            ['burst', 'answers', 'total ms', 'latency p50 / p95 / p99 ms'],
            [
              row('in process: mall.redeem', m.inProcess.redeem),
              row('in process: mall.goods by the same people (baseline)', m.inProcess.read),
              row('HTTP, one connection each: mall.redeem', m.http.redeem),
              row('HTTP: mall.goods, same burst (baseline)', m.http.read),
            ],
          ),
      )
    }
  }

  if (r.ledger) {
    const l = r.ledger
    parts.push(
      `**4. Ledger at scale** (${int(l.entries)} entries over ${int(l.volunteers)} volunteers appended through the port at ${int(l.loadEntriesPerSecond)} entries/s; database ${l.dbMegabytes} MB)\n\n` +
        table(
          ['query', 'rows read', 'p50 ms', 'p99 ms', 'raw p50 ms', 'raw query', '÷ raw'],
          [
            ['balance of one volunteer', 1, ms(l.balance.ms.p50), ms(l.balance.ms.p99), ms(l.balance.rawMs.p50), 'the balance row by key', l.balance.ratio],
            ...l.leaderboards.map((q) => [`leaderboard ${q.label}`, int(q.rows), ms(q.ms.p50), ms(q.ms.p99), ms(q.rawMs.p50), 'count and sum of the range', q.ratio]),
            ['reconcile (every balance = Σ entries)', int(l.entries), ms(l.reconcile.ms.p50), ms(l.reconcile.ms.max), ms(l.reconcile.rawMs.p50), 'count and sum of every entry', l.reconcile.ratio],
          ],
        ) +
        `\n\nReconciliation checked ${int(l.reconcile.checked)} balances: ${l.reconcile.mismatches} mismatches.`,
    )
  }

  if (r.aggregation) {
    const a = r.aggregation
    parts.push(
      `**5. Aggregation** (stats.summary's query, Store.orderStats, over ${int(a.orders)} orders of a county year inserted through the port at ${int(a.loadOrdersPerSecond)} orders/s; database ${a.dbMegabytes} MB)\n\n` +
        table(
          ['unit · period', 'orders', 'p50 ms', 'max ms', 'raw count p50 ms', '÷ raw', '点单数', '接单数', '服务场次', '服务人数'],
          a.queries.map((q) => [q.label, int(q.rows), ms(q.ms.p50), ms(q.ms.max), ms(q.rawMs.p50), q.ratio, int(q.placed), int(q.taken), int(q.served), int(q.people)]),
        ),
    )
  }

  if (r.export) {
    const e = r.export
    parts.push(
      `**10. Export** (export.create for the center over a county year of ${int(e.orders)} orders, loaded in ${e.loadSeconds} s; each run a fresh process through the real handler, SQLite file, V8 heap capped at ${EXPORT_HEAP_MB} MB as in a small function; peak memory is the process's maxRSS, RSS before the call beside it: Node, tsx and the loaded modules)\n\n` +
        table(
          ['kind', 'format', 'seconds', 'data rows', 'file MB', 'RSS before MB', 'peak RSS MB'],
          e.runs.map((x) => [x.kind, x.format, x.seconds, int(x.rows), x.megabytes, x.rssBeforeMB, x.peakRssMB]),
        ),
    )
  }

  if (r.certificate) {
    const c = r.certificate
    parts.push(
      `**11. Certificates** (certificate.issue through the real handler for a volunteer with ${int(c.services)} credited services: the record read, the serial, the PDF with the Noto Sans SC subset, the file stored; ${c.runs} issues, each a new certificate)\n\n` +
        table(['services', 'first issue s', 'median of the next s', 'PDF KB', 'pages'], [[int(c.services), c.firstSeconds, c.medianSeconds, c.pdfKB, c.pages]]) +
        '\n\n' +
        (c.bundles
          ? table(['function bundle', 'index.js KB', 'files beside it KB'], c.bundles.map((b) => [b.name, b.bundleKB, b.filesKB]))
          : 'Function bundles: unavailable (build/cloudfunctions missing; run npm run build:cloud)'),
    )
  }

  if (r.packages) {
    const { weapp, h5 } = r.packages
    const rows: Array<Array<string | number>> = []
    if (weapp.available) {
      const share = (b: number) => `${((100 * b) / PACKAGE_LIMIT).toFixed(0)} %`
      rows.push(['weapp main package', weapp.main.files, kb(weapp.main.bytes), kb(weapp.main.gzip), share(weapp.main.bytes)])
      for (const [name, s] of Object.entries(weapp.subpackages)) rows.push([`weapp subpackage ${name}`, s.files, kb(s.bytes), kb(s.gzip), share(s.bytes)])
      rows.push(['weapp in all', weapp.total.files, kb(weapp.total.bytes), kb(weapp.total.gzip), `${((100 * weapp.total.bytes) / (20 * 1024 * 1024)).toFixed(0)} % of 20 MB`])
    } else {
      rows.push(['weapp', '–', 'unavailable', weapp.reason, ''])
    }
    if (h5.available) rows.push(['H5 first-load JavaScript', h5.firstLoad.files, kb(h5.firstLoad.bytes), kb(h5.firstLoad.gzip), ''])
    else rows.push(['H5 first load', '–', 'unavailable', h5.reason, ''])
    const built = [weapp.available ? `weapp built ${weapp.builtAt}${weapp.stale ? ', older than src/' : ''}` : '', h5.available ? `H5 built ${h5.builtAt}${h5.stale ? ', older than src/' : ''}` : '']
      .filter(Boolean)
      .join('; ')
    parts.push(`**6. Package sizes** (${built})\n\n` + table(['package', 'files', 'KB', 'gzip KB', 'of the 2 MB limit'], rows))
  }

  if (r.roundtrips) {
    const rt = r.roundtrips
    parts.push(
      '**7. Store round trips per action** (one uncontended call each; CloudBase: requests to the database, each a network round trip; "with requestId": the same call carrying a fresh requestId, as the app sends every write)\n\n' +
        table(
          ['action', 'Store port calls', 'CloudBase requests', 'with requestId', 'port calls'],
          rt.rows.map((row) => [row.action, row.port, row.cloudbase, row.cloudbaseWithRequestId, row.methods.join(', ')]),
        ) +
        (rt.missing.length ? `\n\nNot reached: ${rt.missing.join(', ')}` : ''),
    )
  }

  if (r.coldstart) {
    const c = r.coldstart
    const sdkRow = ['wx-server-sdk alone (baseline)', '–', ms(c.sdk.medianMs), ms(c.sdk.p90Ms), '1.00']
    const rows = c.available
      ? [sdkRow, ...c.bundles.map((b) => [b.name, kb(b.bytes), ms(b.medianMs), ms(b.p90Ms), b.ratio.toFixed(2)])]
      : [sdkRow, ['function bundles', 'unavailable', c.reason, '', '']]
    parts.push(
      `**8. Cold start** (\`require\` in a fresh Node process, ${c.sdk.runs} interleaved runs each; a bundle requires wx-server-sdk too` +
        `${c.available ? `; bundles built ${c.builtAt}` : ''})\n\n` +
        table(['function', 'bundle KB', 'median ms', 'p90 ms', '÷ SDK alone'], rows),
    )
  }

  if (r.taps) {
    const t = r.taps
    parts.push(
      '**9. Client round trips per lifecycle tap** (H5 in Chromium against the local host; API requests from the tap until the new status shows and the network is quiet)\n\n' +
        (t.available
          ? table(['tap', 'API requests', 'which'], t.taps.map((x) => [x.tap, x.requests.length, x.requests.join(', ')]))
          : `Not measured: ${t.reason}`),
    )
  }

  if (r.summary) {
    const sm = r.summary
    parts.push(
      `**10. Statistics from the rollups** (stats.summary through its handler for the center over its year; rollups seeded in bulk from each synthetic order's contribution by core/figures.ts rollupOf, the open orders through insertOrder; p50 at the largest size ÷ the smallest: ${sm.growth}×)\n\n` +
        table(
          ['orders', 'seed s', 'database MB', 'rollup rows read', 'p50 ms', 'p95 ms', 'max ms', '点单数', '服务场次', '服务志愿者', '志愿者人次'],
          sm.rows.map((x) => [int(x.orders), x.seedSeconds, x.dbMegabytes, int(x.cells), ms(x.ms.p50), ms(x.ms.p95), ms(x.ms.max), int(x.placed), int(x.served), int(x.volunteers), int(x.volunteerTimes)]),
        ),
    )
  }

  const checks = targets(r)
  if (checks.length) {
    parts.push('**Targets**\n\n' + table(['target', 'measured', 'met'], checks.map((c) => [c.target, c.measured, c.met === null ? '–' : c.met ? 'yes' : '**no**'])))
  }
  const errors = Object.entries(r.errors)
  if (errors.length) parts.push('**Sections that failed**\n\n' + errors.map(([s, e]) => `- ${s}: ${e}`).join('\n'))
  return parts.join('\n\n')
}
