/**
 * 积分超市 through the local host over real HTTP, with real parallel calls (every request started before any is
 * awaited), on the production policy (rate limits on): stock, points and the per-person limit exact under
 * concurrency, cancels and 核销 once, the scheduled job's expiry refunding once, and the ledger invariant after it all.
 */
import type { AddressInfo } from 'node:net'
import { createSqliteStores } from '~adapters/sqlite'
import { DEFAULT_POLICY } from '~core/config'
import { createTokenSigner } from '~local/auth'
import { demoCounty } from '~local/demo-county'
import { buildServer } from '~local/server'
import { uid } from './harness'

async function startHost() {
  const stores = createSqliteStores({ filename: ':memory:' })
  await stores.seed.importData(demoCounty())
  const app = buildServer({ deps: { ...stores, policy: DEFAULT_POLICY, clock: () => new Date() }, signer: createTokenSigner(), devLogin: true })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const tokens = new Map<string, string>()
  async function login(openid: string) {
    if (!tokens.has(openid)) {
      const res = await fetch(`${base}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
      tokens.set(openid, ((await res.json()) as { token: string }).token)
    }
    return tokens.get(openid)!
  }
  async function post(openid: string, route: string, body: unknown) {
    const res = await fetch(`${base}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await login(openid)}` },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as any }
  }
  const api = (openid: string, fn: string, body: Record<string, unknown>) => post(openid, `/api/${fn}`, body)
  return { api, post, stores, close: async () => { await app.close(); stores.close() } }
}

const PEOPLE = ['demo-volunteer-1', 'demo-volunteer-2', 'demo-volunteer-3', 'demo-volunteer-4', 'demo-volunteer-5']
let seq = 0
const rid = () => `tap-${++seq}`

describe('积分超市 through the local host, in parallel', () => {
  let host: Awaited<ReturnType<typeof startHost>>
  beforeAll(async () => {
    host = await startHost()
    // each volunteer earned 100 points (an award as the order loop pays it)
    for (const p of PEOPLE) {
      await host.stores.ledger.appendLedger([
        { id: `award:seed:${uid(p)}`, userId: uid(p), delta: 100, hours: 2, reason: '服务奖励', orderId: null, unitPath: ['unit-center', 'unit-suxi'], at: new Date().toISOString(), by: 'system' },
      ])
    }
  })
  afterAll(() => host.close())

  const balanceOf = async (openid: string) => (await host.api(openid, 'points', { action: 'balance' })).body.data.balance as number
  const newGoods = async (fields: Record<string, unknown>) => {
    const res = await host.api('demo-manager-suxi', 'mall', { action: 'upsertGoods', name: '洗衣液', points: 30, stock: 3, pickup: '苏溪所一楼，工作日9:00–17:00', requestId: rid(), ...fields })
    expect(res.status).toBe(200)
    return res.body.data.goods as { id: string; stock: number }
  }
  const stockOf = async (id: string) => (await host.stores.mall.getGoods(id))!.stock

  it('20 redemptions fired at once by 5 people at goods with stock 3: exactly 3 reserved, stock 0, each winner pays exactly', async () => {
    const goods = await newGoods({ stock: 3, points: 30 })
    const before = Object.fromEntries(await Promise.all(PEOPLE.map(async (p) => [p, await balanceOf(p)] as const)))
    const calls = Array.from({ length: 20 }, (_, i) => PEOPLE[i % PEOPLE.length])
    const results = await Promise.all(calls.map((p) => host.api(p, 'mall', { action: 'redeem', goodsId: goods.id, quantity: 1, requestId: rid() })))
    const won = results.map((r, i) => ({ r, p: calls[i] })).filter(({ r }) => r.status === 200)
    expect(won).toHaveLength(3)
    expect(results.filter((r) => r.status === 422).every((r) => r.body.error.code === 'OUT_OF_STOCK')).toBe(true)
    expect(results.filter((r) => r.status !== 200)).toHaveLength(17)
    expect(await stockOf(goods.id)).toBe(0)
    const wins = new Map<string, number>()
    for (const { p, r } of won) {
      wins.set(p, (wins.get(p) ?? 0) + 1)
      expect(r.body.data.redemption).toMatchObject({ status: 'reserved', goodsId: goods.id, quantity: 1, points: 30 })
      expect(r.body.data.redemption.code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/)
    }
    for (const p of PEOPLE) expect(await balanceOf(p)).toBe(before[p] - 30 * (wins.get(p) ?? 0))
    const codes = new Set(won.map(({ r }) => r.body.data.redemption.code))
    expect(codes.size).toBe(3)
  })

  it('a redemption beyond the balance is INSUFFICIENT_POINTS and leaves the stock as it was', async () => {
    const goods = await newGoods({ stock: 5, points: 1000 })
    const res = await host.api('demo-volunteer-1', 'mall', { action: 'redeem', goodsId: goods.id, quantity: 1, requestId: rid() })
    expect(res).toMatchObject({ status: 422, body: { ok: false, error: { code: 'INSUFFICIENT_POINTS' } } })
    expect(res.body.error.message).toMatch(/^积分不足：需要1000分，当前只有\d+分$/)
    expect(await stockOf(goods.id)).toBe(5)
  })

  it('parallel cancels refund once and restore the stock once', async () => {
    const goods = await newGoods({ stock: 2, points: 20 })
    const before = await balanceOf('demo-volunteer-2')
    const { body } = await host.api('demo-volunteer-2', 'mall', { action: 'redeem', goodsId: goods.id, quantity: 2, requestId: rid() })
    expect(body.data.balance).toBe(before - 40)
    expect(await stockOf(goods.id)).toBe(0)
    const id = body.data.redemption.id
    const results = await Promise.all([
      ...Array.from({ length: 4 }, () => host.api('demo-volunteer-2', 'mall', { action: 'cancel', redemptionId: id, requestId: rid() })),
      host.api('demo-manager-suxi', 'mall', { action: 'cancel', redemptionId: id, reason: '货架调整', requestId: rid() }),
    ])
    expect(results.filter((r) => r.status === 200)).toHaveLength(1)
    expect(results.filter((r) => r.status === 409)).toHaveLength(4)
    expect(results.find((r) => r.status === 409)!.body.error.message).toMatch(/取消.*积分已退还/)
    expect(await balanceOf('demo-volunteer-2')).toBe(before)
    expect(await stockOf(goods.id)).toBe(2)
    const ledger = (await host.api('demo-volunteer-2', 'points', { action: 'ledger' })).body.data.items
    expect(ledger.filter((e: any) => e.id === `refund:${id}`)).toHaveLength(1)
  })

  it('two managers 核销 one code at once: one fulfilled, one CONFLICT saying when and by whom', async () => {
    const goods = await newGoods({ stock: 2, points: 10 })
    const { body } = await host.api('demo-volunteer-3', 'mall', { action: 'redeem', goodsId: goods.id, quantity: 1, requestId: rid() })
    const code = body.data.redemption.code as string
    const typed = `${code.slice(0, 4).toLowerCase()} ${code.slice(4)}`
    const [a, b] = await Promise.all([
      host.api('demo-manager-suxi', 'mall', { action: 'fulfil', code, requestId: rid() }),
      host.api('demo-manager-center', 'mall', { action: 'fulfil', code: typed, requestId: rid() }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const won = a.status === 200 ? a : b
    const lost = a.status === 200 ? b : a
    expect(won.body.data.redemption).toMatchObject({ status: 'fulfilled', code })
    const by = won.body.data.redemption.fulfilledByName
    expect(['苏溪所李所长', '陈干事']).toContain(by)
    expect(lost.body.error.message).toMatch(new RegExp(`^该兑换已于\\d+月\\d+日 \\d\\d:\\d\\d由${by}核销领取$`))
    // a station manager elsewhere may not, and a fulfilled redemption can no longer be cancelled
    expect((await host.api('demo-manager-tanwei', 'mall', { action: 'fulfil', code, requestId: rid() })).status).toBe(403)
    expect((await host.api('demo-volunteer-3', 'mall', { action: 'cancel', redemptionId: body.data.redemption.id, requestId: rid() })).status).toBe(409)
  })

  it('the per-person monthly limit holds under parallel calls', async () => {
    const goods = await newGoods({ stock: 20, points: 5, perPersonMonthly: 2 })
    const results = await Promise.all(Array.from({ length: 8 }, () => host.api('demo-volunteer-4', 'mall', { action: 'redeem', goodsId: goods.id, quantity: 1, requestId: rid() })))
    expect(results.filter((r) => r.status === 200)).toHaveLength(2)
    const refused = results.filter((r) => r.status !== 200)
    expect(refused.every((r) => r.status === 409 && r.body.error.message === '该商品每人每月限兑2件，本月您已兑满')).toBe(true)
    expect(await stockOf(goods.id)).toBe(18)
  })

  it('the scheduled job cancels what nobody collected within pickupDays, refunds once and tells the person', async () => {
    const goods = await newGoods({ stock: 4, points: 25 })
    const before = await balanceOf('demo-volunteer-5')
    const { body } = await host.api('demo-volunteer-5', 'mall', { action: 'redeem', goodsId: goods.id, quantity: 1, requestId: rid() })
    const { expiresAt, id } = body.data.redemption
    expect(Date.parse(expiresAt) - Date.parse(body.data.redemption.createdAt)).toBe(30 * 86_400_000)
    const later = new Date(Date.parse(expiresAt) + 60_000).toISOString()
    // every redemption still reserved (those of the tests above too) is past its time then
    const reserved = (host.stores.db.prepare("SELECT COUNT(*) AS n FROM redemptions WHERE status = 'reserved'").get() as { n: number }).n
    expect(reserved).toBeGreaterThan(1)
    const runs = await Promise.all([
      host.post('demo-admin', '/api/dev/cron', { now: later }),
      host.post('demo-admin', '/api/dev/cron', { now: later }),
    ])
    expect(runs.map((r) => r.body.data.redemptionsExpired).sort()).toEqual([0, reserved])
    const again = await host.post('demo-admin', '/api/dev/cron', { now: later })
    expect(again.body.data.redemptionsExpired).toBe(0)
    expect(await balanceOf('demo-volunteer-5')).toBe(before)
    expect(await stockOf(goods.id)).toBe(4)
    const mine = (await host.api('demo-volunteer-5', 'mall', { action: 'mine' })).body.data.items
    expect(mine.find((r: any) => r.id === id)).toMatchObject({ status: 'cancelled', cancelledBy: 'expired' })
    const inbox = (await host.api('demo-volunteer-5', 'inbox', { action: 'list' })).body.data.items
    expect(inbox.filter((m: any) => m.kind === 'redemptionExpired' && m.orderId === id)).toHaveLength(1)
  })

  it('after all of it, every balance equals the sum of its entries and none is negative', async () => {
    const { checked, mismatches } = await host.stores.ledger.reconcile()
    expect(checked).toBeGreaterThanOrEqual(PEOPLE.length)
    expect(mismatches).toEqual([])
    const negative = host.stores.db.prepare('SELECT COUNT(*) AS n FROM balances WHERE balance < 0').get() as { n: number }
    expect(negative.n).toBe(0)
  })
})
