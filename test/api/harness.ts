import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createDiskFiles } from '~adapters/disk/files'
import { createSqliteStores } from '~adapters/sqlite'
import { countingStores } from '~test/support/counting'
import type { PolicyConfig } from '~core/config'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import { demoCounty, demoUserId } from '~local/demo-county'
import type { Envelope, OrderView } from '~types'

/** Counts the round trips each action makes (shared with the bench). */
export { countingStores }

export const uid = demoUserId

/**
 * The seeded demo county in an in-memory SQLite store, with the real function handlers in process. The rate limits
 * are off unless a test passes a policy with them (DEFAULT_POLICY: test/api/rate-limits, the round-trip budgets).
 */
export async function createHarness(policy: PolicyConfig = UNLIMITED_POLICY) {
  const sqlite = createSqliteStores({ filename: ':memory:' })
  await sqlite.seed.importData(demoCounty(policy.limits))
  const counting = countingStores(sqlite)
  let now = new Date('2026-03-02T01:00:00.000Z')
  // exports go to a folder of the test's own, removed on close
  const files = createDiskFiles(mkdtempSync(path.join(tmpdir(), 'sidan-test-exports-')))
  // certificates' PDFs too, in a folder of their own
  const certificateFiles = createDiskFiles(mkdtempSync(path.join(tmpdir(), 'sidan-test-certificates-')), '/api/certificates/')
  const deps: Deps = { ...counting.stores, policy, clock: () => now, files, certificateFiles, verifyUrlBase: 'http://127.0.0.1:3000/#/packages/public/pages/verify/index', secrets: { checkin: 'test-checkin-secret' } }

  const call = (openid: string | null, fn: string, action: string, payload: Record<string, unknown> = {}): Promise<Envelope<any>> =>
    FUNCTIONS[fn].handle({ action, ...payload }, { openid, source: 'client' }, deps)

  /** Calls and expects success; returns the data. */
  async function ok<T = any>(openid: string, fn: string, action: string, payload: Record<string, unknown> = {}): Promise<T> {
    const res = await call(openid, fn, action, payload)
    if (!res.ok) throw new Error(`${openid} ${fn}.${action} failed: ${res.error.code} ${res.error.message}`)
    return res.data as T
  }

  /** Every table's rows, to prove that a refused call changed nothing. */
  function dump(): string {
    const tables = sqlite.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    const rows = (name: string) => sqlite.db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()
    return JSON.stringify(tables.map(({ name }) => [name, rows(name)]))
  }

  // the stories place the same item again and again: each is meant (a likely duplicate asks first, issue 14)
  const place = (openid = 'demo-resident-1', extra: Record<string, unknown> = {}) =>
    ok<{ order: OrderView }>(openid, 'order', 'place', {
      menuItemId: 'menu-19',
      need: '家里老人血压高，想请医生来量量血压',
      address: '苏溪镇滩尾村三组12号',
      phone: '13800001234',
      beneficiaryCount: 2,
      confirmDuplicate: true,
      ...extra,
    }).then((d) => d.order)

  /**
   * On site (issue 10): `shower` shows the order's code, each volunteer checks in with it, the clock moves on by
   * `hours`, and each checks out with the code then shown; their hours reported up to `hours` are then verified.
   */
  async function onSite(orderId: string, volunteers: string[], hours: number, shower = 'demo-manager-tanwei') {
    const codeNow = async () => (await ok<{ code: string }>(shower, 'order', 'checkinCode', { orderId })).code
    const checkIn = await codeNow()
    for (const v of volunteers) await ok(v, 'order', 'checkIn', { orderId, code: checkIn })
    now = new Date(now.getTime() + hours * 3600_000)
    const checkOut = await codeNow()
    for (const v of volunteers) await ok(v, 'order', 'checkOut', { orderId, code: checkOut })
  }

  const runCron = (at: Date) => FUNCTIONS.cron.handle({ action: 'run', now: at.toISOString() }, { openid: null, source: 'system' }, deps)

  return {
    /** the ports uncounted, for a test's own reads and writes */
    stores: sqlite,
    deps,
    calls: counting.calls,
    call,
    ok,
    dump,
    place,
    runCron,
    onSite,
    setNow(d: Date) {
      now = d
    },
    now: () => now,
    files,
    certificateFiles,
    close: () => {
      sqlite.close()
      rmSync(files.dir, { recursive: true, force: true })
      rmSync(certificateFiles.dir, { recursive: true, force: true })
    },
  }
}
export type Harness = Awaited<ReturnType<typeof createHarness>>
