/**
 * Check-in on the local host over HTTP with the development clock (issue 10): POST /api/dev/clock moves the time
 * every handler sees, so a check-out two hours after the check-in is a real request two hours "later".
 */
import type { AddressInfo } from 'node:net'
import { createSqliteStores } from '~adapters/sqlite'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { createTokenSigner } from '~local/auth'
import { createDevClock, DEV_CLOCK_JOB, loadDevClock } from '~local/dev-clock'
import { demoCounty, demoUserId } from '~local/demo-county'
import { checkinSecretOf } from '~local/secret'
import { buildServer } from '~local/server'

const HOUR = 3600_000

async function startHost(devLogin = true) {
  const stores = createSqliteStores({ filename: ':memory:' })
  await stores.seed.importData(demoCounty())
  const devClock = createDevClock()
  const deps = { ...stores, policy: UNLIMITED_POLICY, clock: devClock.now, secrets: { checkin: checkinSecretOf('a-host-secret-of-at-least-32-chars!') } }
  const app = buildServer({ deps, signer: createTokenSigner(), devLogin, devClock: devLogin ? devClock : undefined })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const tokens = new Map<string, string>()
  async function token(openid: string) {
    if (!tokens.has(openid)) {
      const res = await fetch(`${base}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
      tokens.set(openid, ((await res.json()) as { token: string }).token)
    }
    return tokens.get(openid)!
  }
  async function post(path: string, body: unknown, openid?: string) {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (openid) headers.authorization = `Bearer ${await token(openid)}`
    const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }
  const api = async (openid: string, fn: string, body: Record<string, unknown>) => (await post(`/api/${fn}`, body, openid)).body
  const setClock = (now: unknown, openid = 'demo-admin') => post('/api/dev/clock', { now }, openid)
  function dump(): string {
    const tables = stores.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    return JSON.stringify(tables.map(({ name }) => [name, stores.db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]))
  }
  return { api, post, setClock, dump, stores, devClock, close: async () => { await app.close(); stores.close() } }
}

describe('check-in over HTTP with the development clock', () => {
  let host: Awaited<ReturnType<typeof startHost>>
  beforeAll(async () => {
    host = await startHost()
  })
  afterAll(() => host.close())

  it('the resident shows the code, two volunteers check in, one checks out two hours later: verified 2 h; the other 待核实, then 补录', async () => {
    const { api, setClock } = host
    const placed = await api('demo-resident-1', 'order', { action: 'place', menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组', phone: '13800001234' })
    const orderId = placed.data.order.id
    await api('demo-manager-tanwei', 'order', { action: 'dispatch', orderId, teamIds: ['team-health'], capacity: 2 })
    for (const v of ['demo-volunteer-1', 'demo-volunteer-2']) await api(v, 'order', { action: 'claim', orderId })

    const shown = await api('demo-resident-1', 'order', { action: 'checkinCode', orderId })
    expect(shown).toMatchObject({ ok: true, data: { code: expect.stringMatching(/^\d{6}$/), periodSeconds: 30 } })
    for (const v of ['demo-volunteer-1', 'demo-volunteer-2']) {
      expect((await api(v, 'order', { action: 'checkIn', orderId, code: shown.data.code })).ok).toBe(true)
    }
    const t0 = host.devClock.now().getTime()
    const later = new Date(t0 + 2 * HOUR + 60_000).toISOString()
    const set = await setClock(later)
    expect(set.status).toBe(200)
    expect(Date.parse(set.body.data.now)).toBeGreaterThanOrEqual(Date.parse(later))
    // the code of two hours ago is long expired
    expect((await api('demo-volunteer-1', 'order', { action: 'checkOut', orderId, code: shown.data.code })).error).toEqual({
      code: 'INVALID_INPUT', message: '签到码不对或已过期，请扫描或输入现场最新的签到码',
    })
    const fresh = await api('demo-resident-1', 'order', { action: 'checkinCode', orderId })
    const out = await api('demo-volunteer-1', 'order', { action: 'checkOut', orderId, code: fresh.data.code })
    const v1 = out.data.order.claims.find((c: any) => c.volunteerId === demoUserId('demo-volunteer-1'))
    expect(Date.parse(v1.checkOutAt) - Date.parse(v1.checkInAt)).toBeGreaterThanOrEqual(2 * HOUR)

    const done = await api('demo-volunteer-1', 'order', { action: 'complete', orderId, hours: 2, beneficiaryCount: 2 })
    expect(done.data.order.claims.map((c: any) => c.hours.status)).toEqual(['verified', 'pending'])
    const rated = await api('demo-resident-1', 'order', { action: 'rate', orderId, stars: 5, comment: '' })
    expect(rated.data.awards.map((a: any) => a.delta)).toEqual([30, 20])
    const approved = await api('demo-manager-tanwei', 'order', { action: 'approveHours', orderId, volunteerId: demoUserId('demo-volunteer-2'), hours: 2, reason: '队长证明到场', requestId: 'ap-1' })
    expect(approved.data.awards.map((a: any) => a.delta)).toEqual([10])
    const retried = await api('demo-manager-tanwei', 'order', { action: 'approveHours', orderId, volunteerId: demoUserId('demo-volunteer-2'), hours: 2, reason: '队长证明到场', requestId: 'ap-1' })
    expect(retried).toEqual(approved)
    expect((await api('demo-volunteer-2', 'points', { action: 'balance' })).data).toMatchObject({ earned: 30, hours: 2 })
  })

  it('the clock: an admin only, forward only, not before the last cron run, at most 10 years ahead; refusals change nothing', async () => {
    const { setClock } = host
    const before = host.dump()
    const now = host.devClock.now().getTime()
    expect((await host.post('/api/dev/clock', { now: new Date(now + HOUR).toISOString() })).status).toBe(401)
    for (const openid of ['demo-resident-1', 'demo-manager-suxi']) {
      expect(await setClock(new Date(now + HOUR).toISOString(), openid)).toEqual({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '只有管理员可以调整开发时间' } } })
    }
    const refused = async (value: unknown, message: RegExp) => {
      const res = await setClock(value)
      expect([res.status, res.body.error.code, res.body.error.message]).toEqual([400, 'INVALID_INPUT', expect.stringMatching(message)])
    }
    await refused(new Date(now - HOUR).toISOString(), /^时间只能往后调/)
    await refused('tomorrow', /^请提供时间/)
    await refused(undefined, /^请提供时间/)
    await refused(new Date(Date.now() + 10.01 * 365.25 * 24 * HOUR).toISOString(), /^时间不能晚于现在10年以上$/)
    expect(host.dump()).toBe(before)
    // a cron run ahead of the clock: the clock may not be set before it
    const cronAt = new Date(now + 5 * HOUR).toISOString()
    expect((await host.post('/api/dev/cron', { now: cronAt }, 'demo-admin')).status).toBe(200)
    await refused(new Date(now + 4 * HOUR).toISOString(), /^时间不能早于上次运行定时任务的时间/)
    expect((await setClock(new Date(now + 6 * HOUR).toISOString())).status).toBe(200)
  })

  it('the clock is kept in the store: a restarted host goes on from it', async () => {
    const state = await host.stores.jobs.getCursors(DEV_CLOCK_JOB)
    expect(Number(state.offsetMs)).toBeGreaterThan(2 * HOUR)
    const restarted = createDevClock()
    await loadDevClock(host.stores.jobs, restarted)
    expect(Math.abs(restarted.now().getTime() - host.devClock.now().getTime())).toBeLessThan(1000)
  })
})

it('without development login there is no clock route', async () => {
  const host = await startHost(false)
  try {
    expect((await host.setClock(new Date(Date.now() + HOUR).toISOString())).status).toBe(404)
  } finally {
    await host.close()
  }
})
