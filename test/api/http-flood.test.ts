/**
 * The flood of issue 13, repeated through the local host over HTTP: one resident's token fires order.place as fast as
 * the host answers (the run placed 10,512 orders in 20 s and grew the file to 1.9 GB; a real order placed
 * during it escalated 17 hours late). Here the flood lasts the same 20 s. The host runs the production policy.
 */
import { statSync, existsSync } from 'node:fs'
import { DEFAULT_POLICY } from '~core/config'
import { type LocalHost, openLocalHost } from '~test/support/local-host'

const FLOOD_MS = 20_000
const PARALLEL = 8
const HOUR = 3600_000

describe('a flood of order.place from one token (issue 13), over HTTP', () => {
  let local: Awaited<ReturnType<typeof openLocalHost>>
  let host: LocalHost
  beforeAll(async () => {
    local = await openLocalHost('flood')
    host = local.host
  })
  afterAll(() => local?.close())

  const post = (url: string, body: unknown, token?: string) => local.post(url, body, token)
  const login = (openid: string) => local.login(openid)
  const place = (token: string, requestId: string) =>
    post('/api/order', { action: 'place', requestId, menuItemId: 'menu-19', need: '想请医生来量量血压', address: '苏溪镇滩尾村三组12号', phone: '13800001234', beneficiaryCount: 1, confirmDuplicate: true }, token)
  const onDisk = () => ['', '-wal'].reduce((n, suffix) => n + (existsSync(host.stores.db.name + suffix) ? statSync(host.stores.db.name + suffix).size : 0), 0)
  const rows = (table: string) => (host.stores.db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n
  const tables = () => Object.fromEntries((host.stores.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(({ name }) => [name, rows(name)]))

  it(`gets RATE_LIMITED after the limit, stores only the allowed orders, and a real order still escalates on time`, async () => {
    const flooder = await login('demo-resident-1')
    const resident = await login('demo-resident-2')
    const admin = await login('demo-admin')
    host.stores.db.pragma('wal_checkpoint(TRUNCATE)')
    const before = { bytes: onDisk(), rows: tables() }

    const statuses = new Map<string, number>()
    let sent = 0
    let real: any = null
    const end = Date.now() + FLOOD_MS
    const loop = async (lane: number) => {
      for (let i = 0; Date.now() < end; i++) {
        const { status, body } = await place(flooder, `flood-${lane}-${i}`)
        sent++
        const key = body.ok ? 'ok' : body.error.code
        statuses.set(key, (statuses.get(key) ?? 0) + 1)
        if (status === 429 && body.error.code !== 'RATE_LIMITED') throw new Error('429 without RATE_LIMITED')
      }
    }
    // someone else's order, in the middle of the flood
    const realOne = (async () => {
      await new Promise((r) => setTimeout(r, FLOOD_MS / 2))
      real = await place(resident, 'real-order')
    })()
    await Promise.all([...Array.from({ length: PARALLEL }, (_, lane) => loop(lane)), realOne])

    const after = { bytes: onDisk(), rows: tables() }
    const allowed = DEFAULT_POLICY.rateLimits.openOrders
    console.log(
      `flood: ${sent} order.place in ${FLOOD_MS / 1000} s → ${JSON.stringify(Object.fromEntries(statuses))}; ` +
        `orders ${before.rows.orders} → ${after.rows.orders}; on disk ${before.bytes} → ${after.bytes} bytes (+${after.bytes - before.bytes})`,
    )
    expect(sent).toBeGreaterThan(500)
    expect(statuses.get('ok')).toBe(allowed)
    expect(statuses.get('RATE_LIMITED')).toBe(sent - allowed)
    expect(real.status).toBe(200)

    // the store grew by the allowed orders and the real one, with their side rows, and by the flooder's few buckets
    expect(after.rows.orders - before.rows.orders).toBe(allowed + 1)
    expect(after.rows.rate_buckets - before.rows.rate_buckets).toBeLessThanOrEqual(1 + Math.ceil(FLOOD_MS / 60_000) + 2)
    for (const table of ['ledger', 'balances', 'users', 'requests']) expect(after.rows[table]).toBe(before.rows[table])
    // 6 orders and ~10 counted hits: a few hundred kilobytes of WAL at most, where the flood wrote 1.9 GB
    expect(after.bytes - before.bytes).toBeLessThan(512 * 1024)

    // the scheduled job, driven as the admin at the real order's deadline (48 h undispatched): escalated on time
    const placedAt = Date.parse(real.body.data.order.createdAt)
    const cron = (now: number) => post('/api/dev/cron', { now: new Date(now).toISOString() }, admin)
    const realOrder = async () => (await host.stores.orders.loadOrder(real.body.data.order.id)).order!
    expect((await cron(placedAt + 48 * HOUR - 60_000)).status).toBe(200)
    expect((await realOrder()).timeline.at(-1)!.action).toBe('place')
    const onTime = await cron(placedAt + 48 * HOUR)
    expect(onTime.body.data.escalated).toBeGreaterThanOrEqual(1)
    const stored = await realOrder()
    expect(stored.timeline.at(-1)).toMatchObject({ action: 'escalate', actorId: 'system', at: new Date(placedAt + 48 * HOUR).toISOString() })
    expect(stored.orgUnitId).not.toBe(real.body.data.order.orgUnitId)
  }, 30_000)
})
