import type * as z from 'zod'
import type { AddressInfo } from 'node:net'
import { createSqliteStores } from '~adapters/sqlite'
import { DEFAULT_POLICY, type PolicyConfig } from '~core/config'
import { createTokenSigner } from '~local/auth'
import { demoCounty } from '~local/demo-county'
import { DEFAULT_IP_RATE_LIMIT, ipRateLimitFromEnv, type IpRateLimit } from '~local/ip-rate-limit'
import { buildServer } from '~local/server'
import { isWriteAction } from '~functions/shared/rate-limit'
import { schemas } from '~types'
import { createHarness, type Harness } from './harness'

/**
 * Rate limits per person (issue 13), through the handlers under the production policy (DEFAULT_POLICY): writes per
 * minute, order.place per hour, open orders per person served, and the claim bar after claims dropped within 30
 * minutes. Each refusal is RATE_LIMITED with when to try again, and changes nothing in the store.
 */
const P = DEFAULT_POLICY.rateLimits
const MINUTE = 60_000
// 09:00:10 China time, 10 s into a minute and into an hour
const START = new Date('2026-03-02T01:00:10.000Z')

const subscribe = (requestId: string) => ({ templates: [{ template: 'orderProgress', accepted: true }], requestId })

it('the writes the limit counts: every action whose request carries a requestId', () => {
  const writes = Object.entries(schemas).flatMap(([fn, actions]) =>
    Object.entries(actions as Record<string, z.ZodType>).flatMap(([action, schema]) => (isWriteAction(schema) ? [`${fn}.${action}`] : [])),
  )
  expect(writes).toEqual([
    'user.applyTeam',
    'user.approveMember',
    'user.grantSubscribe',
    'user.grantRole',
    'user.invite',
    'catalog.upsertMenuItem',
    'catalog.upsertTeam',
    'catalog.updateLimits',
    'order.place',
    'order.dispatch',
    'order.escalate',
    'order.recall',
    'order.decline',
    'order.reject',
    'order.cancel',
    'order.claim',
    'order.unclaim',
    'order.complete',
    'order.rate',
    'order.checkIn',
    'order.checkOut',
    'order.approveHours',
    'order.rejectHours',
    'order.followUp',
    'order.appeal',
    'order.decideAppeal',
    'mall.upsertGoods',
    'mall.redeem',
    'mall.fulfil',
    'mall.cancel',
    'export.create',
    'certificate.issue',
    'certificate.revoke',
    'public.like',
    'public.unlike',
    'public.rate',
  ])
})

describe('rate limits per person', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness(DEFAULT_POLICY)
    h.setNow(START)
  })
  afterEach(() => h.close())

  /** Every table but the counters (a place refused for its open orders was a request: it counts as a hit). */
  const withoutCounters = () => (JSON.parse(h.dump()) as Array<[string, unknown]>).filter(([t]) => t !== 'rate_buckets')

  async function refusedUnchanged(
    openid: string,
    fn: string,
    action: string,
    payload: Record<string, unknown>,
    message: string | RegExp,
    counted = false,
  ) {
    const before = counted ? withoutCounters() : h.dump()
    const res = await h.call(openid, fn, action, payload)
    expect(res).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } })
    if (!res.ok) expect(res.error.message).toMatch(message)
    expect(counted ? withoutCounters() : h.dump()).toEqual(before)
  }

  describe(`writes: at most ${P.writesPerMinute} a minute`, () => {
    it('the next write is refused with when to try again, nothing changes; reads and other people go on; the next minute opens again', async () => {
      for (let i = 0; i < P.writesPerMinute; i++) await h.ok('demo-resident-1', 'user', 'grantSubscribe', subscribe(`s${i}`))
      await refusedUnchanged('demo-resident-1', 'user', 'grantSubscribe', subscribe('one-more'), '操作太频繁，请1分钟后再试')
      // a write without a requestId counts too
      await refusedUnchanged('demo-resident-1', 'order', 'place', { menuItemId: 'menu-19', need: '量血压', address: '滩尾村', phone: '13800001234' }, '操作太频繁')
      // reads are not limited; nor is another person
      await h.ok('demo-resident-1', 'order', 'listMine', {})
      await h.ok('demo-resident-1', 'inbox', 'unread', {})
      await h.ok('demo-resident-2', 'user', 'grantSubscribe', subscribe('s0'))
      // still the same minute 49 s later; then a new one
      h.setNow(new Date(START.getTime() + 49_000))
      await refusedUnchanged('demo-resident-1', 'user', 'grantSubscribe', subscribe('one-more'), '操作太频繁')
      h.setNow(new Date(START.getTime() + 50_000))
      await h.ok('demo-resident-1', 'user', 'grantSubscribe', subscribe('one-more'))
    })

    it('a retry with the same requestId is not refused because of its own first attempt, and is not counted again', async () => {
      for (let i = 0; i < P.writesPerMinute; i++) await h.ok('demo-resident-1', 'user', 'grantSubscribe', subscribe(`s${i}`))
      const before = h.dump()
      const retried = await h.ok('demo-resident-1', 'user', 'grantSubscribe', subscribe(`s${P.writesPerMinute - 1}`))
      expect(retried).toBeDefined()
      expect(h.dump()).toEqual(before)
      await refusedUnchanged('demo-resident-1', 'user', 'grantSubscribe', subscribe('new'), '操作太频繁')
    })

    it(`${P.writesPerMinute + 20} writes in parallel: exactly ${P.writesPerMinute} get through`, async () => {
      const answers = await Promise.all(
        Array.from({ length: P.writesPerMinute + 20 }, (_, i) => h.call('demo-resident-1', 'user', 'grantSubscribe', subscribe(`p${i}`))),
      )
      expect(answers.filter((a) => a.ok)).toHaveLength(P.writesPerMinute)
      expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true)
    })

    it('the scheduled job deletes the buckets whose window is over, a bounded batch per run', async () => {
      for (let i = 0; i < 3; i++) await h.ok('demo-resident-1', 'user', 'grantSubscribe', subscribe(`s${i}`))
      const buckets = () => h.stores.db.prepare('SELECT key FROM rate_buckets').pluck().all()
      expect(buckets()).toHaveLength(1)
      // kept one window beyond its own, then purged
      expect(await h.runCron(new Date(START.getTime() + MINUTE))).toMatchObject({ ok: true, data: { purged: 0 } })
      expect(await h.runCron(new Date(START.getTime() + 2 * MINUTE))).toMatchObject({ ok: true, data: { purged: 1 } })
      expect(buckets()).toEqual([])
    })

    it('the scheduled job is not a person: it is never limited', async () => {
      for (let i = 0; i < P.writesPerMinute; i++) await h.ok('demo-resident-1', 'user', 'grantSubscribe', subscribe(`s${i}`))
      expect(await h.runCron(START)).toMatchObject({ ok: true })
    })
  })

  describe(`order.place: at most ${P.placesPerHour} an hour, at most ${P.openOrders} open orders per person served`, () => {
    const forWhom = (name: string, requestId?: string) => ({ onBehalfOf: { name }, ...(requestId ? { requestId } : {}) })

    it(`the ${P.placesPerHour + 1}th place in an hour is refused, nothing changes; the next hour opens again`, async () => {
      // a proxy orders for different people, so the open-order limit is not what stops them
      for (let i = 0; i < P.placesPerHour; i++) await h.place('demo-proxy', forWhom(`村民${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`))
      await refusedUnchanged('demo-proxy', 'order', 'place', placeBody(forWhom('村民寅')), `一小时内最多点单${P.placesPerHour}次，请60分钟后再试`)
      h.setNow(new Date('2026-03-02T01:59:59.000Z'))
      await refusedUnchanged('demo-proxy', 'order', 'place', placeBody(forWhom('村民寅')), '请1分钟后再试')
      h.setNow(new Date('2026-03-02T02:00:00.000Z'))
      await h.place('demo-proxy', forWhom('村民寅'))
    })

    it(`a resident's ${P.openOrders + 1}th open order is refused until one of them is no longer open; a retry still gets its order`, async () => {
      const orders = []
      for (let i = 0; i < P.openOrders; i++) orders.push(await h.place('demo-resident-1', { requestId: `o${i}` }))
      await refusedUnchanged('demo-resident-1', 'order', 'place', placeBody({ requestId: 'o-next' }), `进行中的点单已有${P.openOrders}张`, true)
      // the same requestId again answers with its order, limit or not
      expect((await h.place('demo-resident-1', { requestId: 'o0' })).id).toBe(orders[0].id)
      // another resident is not concerned
      await h.place('demo-resident-2')
      await h.ok('demo-resident-1', 'order', 'cancel', { orderId: orders[0].id })
      await h.place('demo-resident-1', { requestId: 'o-next' })
      await refusedUnchanged('demo-resident-1', 'order', 'place', placeBody({ requestId: 'o-after' }), '进行中的点单', true)
    })

    it('a proxy: per person served', async () => {
      for (let i = 0; i < P.openOrders; i++) await h.place('demo-proxy', forWhom('王大妈'))
      await refusedUnchanged('demo-proxy', 'order', 'place', placeBody(forWhom('王大妈')), `为王大妈进行中的点单已有${P.openOrders}张`, true)
      await h.place('demo-proxy', forWhom('李大爷'))
    })

    it(`parallel places: exactly ${P.openOrders} open orders, the others refused`, async () => {
      const answers = await Promise.all(Array.from({ length: 9 }, () => h.call('demo-resident-1', 'order', 'place', placeBody({}))))
      expect(answers.filter((a) => a.ok)).toHaveLength(P.openOrders)
      expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'RATE_LIMITED')).toBe(true)
    })
  })

  describe(`claims dropped within ${P.quickUnclaimMinutes} minutes: the ${P.quickUnclaimsPerDay + 1}th in a day bars claiming until the next day`, () => {
    async function dispatched() {
      const order = await h.place('demo-resident-1')
      await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 1 })
      return order.id
    }
    const advance = (ms: number) => h.setNow(new Date(h.now().getTime() + ms))

    it('claim and drop four times quickly: the next claim is refused with when to try again, nothing changes; the next day it is allowed', async () => {
      const orderId = await dispatched()
      for (let i = 0; i <= P.quickUnclaimsPerDay; i++) {
        await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
        advance(MINUTE)
        await h.ok('demo-volunteer-1', 'order', 'unclaim', { orderId })
      }
      await refusedUnchanged('demo-volunteer-1', 'order', 'claim', { orderId }, `今天已放弃接单${P.quickUnclaimsPerDay + 1}次，明天再来接单吧`)
      // another volunteer may claim it
      await h.ok('demo-volunteer-2', 'order', 'claim', { orderId })
      await h.ok('demo-volunteer-2', 'order', 'unclaim', { orderId })
      // still barred at 23:59 China time, free at midnight
      h.setNow(new Date('2026-03-02T15:59:00.000Z'))
      await refusedUnchanged('demo-volunteer-1', 'order', 'claim', { orderId }, '明天再来接单')
      h.setNow(new Date('2026-03-02T16:00:00.000Z'))
      await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
    })

    it(`a claim held ${P.quickUnclaimMinutes} minutes or more does not count when dropped`, async () => {
      const orderId = await dispatched()
      for (let i = 0; i <= P.quickUnclaimsPerDay + 1; i++) {
        await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
        advance(P.quickUnclaimMinutes * MINUTE)
        await h.ok('demo-volunteer-1', 'order', 'unclaim', { orderId })
      }
      await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
    })

    it('a retried unclaim (same requestId) counts once', async () => {
      const orderId = await dispatched()
      for (let i = 0; i < P.quickUnclaimsPerDay; i++) {
        await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
        await h.ok('demo-volunteer-1', 'order', 'unclaim', { orderId, requestId: `u${i}` })
        await h.ok('demo-volunteer-1', 'order', 'unclaim', { orderId, requestId: `u${i}` })
      }
      await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
    })
  })
})

function placeBody(extra: Record<string, unknown>) {
  // the same item again and again: each one meant (a likely duplicate asks first, issue 14)
  return { menuItemId: 'menu-19', need: '家里老人血压高，想请医生来量量血压', address: '苏溪镇滩尾村三组12号', phone: '13800001234', beneficiaryCount: 2, confirmDuplicate: true, ...extra }
}

describe('rate limits over HTTP', () => {
  it('the refused write is HTTP 429 RATE_LIMITED', async () => {
    const stores = createSqliteStores({ filename: ':memory:' })
    await stores.seed.importData(demoCounty())
    const policy: PolicyConfig = { ...DEFAULT_POLICY, rateLimits: { ...DEFAULT_POLICY.rateLimits, writesPerMinute: 2 } }
    // a fixed clock: the three calls fall in one minute
    const app = buildServer({ deps: { ...stores, policy, clock: () => START }, signer: createTokenSigner(), devLogin: true })
    try {
      await app.listen({ port: 0, host: '127.0.0.1' })
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
      const login = await fetch(`${base}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-resident-1' }) })
      const { token } = (await login.json()) as { token: string }
      const post = (body: unknown) =>
        fetch(`${base}/api/user`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
      const first = await post({ action: 'grantSubscribe', ...subscribe('h0') })
      const second = await post({ action: 'grantSubscribe', ...subscribe('h1') })
      const third = await post({ action: 'grantSubscribe', ...subscribe('h2') })
      expect([first.status, second.status, third.status]).toEqual([200, 200, 429])
      expect(await third.json()).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请1分钟后再试' } })
    } finally {
      await app.close()
      stores.close()
    }
  })
})

describe('requests per address on the local host (@fastify/rate-limit)', () => {
  async function start(ipRateLimit?: IpRateLimit) {
    const stores = createSqliteStores({ filename: ':memory:' })
    await stores.seed.importData(demoCounty())
    const app = buildServer({ deps: { ...stores, policy: DEFAULT_POLICY, clock: () => new Date() }, signer: createTokenSigner(), devLogin: false, ipRateLimit })
    await app.listen({ port: 0, host: '127.0.0.1' })
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    const read = () => fetch(`${base}/api/catalog`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'themes' }) })
    return { base, read, close: async () => { await app.close(); stores.close() } }
  }

  it('over the limit: 429 RATE_LIMITED with when to try again, on /api/* only', async () => {
    const host = await start({ max: 3, windowMs: 60_000, includeLoopback: true })
    try {
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await host.read()).status)
      expect(statuses).toEqual([200, 200, 200])
      const refused = await host.read()
      expect(refused.status).toBe(429)
      expect(await refused.json()).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^请求太频繁，请\d+秒后再试$/) } })
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/)
      expect((await fetch(`${host.base}/healthz`)).status).toBe(200)
    } finally {
      await host.close()
    }
  })

  it('by default loopback is exempt: the tests and the bench hammer the host from 127.0.0.1', async () => {
    const host = await start()
    try {
      const answers = await Promise.all(Array.from({ length: DEFAULT_IP_RATE_LIMIT.max + 20 }, () => host.read()))
      expect(answers.filter((a) => a.status === 429)).toHaveLength(0)
    } finally {
      await host.close()
    }
  })

  it('from the environment: SIDAN_RATE_PER_IP (0 = off), SIDAN_RATE_PER_IP_LOOPBACK=1', () => {
    expect(ipRateLimitFromEnv({})).toEqual({ max: 300, windowMs: 60_000, includeLoopback: false })
    expect(ipRateLimitFromEnv({ SIDAN_RATE_PER_IP: '50', SIDAN_RATE_PER_IP_LOOPBACK: '1' })).toEqual({ max: 50, windowMs: 60_000, includeLoopback: true })
    expect(ipRateLimitFromEnv({ SIDAN_RATE_PER_IP: '0' }).max).toBe(0)
    expect(() => ipRateLimitFromEnv({ SIDAN_RATE_PER_IP: 'many' })).toThrow('SIDAN_RATE_PER_IP')
  })
})
