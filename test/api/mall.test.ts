/** 积分超市 through the handlers: who may do what, refusals that change nothing, requestIds, pickupDays, honours. */
import type { Order } from '~types'
import { order as makeOrder } from '~test/support/order-fixture'
import { createHarness, type Harness, uid } from './harness'

describe('积分超市 (mall)', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  const fund = (openid: string, points: number) =>
    h.stores.ledger.appendLedger([
      { id: `award:seed-${openid}-${points}`, userId: uid(openid), delta: points, hours: 1, reason: '服务奖励', orderId: null, unitPath: ['unit-center'], at: h.now().toISOString(), by: 'system' },
    ])

  const goodsInput = { name: '洗衣液', points: 30, stock: 3, pickup: '滩尾村实践站，周六上午' }
  const shelve = async (openid = 'demo-manager-tanwei', extra: Record<string, unknown> = {}) =>
    (await h.ok(openid, 'mall', 'upsertGoods', { ...goodsInput, ...extra })).goods

  async function refusedUnchanged(openid: string, action: string, payload: Record<string, unknown>, code: string, message?: string) {
    const before = h.dump()
    const res = await h.call(openid, 'mall', action, payload)
    expect(res).toMatchObject({ ok: false, error: { code, ...(message ? { message } : {}) } })
    expect(h.dump()).toBe(before)
    return res
  }

  it('a manager keeps the goods of their unit; a resident sees their station, 所 and county shelves with stock and the balance', async () => {
    const station = await shelve('demo-manager-tanwei', { name: '毛巾', perPersonMonthly: 2 })
    const county = await shelve('demo-manager-center', { name: '大米', points: 200, pickup: '县中心服务大厅' })
    await shelve('demo-manager-tanwei', { name: '下架的肥皂', active: false })
    await shelve('demo-manager-jiangbin', { name: '别处的油' })
    expect(station).toMatchObject({ orgUnitId: 'unit-tanwei', unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'], perPersonMonthly: 2, active: true })
    await fund('demo-resident-1', 50)
    const seen = await h.ok('demo-resident-1', 'mall', 'goods')
    expect(seen.items.map((g: any) => g.name)).toEqual(['毛巾', '大米'])
    expect(seen.balance).toBe(50)
    expect(seen.items[1]).toMatchObject({ id: county.id, stock: 3, points: 200 })
    const kept = await h.ok('demo-manager-tanwei', 'mall', 'goods', { includeInactive: true })
    expect(kept.items.map((g: any) => g.name).sort()).toEqual(['下架的肥皂', '毛巾'].sort())
    const edited = await h.ok('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, id: station.id, name: '毛巾', stock: 9 })
    expect(edited.goods).toMatchObject({ id: station.id, stock: 9 })
  })

  it('refusals of the shelf change nothing: bad input, not a manager, another unit, unknown goods', async () => {
    const own = await shelve()
    await refusedUnchanged('demo-manager-tanwei', 'upsertGoods', { ...goodsInput, name: '' }, 'INVALID_INPUT', '请填写商品名称')
    await refusedUnchanged('demo-manager-tanwei', 'upsertGoods', { ...goodsInput, name: '一'.repeat(31) }, 'INVALID_INPUT', '商品名称不能超过30个字')
    await refusedUnchanged('demo-manager-tanwei', 'upsertGoods', { ...goodsInput, points: 0 }, 'INVALID_INPUT', '所需积分不能少于1')
    await refusedUnchanged('demo-manager-tanwei', 'upsertGoods', { ...goodsInput, stock: 100001 }, 'INVALID_INPUT', '库存不能超过100000')
    await refusedUnchanged('demo-manager-tanwei', 'upsertGoods', { ...goodsInput, perPersonMonthly: 101 }, 'INVALID_INPUT', '每人每月限兑不能超过100')
    await refusedUnchanged('demo-manager-tanwei', 'upsertGoods', { ...goodsInput, pickup: '' }, 'INVALID_INPUT', '请填写领取地点和时间')
    await refusedUnchanged('demo-resident-1', 'upsertGoods', goodsInput, 'FORBIDDEN')
    await refusedUnchanged('demo-manager-tanwei', 'upsertGoods', { ...goodsInput, orgUnitId: 'unit-jiangbin' }, 'FORBIDDEN')
    await refusedUnchanged('demo-manager-jiangbin', 'upsertGoods', { ...goodsInput, id: own.id }, 'FORBIDDEN')
    await refusedUnchanged('demo-manager-tanwei', 'upsertGoods', { ...goodsInput, id: 'g_nope' }, 'NOT_FOUND')
  })

  it('a save\u2019s requestId is bound to its goods: a retry answers the first save, another target is refused', async () => {
    const first = await h.ok('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, requestId: 'g-1' })
    const retry = await h.ok('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, requestId: 'g-1' })
    expect(retry).toEqual(first)
    const other = await h.call('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, orgUnitId: 'unit-tanwei', id: first.goods.id, name: '别的', requestId: 'g-1' })
    expect(other.ok).toBe(true)
    const reused = await h.call('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, requestId: 'g-1', orgUnitId: 'unit-tanwei', id: (await shelve()).id })
    expect(reused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '该请求编号已用于另一件商品，请刷新页面后重新提交' } })
  })

  it('redeem: answers the redemption and the balance; a retry answers the same; refusals change nothing', async () => {
    const goods = await shelve('demo-manager-tanwei', { stock: 2, perPersonMonthly: 1 })
    await fund('demo-resident-1', 100)
    const res = await h.ok('demo-resident-1', 'mall', 'redeem', { goodsId: goods.id, quantity: 1, requestId: 'r-1' })
    expect(res).toMatchObject({ balance: 70, redemption: { status: 'reserved', goodsName: '洗衣液', quantity: 1, points: 30, pickup: '滩尾村实践站，周六上午' } })
    expect(await h.ok('demo-resident-1', 'mall', 'redeem', { goodsId: goods.id, quantity: 1, requestId: 'r-1' })).toEqual(res)
    await refusedUnchanged('demo-resident-1', 'redeem', { goodsId: goods.id, quantity: 1 }, 'INVALID_INPUT', '请填写请求编号')
    await refusedUnchanged('demo-resident-1', 'redeem', { goodsId: goods.id, quantity: 11, requestId: 'r-2' }, 'INVALID_INPUT', '兑换数量不能超过10')
    await refusedUnchanged('demo-resident-1', 'redeem', { goodsId: goods.id, quantity: 2, requestId: 'r-1' }, 'INVALID_INPUT', '该请求编号已用于另一次兑换，请刷新页面后重新提交')
    await refusedUnchanged('demo-resident-1', 'redeem', { goodsId: goods.id, quantity: 1, requestId: 'r-3' }, 'CONFLICT', '该商品每人每月限兑1件，本月您已兑满')
    await refusedUnchanged('demo-resident-2', 'redeem', { goodsId: goods.id, quantity: 1, requestId: 'r-4' }, 'NOT_FOUND', '商品不存在')
    await fund('demo-resident-3', 10)
    await refusedUnchanged('demo-resident-1', 'redeem', { goodsId: 'g_nope', quantity: 1, requestId: 'r-5' }, 'NOT_FOUND')
    const off = await shelve('demo-manager-tanwei', { active: false })
    await refusedUnchanged('demo-resident-1', 'redeem', { goodsId: off.id, quantity: 1, requestId: 'r-6' }, 'CONFLICT', '该商品已下架')
    await refusedUnchanged('demo-resident-1', 'redeem', { goodsId: goods.id, quantity: 3, requestId: 'r-7' }, 'OUT_OF_STOCK', '库存只剩1件，请减少兑换数量')
  })

  it('the same redemption sent twice at once (a double tap) redeems once and answers the same', async () => {
    const goods = await shelve('demo-manager-tanwei', { stock: 5, points: 10 })
    await fund('demo-resident-1', 100)
    const payload = { goodsId: goods.id, quantity: 1, requestId: 'tap-1' }
    const [a, b] = await Promise.all([h.call('demo-resident-1', 'mall', 'redeem', payload), h.call('demo-resident-1', 'mall', 'redeem', payload)])
    expect(a.ok && b.ok).toBe(true)
    expect(a.ok && b.ok && a.data.redemption).toEqual(b.ok && b.data.redemption)
    expect((await h.ok('demo-resident-1', 'mall', 'mine')).items).toHaveLength(1)
    expect((await h.stores.mall.getGoods(goods.id))!.stock).toBe(4)
    expect((await h.ok('demo-resident-1', 'points', 'balance')).balance).toBe(90)
  })

  it('mine (newest first) and pending (the unit\u2019s reserved, for its managers only)', async () => {
    const goods = await shelve('demo-manager-tanwei', { stock: 5, points: 10 })
    await fund('demo-resident-1', 100)
    const a = await h.ok('demo-resident-1', 'mall', 'redeem', { goodsId: goods.id, requestId: 'a' })
    h.setNow(new Date(h.now().getTime() + 60_000))
    const b = await h.ok('demo-resident-1', 'mall', 'redeem', { goodsId: goods.id, requestId: 'b' })
    expect((await h.ok('demo-resident-1', 'mall', 'mine')).items.map((r: any) => r.id)).toEqual([b.redemption.id, a.redemption.id])
    expect((await h.ok('demo-resident-2', 'mall', 'mine')).items).toEqual([])
    expect((await h.ok('demo-manager-tanwei', 'mall', 'pending')).items.map((r: any) => r.id)).toEqual([a.redemption.id, b.redemption.id])
    await refusedUnchanged('demo-resident-1', 'pending', {}, 'FORBIDDEN')
    await refusedUnchanged('demo-manager-jiangbin', 'pending', { unitId: 'unit-tanwei' }, 'FORBIDDEN')
    expect((await h.ok('demo-manager-suxi', 'mall', 'pending', { unitId: 'unit-tanwei' })).items).toHaveLength(2)
  })

  it('fulfil and cancel: by whom, once, and a stranger learns nothing', async () => {
    const goods = await shelve('demo-manager-tanwei', { stock: 5, points: 10 })
    await fund('demo-resident-1', 100)
    const { redemption } = await h.ok('demo-resident-1', 'mall', 'redeem', { goodsId: goods.id, requestId: 'a' })
    await refusedUnchanged('demo-resident-1', 'fulfil', { code: redemption.code }, 'FORBIDDEN', '只有管理员可以核销兑换码')
    await refusedUnchanged('demo-manager-jiangbin', 'fulfil', { code: redemption.code }, 'FORBIDDEN', '这个兑换码不是本单位的商品，请到领取地点核销')
    await refusedUnchanged('demo-manager-tanwei', 'fulfil', { code: 'ABCDEFGH' }, 'NOT_FOUND', '没有这个兑换码，请核对后重新输入')
    await refusedUnchanged('demo-manager-tanwei', 'fulfil', { code: 'ABC0' }, 'INVALID_INPUT', '兑换码应为8位字母或数字，请核对后重新输入')
    await refusedUnchanged('demo-resident-2', 'cancel', { redemptionId: redemption.id }, 'NOT_FOUND', '兑换记录不存在')
    const done = await h.ok('demo-manager-tanwei', 'mall', 'fulfil', { code: redemption.code.toLowerCase(), requestId: 'f-1' })
    expect(done.redemption).toMatchObject({ status: 'fulfilled', fulfilledByName: '滩尾村罗书记' })
    expect(await h.ok('demo-manager-tanwei', 'mall', 'fulfil', { code: redemption.code, requestId: 'f-1' })).toEqual(done)
    await refusedUnchanged('demo-manager-tanwei', 'fulfil', { code: redemption.code, requestId: 'f-2' }, 'CONFLICT', '该兑换已于3月2日 09:00由滩尾村罗书记核销领取')

    const second = await h.ok('demo-resident-1', 'mall', 'redeem', { goodsId: goods.id, requestId: 'b' })
    const cancelled = await h.ok('demo-manager-tanwei', 'mall', 'cancel', { redemptionId: second.redemption.id, reason: '商品受潮' })
    expect(cancelled).toEqual({ redemption: expect.objectContaining({ status: 'cancelled', cancelledBy: 'manager', cancelReason: '商品受潮' }) })
    expect((await h.ok('demo-resident-1', 'points', 'balance')).balance).toBe(90)
    const entries = (await h.ok('demo-resident-1', 'points', 'ledger')).items.map((e: any) => e.reason)
    expect(entries).toEqual(expect.arrayContaining(['积分兑换：洗衣液×1', '退还积分：洗衣液×1（管理员取消）']))
  })

  it('pickupDays is a unit limit, inherited and set like the others; a redemption is due at its unit\u2019s value', async () => {
    const limits = await h.ok('demo-manager-tanwei', 'catalog', 'limits', { unitId: 'unit-tanwei' })
    expect(limits.limits.pickupDays).toBe(30)
    await h.ok('demo-manager-suxi', 'catalog', 'updateLimits', { unitId: 'unit-suxi', pickupDays: 7 })
    expect((await h.ok('demo-manager-tanwei', 'catalog', 'limits', { unitId: 'unit-tanwei' })).sources.pickupDays).toBe('unit-suxi')
    const goods = await shelve()
    await fund('demo-resident-1', 100)
    const { redemption } = await h.ok('demo-resident-1', 'mall', 'redeem', { goodsId: goods.id, requestId: 'a' })
    expect(Date.parse(redemption.expiresAt) - Date.parse(redemption.createdAt)).toBe(7 * 86_400_000)
    const before = await h.runCron(new Date(Date.parse(redemption.expiresAt) - 1000))
    expect(before).toMatchObject({ ok: true, data: { redemptionsExpired: 0 } })
    const due = await h.runCron(new Date(redemption.expiresAt))
    expect(due).toMatchObject({ ok: true, data: { redemptionsExpired: 1 } })
    expect((await h.runCron(new Date(redemption.expiresAt))).ok).toBe(true)
    expect((await h.ok('demo-resident-1', 'points', 'balance')).balance).toBe(100)
    const inbox = await h.ok('demo-resident-1', 'inbox', 'list')
    expect(inbox.items.filter((m: any) => m.kind === 'redemptionExpired')).toHaveLength(1)
    expect(inbox.items[0].text).toMatch(/超过领取期限未领取，已自动取消，30积分已退还/)
    expect((await h.stores.ledger.reconcile()).mismatches).toEqual([])
  })

  it('points.honors ranks volunteers by credited hours, teams by services and good ratings, stations by orders served', async () => {
    const served = (id: string, over: Partial<Order>): Order => ({
      ...makeOrder({ id, unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'], createdAt: '2026-02-01T00:00:00.000Z' }),
      originPath: ['unit-center', 'unit-suxi', 'unit-tanwei'],
      status: 'rated',
      teamIds: ['team-health'],
      ...over,
    })
    const claim = (openid: string, name: string, credited: number) => ({
      volunteerId: uid(openid), name, at: '2026-02-01T01:00:00.000Z', unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'],
      hours: { reported: credited || 2, status: credited ? ('verified' as const) : ('pending' as const), credited },
    })
    const completion = (people: number) => ({ hours: 2, beneficiaryCount: people, note: '', by: 'x', at: '2026-02-01T03:00:00.000Z' })
    const rating = (stars: number) => ({ stars, comment: '', at: '2026-02-02T00:00:00.000Z' })
    await h.stores.orders.insertOrder(served('o-h1', { claims: [claim('demo-volunteer-1', '张护士', 3), claim('demo-volunteer-2', '李药师', 1)], completion: completion(5), rating: rating(5) }))
    await h.stores.orders.insertOrder(served('o-h2', { claims: [claim('demo-volunteer-2', '李药师', 1.5)], completion: completion(2), rating: rating(3) }))
    await h.stores.orders.insertOrder(served('o-h3', { claims: [claim('demo-volunteer-2', '李药师', 0)], completion: completion(4), rating: null, status: 'closed', teamIds: ['team-xiaolao'], originPath: ['unit-center', 'unit-suxi', 'unit-jiangbin'] }))
    await h.stores.orders.insertOrder(served('o-h4', { claims: [], completion: null, rating: null, status: 'placed' }))
    await h.stores.orders.insertOrder(served('o-h5', { claims: [claim('demo-volunteer-3', '赵医生', 8)], completion: completion(1), rating: rating(5), createdAt: '2025-06-01T00:00:00.000Z' }))
    const honours = await h.ok('demo-resident-1', 'points', 'honors', { unitId: 'unit-suxi', year: 2026 })
    expect(honours).toMatchObject({ unitId: 'unit-suxi', year: 2026, ordersRead: 4, truncated: false })
    expect(honours.volunteers).toEqual([
      { rank: 1, userId: uid('demo-volunteer-1'), name: '张护士', hours: 3, services: 1, averageRating: 5 },
      { rank: 2, userId: uid('demo-volunteer-2'), name: '李药师', hours: 2.5, services: 3, averageRating: 4 },
    ])
    expect(honours.teams.map((t: any) => [t.teamId, t.services, t.goodShare, t.rated])).toEqual([
      ['team-health', 2, 0.5, 2],
      ['team-xiaolao', 1, null, 0],
    ])
    expect(honours.stations.map((s: any) => [s.unitId, s.served, s.people])).toEqual([
      ['unit-tanwei', 2, 7],
      ['unit-jiangbin', 1, 4],
    ])
    expect((await h.ok('demo-resident-1', 'points', 'honors', { year: 2025 })).volunteers.map((v: any) => [v.name, v.hours])).toEqual([['赵医生', 8]])
    await refusedUnchangedPoints()
    async function refusedUnchangedPoints() {
      const res = await h.call('demo-resident-1', 'points', 'honors', { year: 1999 })
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '年份不能少于2000' } })
      expect(await h.call('demo-resident-1', 'points', 'honors', { year: 2026, unitId: 'unit-nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    }
  })
})
