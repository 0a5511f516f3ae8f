/**
 * 6. Package sizes of the built mini-program: the weapp main package (everything in dist/ outside dist/packages/)
 * and each subpackage (dist/packages/<name>), bytes and gzip; and the H5 first-load JavaScript (the scripts
 * dist-h5/index.html loads), gzip. Builds what is missing when asked to; a failed build reports the sizes as
 * unavailable instead of failing the bench (pages under src/ may be mid-edit).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { round } from '../lib/measure'

const ROOT = path.resolve(__dirname, '../..')
/** WeChat's limit for the main package and for each subpackage. */
export const PACKAGE_LIMIT = 2 * 1024 * 1024

export interface Size {
  files: number
  bytes: number
  gzip: number
}

export interface PackagesResult {
  weapp:
    | { available: true; builtAt: string; stale: boolean; main: Size; subpackages: Record<string, Size>; total: Size }
    | { available: false; reason: string }
  h5: { available: true; builtAt: string; stale: boolean; firstLoad: Size; scripts: string[] } | { available: false; reason: string }
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? walk(p) : [p]
  })
}

function sizeOf(files: string[]): Size {
  let bytes = 0
  let gzip = 0
  for (const f of files) {
    const buf = fs.readFileSync(f)
    bytes += buf.length
    gzip += zlib.gzipSync(buf).length
  }
  return { files: files.length, bytes, gzip }
}

const newest = (files: string[]) => files.reduce((t, f) => Math.max(t, fs.statSync(f).mtimeMs), 0)

/** Builds with an npm script when `marker` is missing; null when it is there (or got built), else the reason. */
function ensureBuilt(marker: string, script: string, build: boolean, log: (s: string) => void): string | null {
  if (fs.existsSync(marker)) return null
  if (!build) return `${path.relative(ROOT, marker)} is missing (not built)`
  log(`building: npm run ${script}`)
  const res = spawnSync('npm', ['run', script], { cwd: ROOT, encoding: 'utf8', timeout: 10 * 60_000 })
  if (res.status === 0 && fs.existsSync(marker)) return null
  const tail = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ')
  return `npm run ${script} failed (exit ${res.status}): ${tail.slice(0, 300)}`
}

export function packagesSection(opts: { build: boolean; log?: (s: string) => void; root?: string }): PackagesResult {
  const root = opts.root ?? ROOT
  const log = opts.log ?? (() => {})
  const srcNewest = newest(walk(path.join(root, 'src')))
  const dist = path.join(root, 'dist')
  const h5 = path.join(root, 'dist-h5')

  let weapp: PackagesResult['weapp']
  const weappMissing = ensureBuilt(path.join(dist, 'app.json'), 'build:weapp', opts.build, log)
  if (weappMissing) {
    weapp = { available: false, reason: weappMissing }
  } else {
    const files = walk(dist)
    const packagesDir = path.join(dist, 'packages') + path.sep
    const names = fs.existsSync(packagesDir) ? fs.readdirSync(packagesDir).filter((n) => fs.statSync(path.join(packagesDir, n)).isDirectory()) : []
    const subpackages = Object.fromEntries(names.map((n) => [n, sizeOf(files.filter((f) => f.startsWith(path.join(packagesDir, n) + path.sep)))]))
    const builtAt = newest(files)
    weapp = {
      available: true,
      builtAt: new Date(builtAt).toISOString(),
      stale: srcNewest > builtAt,
      main: sizeOf(files.filter((f) => !f.startsWith(packagesDir))),
      subpackages,
      total: sizeOf(files),
    }
  }

  let h5Result: PackagesResult['h5']
  const h5Missing = ensureBuilt(path.join(h5, 'index.html'), 'build:h5', opts.build, log)
  if (h5Missing) {
    h5Result = { available: false, reason: h5Missing }
  } else {
    const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8')
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1])
    const files = scripts.map((s) => path.join(h5, s.replace(/^\//, '').replace(/[?#].*$/, '')))
    const missing = files.filter((f) => !fs.existsSync(f))
    if (missing.length) {
      h5Result = { available: false, reason: `index.html loads missing files: ${missing.map((f) => path.relative(root, f)).join(', ')}` }
    } else {
      const builtAt = newest(walk(h5))
      h5Result = { available: true, builtAt: new Date(builtAt).toISOString(), stale: srcNewest > builtAt, firstLoad: sizeOf(files), scripts }
    }
  }
  return { weapp, h5: h5Result }
}

export const kb = (bytes: number) => round(bytes / 1024, 1)
