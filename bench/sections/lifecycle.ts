/**
 * 1. Lifecycle throughput in process: full loops (place → dispatch → claim → complete → rate with points) through the
 * real handlers on a file-backed SQLite store (WAL), beside the raw rate of single-row write transactions on the
 * same database file and connection. The two alternate in slices of a quarter second, so that a busy moment on the
 * machine falls on both and their ratio holds.
 */
import { countingStores } from '~test/support/counting'
import { createSqliteStores } from '~adapters/sqlite'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import { demoCounty } from '~local/demo-county'
import { nowMs, round } from '../lib/measure'
import type { Sizes } from '../lib/profile'
import { tempDir } from '../lib/tmp'

/** Store methods that take the database's write lock (one IMMEDIATE transaction each). */
export const WRITE_METHODS = new Set([
  'createUser', 'updateProfile', 'setRole', 'saveMenuItem', 'saveTeam', 'applyMembership', 'approveMembership',
  'declineMembership', 'insertOrder', 'transition', 'appendLedger', 'importData',
])

export interface LifecycleResult {
  loopsPerSecond: number
  loops: number
  /** store calls (round trips through the port) per loop, and how many of them write */
  storeCallsPerLoop: number
  writesPerLoop: number
  storeCallsPerSecond: number
  storeWritesPerSecond: number
  /** single-row INSERT transactions per second on the same file */
  rawWritesPerSecond: number
  /** store write transactions per second ÷ raw write transactions per second */
  writeRatio: number
  /** mean time of one loop and of one raw write, in ms */
  loopMs: number
  rawWriteMs: number
}

export async function lifecycleSection(sizes: Sizes): Promise<LifecycleResult> {
  const tmp = tempDir('lifecycle')
  const sqlite = createSqliteStores({ filename: tmp.file('lifecycle.db') })
  try {
    await sqlite.seed.importData(demoCounty())
    const counting = countingStores(sqlite)
    const deps: Deps = { ...counting.stores, policy: UNLIMITED_POLICY, clock: () => new Date() }
    const ok = async (openid: string, fn: string, action: string, payload: Record<string, unknown>) => {
      const res = await FUNCTIONS[fn].handle({ action, ...payload }, { openid, source: 'client' }, deps)
      if (!res.ok) throw new Error(`${fn}.${action}: ${res.error.code} ${res.error.message}`)
      return res.data as any
    }
    const loop = async () => {
      const { order } = await ok('demo-resident-1', 'order', 'place', {
        menuItemId: 'menu-19',
        need: '家里老人血压高，想请医生来量量血压',
        address: '苏溪镇滩尾村三组12号',
        phone: '13800001234',
        beneficiaryCount: 2,
        confirmDuplicate: true,
      })
      const orderId = order.id
      await ok('demo-manager-tanwei', 'order', 'dispatch', { orderId, teamIds: ['team-health'], capacity: 1 })
      await ok('demo-volunteer-1', 'order', 'claim', { orderId })
      await ok('demo-volunteer-1', 'order', 'complete', { orderId, hours: 2, beneficiaryCount: 2 })
      const rated = await ok('demo-resident-1', 'order', 'rate', { orderId, stars: 5 })
      if (rated.awards.length !== 1) throw new Error('rate paid no points')
    }

    // the baseline: a tight synchronous loop of one-row IMMEDIATE transactions on the same connection
    sqlite.db.exec('CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, v TEXT NOT NULL)')
    const insert = sqlite.db.prepare('INSERT INTO bench_raw (v) VALUES (?)')
    const write = sqlite.db.transaction((v: string) => insert.run(v))
    const rawWrite = () => write.immediate('x'.repeat(64))

    for (let i = 0; i < 20; i++) await loop() // warm-up
    for (let i = 0; i < 200; i++) rawWrite()
    counting.calls.length = 0
    const loops = { count: 0, ms: 0 }
    const raw = { count: 0, ms: 0 }
    while (loops.ms < sizes.lifecycleSeconds * 1000) {
      await slice(loops, loop)
      await slice(raw, () => {
        for (let i = 0; i < 64; i++) rawWrite()
        return 64
      })
    }
    const loopsPerSecond = loops.count / (loops.ms / 1000)
    const rawPerSecond = raw.count / (raw.ms / 1000)
    const callsPerLoop = counting.calls.length / loops.count
    const writesPerLoop = counting.calls.filter((c) => WRITE_METHODS.has(c)).length / loops.count

    return {
      loopsPerSecond: round(loopsPerSecond, 0),
      loops: loops.count,
      storeCallsPerLoop: round(callsPerLoop, 2),
      writesPerLoop: round(writesPerLoop, 2),
      storeCallsPerSecond: round(loopsPerSecond * callsPerLoop, 0),
      storeWritesPerSecond: round(loopsPerSecond * writesPerLoop, 0),
      rawWritesPerSecond: round(rawPerSecond, 0),
      writeRatio: round((loopsPerSecond * writesPerLoop) / rawPerSecond, 3),
      loopMs: round(1000 / loopsPerSecond, 3),
      rawWriteMs: round(1000 / rawPerSecond, 4),
    }
  } finally {
    sqlite.close()
    tmp.remove()
  }
}

const SLICE_MS = 250

/** Runs `step` (which returns how many it did, or one) for about SLICE_MS and adds the count and the time to `into`. */
async function slice(into: { count: number; ms: number }, step: () => unknown): Promise<void> {
  const start = nowMs()
  let t = start
  while (t - start < SLICE_MS) {
    const done = await step()
    into.count += typeof done === 'number' ? done : 1
    t = nowMs()
  }
  into.ms += t - start
}
