/**
 * The bench cannot rot: every section runs at tiny sizes and answers with well-formed numbers. Nothing here asserts
 * a timing; what must hold at any speed (exactly 3 winners, a reconciled ledger, every action reached) is asserted.
 */
import { type BenchResults, defaultSections, runBench } from '~bench/bench'
import { PROFILES } from '~bench/lib/profile'
import { renderMarkdown, targets } from '~bench/report'
import { tapsSection } from '~bench/sections/taps'
import { FUNCTIONS } from '~functions/registry'

jest.setTimeout(180_000)

const positive = (x: number) => Number.isFinite(x) && x > 0
const wellFormedLatency = (l: { n: number; p50: number; p95: number; p99: number; max: number }) =>
  l.n > 0 && l.p50 >= 0 && l.p50 <= l.p95 && l.p95 <= l.p99 && l.p99 <= l.max

describe('npm run bench, at tiny sizes', () => {
  let r: BenchResults
  beforeAll(async () => {
    r = await runBench({ profile: 'tiny', build: false })
  })

  test('every section ran without failing', () => {
    expect(r.errors).toEqual({})
    for (const s of defaultSections('tiny')) expect(r[s]).toBeDefined()
    expect(r.taps).toBeUndefined() // npm test never drives Chromium; npm run bench does
  })

  test('lifecycle: loops and the raw baseline are measured; a loop is 16 port calls (rate reads the unit settings for 回访), 5 of them writes', () => {
    const l = r.lifecycle!
    expect(positive(l.loopsPerSecond) && positive(l.rawWritesPerSecond) && positive(l.writeRatio)).toBe(true)
    expect(l.storeCallsPerLoop).toBe(16)
    expect(l.writesPerLoop).toBe(5)
  })

  test('http: every connection count has the bare endpoint, a read and a write, all answered 200', () => {
    const rows = r.http!.rows
    expect(rows.map((row) => row.connections)).toEqual(PROFILES.tiny.httpConnections)
    for (const row of rows) {
      for (const run of [row.bare, row.read, row.write]) {
        expect(positive(run.requestsPerSecond)).toBe(true)
        expect(wellFormedLatency(run.latencyMs)).toBe(true)
        expect(run.statuses).toEqual({ 200: run.requests })
      }
      expect(positive(row.readRatio) && positive(row.writeRatio)).toBe(true)
    }
  })

  test('contention: exactly 3 winners in process and over HTTP, every other claim refused as a conflict', () => {
    const c = r.contention!
    const n = PROFILES.tiny.claims
    expect(c.winners).toEqual({ inProcess: 3, http: 3 })
    expect(c.finalClaims).toEqual({ inProcess: 3, http: 3 })
    expect(c.inProcess.claim.answers).toEqual({ ok: 3, CONFLICT: n - 3 })
    expect(c.inProcess.read.answers).toEqual({ ok: n })
    expect(c.http.claim.answers).toEqual({ 200: 3, 409: n - 3 })
    expect(c.http.bare.answers).toEqual({ 200: n })
    for (const b of [c.inProcess.claim, c.inProcess.read, c.http.claim, c.http.bare]) {
      expect(wellFormedLatency(b.latencyMs) && b.totalMs >= b.latencyMs.max - 1).toBe(true)
    }
  })

  test('ledger: every volunteer reconciled without mismatch; each query beside its raw baseline', () => {
    const l = r.ledger!
    expect(l.reconcile).toMatchObject({ checked: PROFILES.tiny.ledgerVolunteers, mismatches: 0 })
    expect(wellFormedLatency(l.balance.ms) && wellFormedLatency(l.balance.rawMs)).toBe(true)
    expect(l.leaderboards).toHaveLength(3)
    for (const q of l.leaderboards) expect(positive(q.ratio) && q.rows > 0).toBe(true)
  })

  test('summary: stats.summary from the rollups sees every seeded order at each size, served ≤ placed', () => {
    const sm = r.summary!
    expect(sm.rows.map((x) => x.orders)).toEqual(PROFILES.tiny.summaryOrders)
    for (const x of sm.rows) {
      expect(x.placed).toBe(x.orders)
      expect(x.served).toBeLessThanOrEqual(x.placed)
      expect(x.volunteerTimes).toBeGreaterThanOrEqual(x.volunteers)
      expect(wellFormedLatency(x.ms)).toBe(true)
    }
  })

  test('aggregation: the county figures are consistent (点单 ≥ 接单 ≥ 服务场次) and the center sees every order', () => {
    const a = r.aggregation!
    expect(a.queries).toHaveLength(4)
    expect(a.queries[0]).toMatchObject({ rows: PROFILES.tiny.orders, placed: PROFILES.tiny.orders })
    for (const q of a.queries) {
      expect(q.placed).toBeGreaterThanOrEqual(q.taken)
      expect(q.taken).toBeGreaterThanOrEqual(q.served)
      expect(q.people).toBeGreaterThanOrEqual(q.served)
      expect(wellFormedLatency(q.ms)).toBe(true)
    }
  })

  test('export: every kind ran in its own process; the orders sheet has a row per order, the 台账 one per served order', () => {
    const e = r.export!
    expect(e.runs.map((x) => `${x.kind}.${x.format}`)).toEqual(['activities.xlsx', 'orders.xlsx', 'orders.csv', 'volunteers.xlsx', 'report14534.xlsx'])
    const rows = Object.fromEntries(e.runs.map((x) => [`${x.kind}.${x.format}`, x.rows]))
    expect(rows['orders.xlsx']).toBe(PROFILES.tiny.orders)
    expect(rows['orders.csv']).toBe(PROFILES.tiny.orders)
    expect(rows['activities.xlsx']).toBe(r.aggregation!.queries[0].served)
    for (const x of e.runs) expect(positive(x.seconds) && positive(x.peakRssMB) && x.peakRssMB >= x.rssBeforeMB).toBe(true)
  })

  test('certificate: every credited service on the certificate, a PDF of some pages, and the bundles when built', () => {
    const c = r.certificate!
    expect(c.services).toBe(PROFILES.tiny.certificateServices)
    expect(positive(c.firstSeconds) && positive(c.medianSeconds) && positive(c.pdfKB)).toBe(true)
    expect(c.pages).toBeGreaterThanOrEqual(1)
    if (c.bundles) for (const b of c.bundles) expect(b.filesKB === 0 || b.name === 'certificate').toBe(true)
  })

  test('packages: sizes of the build, or why they are unavailable (the test never builds)', () => {
    const { weapp, h5 } = r.packages!
    if (weapp.available) {
      expect(weapp.main.bytes).toBeGreaterThan(weapp.main.gzip)
      expect(weapp.total.bytes).toBe(weapp.main.bytes + Object.values(weapp.subpackages).reduce((s, p) => s + p.bytes, 0))
    } else {
      expect(weapp.reason).toMatch(/missing|failed/)
    }
    if (h5.available) expect(h5.firstLoad.gzip).toBeGreaterThan(0)
    else expect(h5.reason.length).toBeGreaterThan(0)
  })

  test('round trips: every registered action is reached and counted on both adapters', () => {
    const rt = r.roundtrips!
    expect(rt.missing).toEqual([])
    for (const row of rt.rows) {
      expect(row.port).toBeGreaterThanOrEqual(1)
      expect(row.cloudbase).toBeGreaterThanOrEqual(row.port === 0 ? 0 : 1)
      expect(row.methods).toHaveLength(row.port)
    }
  })

  test('cold start: wx-server-sdk alone is timed, and each function bundle beside it (or why the bundles are missing)', () => {
    const c = r.coldstart!
    const wellFormed = (t: { runs: number; medianMs: number; p90Ms: number }) =>
      t.runs === PROFILES.tiny.coldStartRuns && positive(t.medianMs) && t.medianMs <= t.p90Ms
    expect(wellFormed(c.sdk)).toBe(true)
    if (c.available) {
      expect(c.bundles.map((b) => b.name).sort()).toEqual(Object.keys(FUNCTIONS).sort())
      for (const b of c.bundles) expect(wellFormed(b) && b.bytes > 0 && positive(b.ratio)).toBe(true)
    } else {
      expect(c.reason).toMatch(/missing|failed/)
    }
  })

  test('taps: without Chromium (or without dist-h5/) the section says why instead of failing', async () => {
    await expect(tapsSection({ chromium: '/nonexistent/chromium' })).resolves.toEqual({
      available: false,
      reason: expect.stringContaining('/nonexistent/chromium is missing'),
    })
    await expect(tapsSection({ chromium: process.execPath, root: '/nonexistent' })).resolves.toEqual({
      available: false,
      reason: expect.stringContaining('dist-h5/ is missing'),
    })
  })

  test('the report renders every section and judges every target it has figures for', () => {
    const text = renderMarkdown(r)
    for (const heading of ['1. Lifecycle', '2. Local host', '3. Contention', '4. Ledger', '5. Aggregation', '6. Package', '7. Store round trips', '8. Cold start', 'Targets']) {
      expect(text).toContain(heading)
    }
    const checks = targets(r)
    expect(checks.length).toBeGreaterThanOrEqual(7)
    expect(checks.find((c) => c.target.startsWith('contention'))!.met).toBe(true)
  })
})
