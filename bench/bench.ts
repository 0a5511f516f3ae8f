/**
 * The bench: ten sections, each figure measured beside its baseline in the same run, so that a ratio survives a
 * noisy machine. Timings are reported against the targets of issue 4, never asserted; what must hold regardless of
 * speed (exactly `capacity` winners, a reconciled ledger, statistics that agree with the index) is checked.
 */
import { execSync } from 'node:child_process'
import os from 'node:os'
import { aggregationSection, type AggregationResult } from './sections/aggregation'
import { coldStartSection, type ColdStartResult } from './sections/coldstart'
import { certificateSection, type CertificateResult } from './sections/certificate'
import { exportSection, type ExportResult } from './sections/export'
import { contentionSection, type ContentionResult, httpSection, type HttpRow, prepareHostDb } from './sections/http'
import { ledgerSection, type LedgerResult } from './sections/ledger'
import { lifecycleSection, type LifecycleResult } from './sections/lifecycle'
import { packagesSection, type PackagesResult } from './sections/packages'
import { roundTripsSection, type RoundTripsResult } from './sections/roundtrips'
import { tapsSection, type TapsResult } from './sections/taps'
import { summarySection, type SummaryResult } from './sections/summary'
import { type ProfileName, PROFILES, type Sizes } from './lib/profile'
import { spawnServers } from './lib/servers'
import { tempDir } from './lib/tmp'

export const SECTIONS = ['lifecycle', 'http', 'contention', 'ledger', 'aggregation', 'packages', 'roundtrips', 'coldstart', 'taps', 'export', 'summary', 'certificate'] as const
export type SectionName = (typeof SECTIONS)[number]
/** What runs without --only: every section, but the tiny profile (npm test) leaves out the one that drives Chromium. */
export function defaultSections(profile: ProfileName): readonly SectionName[] {
  return profile === 'tiny' ? SECTIONS.filter((s) => s !== 'taps') : SECTIONS
}

export interface BenchOptions {
  profile: ProfileName
  /** overrides of the profile's sizes */
  sizes?: Partial<Sizes>
  /** build dist/, dist-h5/ and build/cloudfunctions/ when missing (the CLI does; the correctness test does not) */
  build: boolean
  only?: SectionName[]
  log?: (line: string) => void
}

export interface BenchResults {
  meta: {
    at: string
    profile: ProfileName
    sizes: Sizes
    node: string
    cpus: number
    cpuModel: string
    memoryGiB: number
    /** 1-minute load average when the run started and ended: other work on the machine skews absolute figures */
    loadAverage: { start: number; end: number }
    commit: string
    seconds: number
  }
  lifecycle?: LifecycleResult
  http?: { rows: HttpRow[] }
  contention?: ContentionResult
  ledger?: LedgerResult
  aggregation?: AggregationResult
  export?: ExportResult
  certificate?: CertificateResult
  packages?: PackagesResult
  roundtrips?: RoundTripsResult
  coldstart?: ColdStartResult
  taps?: TapsResult
  summary?: SummaryResult
  /** sections that failed, with the reason */
  errors: Partial<Record<SectionName, string>>
}

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: __dirname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return 'unknown'
  }
}

export async function runBench(opts: BenchOptions): Promise<BenchResults> {
  const sizes: Sizes = { ...PROFILES[opts.profile], ...opts.sizes }
  const log = opts.log ?? (() => {})
  const want = (s: SectionName) => (opts.only ?? defaultSections(opts.profile)).includes(s)
  const started = Date.now()
  const results: BenchResults = {
    meta: {
      at: new Date().toISOString(),
      profile: opts.profile,
      sizes,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadAverage: { start: os.loadavg()[0], end: NaN },
      commit: commit(),
      seconds: NaN,
    },
    errors: {},
  }

  const section = async <K extends SectionName>(name: K, run: () => Promise<BenchResults[K]>) => {
    if (!want(name)) return
    log(`· ${name}`)
    const t = Date.now()
    try {
      ;(results as any)[name] = await run()
    } catch (err) {
      results.errors[name] = err instanceof Error ? err.message : String(err)
      log(`  ${name} failed: ${results.errors[name]}`)
    }
    log(`  ${((Date.now() - t) / 1000).toFixed(1)} s`)
  }

  await section('lifecycle', () => lifecycleSection(sizes))

  if (want('http') || want('contention')) {
    // one host (in a child process) for both: the county with a volunteer per contending tap
    const tmp = tempDir('host')
    try {
      const file = tmp.file('host.db')
      await prepareHostDb(file, sizes)
      const servers = await spawnServers(file)
      try {
        await section('http', () => httpSection(servers, sizes))
        await section('contention', () => contentionSection(servers, sizes, file))
      } finally {
        await servers.close()
      }
    } catch (err) {
      for (const name of ['http', 'contention'] as const) {
        if (want(name) && !results[name]) results.errors[name] ??= err instanceof Error ? err.message : String(err)
      }
    } finally {
      tmp.remove()
    }
  }

  await section('ledger', () => ledgerSection(sizes))
  await section('aggregation', () => aggregationSection(sizes))
  await section('packages', async () => packagesSection({ build: opts.build, log }))
  await section('roundtrips', () => roundTripsSection())
  await section('coldstart', async () => coldStartSection({ runs: sizes.coldStartRuns, build: opts.build, log }))
  await section('taps', () => tapsSection())
  await section('export', () => exportSection(sizes))
  await section('summary', () => summarySection(sizes))
  await section('certificate', () => certificateSection(sizes))

  results.meta.loadAverage.end = os.loadavg()[0]
  results.meta.seconds = Math.round((Date.now() - started) / 100) / 10
  return results
}
