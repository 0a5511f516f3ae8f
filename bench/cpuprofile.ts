/**
 * npx tsx bench/cpuprofile.ts <file.cpuprofile> [top]: where a `node --cpu-prof` run spent its time, as self time
 * summed by function and by file (the top 25 of each by default). Native calls show under their own name: `run`,
 * `get` and `all` are better-sqlite3 statements (COMMIT included), so SQLite's share is their sum.
 */
import fs from 'node:fs'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
}

export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface SelfTime {
  name: string
  ms: number
  share: number
}

const ROOT = path.resolve(__dirname, '..')

const shortUrl = (url: string) => url.replace(/^file:\/\//, '').replace(`${ROOT}/`, '').replace(/.*node_modules\//, '')

/** Self time of every sample, summed by the key of its node, largest first. */
export function selfTimes(profile: CpuProfile, by: 'function' | 'file'): SelfTime[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]))
  const sums = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame
    const file = shortUrl(url)
    const key = by === 'file' ? file || `(${functionName})` : `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`
    const us = profile.timeDeltas[i] ?? 0
    sums.set(key, (sums.get(key) ?? 0) + us)
    total += us
  })
  return [...sums]
    .sort((a, b) => b[1] - a[1])
    .map(([name, us]) => ({ name, ms: us / 1000, share: total > 0 ? us / total : 0 }))
}

function main() {
  const [file, top = '25'] = process.argv.slice(2)
  if (!file) throw new Error('usage: npx tsx bench/cpuprofile.ts <file.cpuprofile> [top]')
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  for (const by of ['function', 'file'] as const) {
    console.log(`\nself time by ${by}`)
    for (const t of selfTimes(profile, by).slice(0, Number(top))) {
      console.log(`${t.ms.toFixed(0).padStart(7)} ms ${(100 * t.share).toFixed(1).padStart(5)} %  ${t.name}`)
    }
  }
}

if (require.main === module) main()
