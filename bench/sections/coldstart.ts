/**
 * 8. Cold start of each deployable function: the time to `require` its bundle (build/cloudfunctions/<name>/index.js,
 * from `npm run build:cloud`) in a fresh Node process, beside the time to `require('wx-server-sdk')` alone in the
 * same run. The bundles mark the SDK external, so requiring a bundle requires the SDK too: the SDK's own time is the
 * floor every bundle stands on. Runs are interleaved (SDK, then each bundle, round after round) so that noise on the
 * machine falls on all of them alike.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { FUNCTIONS } from '~functions/registry'
import { quantile, round } from '../lib/measure'

const ROOT = path.resolve(__dirname, '../..')
export const BUNDLES_DIR = path.join(ROOT, 'build/cloudfunctions')

/** Prints the milliseconds `require(argv[1])` takes, measured inside the fresh process. */
const TIME_REQUIRE =
  'const t = process.hrtime.bigint(); require(process.argv[1]); ' +
  'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6)); process.exit(0)'

export interface RequireTime {
  runs: number
  medianMs: number
  p90Ms: number
}

export interface BundleColdStart extends RequireTime {
  name: string
  bytes: number
  /** median of the bundle ÷ median of wx-server-sdk alone */
  ratio: number
}

export type ColdStartResult =
  | { available: true; builtAt: string; sdk: RequireTime; bundles: BundleColdStart[] }
  | { available: false; reason: string; sdk: RequireTime }

/** Milliseconds to require `target` (a path or a package name) in a fresh `node` started at the repository root. */
function timeRequire(target: string): number {
  const res = spawnSync(process.execPath, ['-e', TIME_REQUIRE, target], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 })
  const ms = Number(res.stdout)
  if (res.status !== 0 || !Number.isFinite(ms)) {
    throw new Error(`require(${path.relative(ROOT, target) || target}) failed (exit ${res.status}): ${(res.stderr ?? '').trim().slice(0, 300)}`)
  }
  return ms
}

const summary = (times: number[]): RequireTime => ({
  runs: times.length,
  medianMs: round(quantile(times, 0.5), 1),
  p90Ms: round(quantile(times, 0.9), 1),
})

/** Null when every function's bundle is there (or got built), else why not. */
function ensureBundles(names: string[], build: boolean, log: (s: string) => void): string | null {
  const missing = () => names.filter((n) => !fs.existsSync(path.join(BUNDLES_DIR, n, 'index.js')))
  if (missing().length === 0) return null
  if (!build) return `build/cloudfunctions is missing ${missing().join(', ')} (not built)`
  log('building: npm run build:cloud')
  const res = spawnSync('npm', ['run', 'build:cloud'], { cwd: ROOT, encoding: 'utf8', timeout: 5 * 60_000 })
  if (res.status === 0 && missing().length === 0) return null
  const tail = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ')
  return `npm run build:cloud failed (exit ${res.status}; missing ${missing().join(', ') || 'nothing'}): ${tail.slice(0, 300)}`
}

export function coldStartSection(opts: { runs: number; build: boolean; log?: (s: string) => void }): ColdStartResult {
  const log = opts.log ?? (() => {})
  const names = Object.keys(FUNCTIONS)
  const unavailable = ensureBundles(names, opts.build, log)
  const bundles = unavailable ? [] : names.map((name) => ({ name, file: path.join(BUNDLES_DIR, name, 'index.js') }))
  const targets = ['wx-server-sdk', ...bundles.map((b) => b.file)]

  for (const t of targets) timeRequire(t) // one untimed run each: the files are in the page cache for every timed one
  const times = targets.map(() => [] as number[])
  for (let run = 0; run < opts.runs; run++) targets.forEach((t, i) => times[i].push(timeRequire(t)))

  const sdk = summary(times[0])
  if (unavailable) return { available: false, reason: unavailable, sdk }
  return {
    available: true,
    builtAt: new Date(Math.max(...bundles.map((b) => fs.statSync(b.file).mtimeMs))).toISOString(),
    sdk,
    bundles: bundles.map((b, i) => {
      const time = summary(times[i + 1])
      return { name: b.name, bytes: fs.statSync(b.file).size, ...time, ratio: round(time.medianMs / sdk.medianMs, 2) }
    }),
  }
}
