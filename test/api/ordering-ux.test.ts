/** Issue 14 through the handlers: the need, likely duplicates, who handles an order and by when, the proxy's phone and people. */
import { DEFAULT_LIMITS, PROXY_CLIENTS_MAX } from '~core/config'
import type { OrderAnswer, Profile } from '~types'
import { createHarness, type Harness, uid } from './harness'

let h: Harness
beforeEach(async () => {
  h = await createHarness()
})
afterEach(() => h.close())

const item = { menuItemId: 'menu-19', address: '苏溪镇滩尾村三组12号', phone: '13800001234' }

async function refused(openid: string, payload: Record<string, unknown>, code: string, message: RegExp) {
  const before = h.dump()
  const res = await h.call(openid, 'order', 'place', payload)
  expect(res.ok).toBe(false)
  if (res.ok) return
  expect(res.error.code).toBe(code)
  expect(res.error.message).toMatch(message)
  expect(h.dump()).toBe(before)
  return res.error
}

describe('the need: optional with a menu item, required for a described need', () => {
  it('a menu item without a description is placed, titled and noted by the item', async () => {
    const { order } = await h.ok<OrderAnswer>('demo-resident-1', 'order', 'place', item)
    expect(order).toMatchObject({ need: '', title: '健康义诊', menuItemId: 'menu-19' })
    expect(order.timeline[0].note).toBe('健康义诊')
  })

  it('a described need without words is refused, and nothing changes', async () => {
    await refused('demo-resident-1', { themeId: 'theme-health', address: '滩尾村', phone: '13800001234' }, 'INVALID_INPUT', /请填写需求描述/)
    await refused('demo-resident-1', { themeId: 'theme-health', need: '  ', address: '滩尾村', phone: '13800001234' }, 'INVALID_INPUT', /请填写需求描述/)
  })
})

describe('a likely duplicate (same person, same item, open, within 24 h) is asked about', () => {
  it('CONFLICT with duplicateOf and nothing stored; confirmDuplicate places it', async () => {
    const first = (await h.ok<OrderAnswer>('demo-resident-1', 'order', 'place', { ...item, requestId: 'a-1' })).order
    h.setNow(new Date(h.now().getTime() + 3 * 3600_000))
    const before = h.dump()
    const res = await h.call('demo-resident-1', 'order', 'place', { ...item, requestId: 'a-2' })
    expect(res).toEqual({ ok: false, error: { code: 'CONFLICT', message: '您在24小时内已点过“健康义诊”，还在办理中。确定要再点一单吗？', duplicateOf: first.id } })
    expect(h.dump()).toBe(before)
    // the same request confirmed: placed (the same requestId, as the app sends it)
    const second = (await h.ok<OrderAnswer>('demo-resident-1', 'order', 'place', { ...item, requestId: 'a-2', confirmDuplicate: true })).order
    expect(second.id).not.toBe(first.id)
    // a retry of the first request still answers the first order
    expect((await h.ok<OrderAnswer>('demo-resident-1', 'order', 'place', { ...item, requestId: 'a-1' })).order.id).toBe(first.id)
  })

  it('not a duplicate: another person, another person served, a described need, after 24 h, or once the first is closed', async () => {
    await h.ok('demo-resident-1', 'order', 'place', item)
    await h.ok('demo-resident-2', 'order', 'place', item)
    await h.ok('demo-resident-1', 'order', 'place', { themeId: 'theme-health', need: '量血压', address: '滩尾村', phone: '13800001234' })
    await h.ok('demo-resident-1', 'order', 'place', { themeId: 'theme-health', need: '量血压', address: '滩尾村', phone: '13800001234' })
    await h.ok('demo-proxy', 'order', 'place', { ...item, onBehalfOf: '陈奶奶' })
    const proxyAgain = await h.call('demo-proxy', 'order', 'place', { ...item, onBehalfOf: '陈奶奶' })
    expect(proxyAgain).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: expect.stringContaining('陈奶奶在24小时内已点过') } })
    await h.ok('demo-proxy', 'order', 'place', { ...item, onBehalfOf: '李爷爷' })
    h.setNow(new Date(h.now().getTime() + 25 * 3600_000))
    await h.ok('demo-resident-1', 'order', 'place', item)
  })

  it('two taps in parallel with different requestIds: one order, the other asked about', async () => {
    const answers = await Promise.all([1, 2, 3].map((i) => h.call('demo-resident-1', 'order', 'place', { ...item, requestId: `p-${i}` })))
    expect(answers.filter((a) => a.ok)).toHaveLength(1)
    const conflicts = answers.filter((a) => !a.ok)
    expect(conflicts).toHaveLength(2)
    for (const c of conflicts) expect(c).toMatchObject({ error: { code: 'CONFLICT', duplicateOf: (answers.find((a) => a.ok) as any).data.order.id } })
  })
})

describe('order.get tells the owner who handles the order and by when', () => {
  it('the handling station with its phone, and the unit’s limit from the last transition', async () => {
    const placed = await h.place('demo-resident-1', { requestId: 'g-1' })
    const mine = await h.ok<OrderAnswer>('demo-resident-1', 'order', 'get', { orderId: placed.id })
    const due = new Date(Date.parse(placed.updatedAt) + DEFAULT_LIMITS.remindUndispatchedHours * 3600_000).toISOString()
    expect(mine.handling).toEqual({
      unitId: 'unit-tanwei', unitName: '滩尾村新时代文明实践站', phone: '13907950101', status: 'placed', next: 'dispatch', dueAt: due, limitHours: DEFAULT_LIMITS.remindUndispatchedHours,
    })
    // a manager's page has its own (派单台): no handling there
    expect((await h.ok<OrderAnswer>('demo-manager-tanwei', 'order', 'get', { orderId: placed.id })).handling).toBeUndefined()

    // the unit's own limit counts
    await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', remindUndispatchedHours: 6, remindUnclaimedHours: 3 })
    expect((await h.ok<OrderAnswer>('demo-resident-1', 'order', 'get', { orderId: placed.id })).handling).toMatchObject({ limitHours: 6 })

    const dispatched = (await h.ok<OrderAnswer>('demo-manager-tanwei', 'order', 'dispatch', { orderId: placed.id, teamIds: ['team-health'], capacity: 1 })).order
    expect((await h.ok<OrderAnswer>('demo-resident-1', 'order', 'get', { orderId: placed.id })).handling).toMatchObject({
      status: 'dispatched', next: 'claim', limitHours: 3, dueAt: new Date(Date.parse(dispatched.updatedAt) + 3 * 3600_000).toISOString(),
    })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: placed.id })
    expect((await h.ok<OrderAnswer>('demo-resident-1', 'order', 'get', { orderId: placed.id })).handling).toMatchObject({ status: 'claimed', next: null, dueAt: null, phone: '13907950101' })
  })
})

describe('代办员: their own phone for someone who has none, and the people they order for', () => {
  const login = async (openid: string) => (await h.ok<{ user: Profile }>(openid, 'user', 'login')).user

  it('the proxy’s own number is marked on the order; each person goes on their list, most recent first', async () => {
    await h.ok('demo-proxy', 'user', 'updateProfile', { phone: '13600006666' })
    expect((await login('demo-proxy')).proxyClients).toEqual([])
    const forChen = (await h.ok<OrderAnswer>('demo-proxy', 'order', 'place', { ...item, address: '滩尾村五组3号', phone: '13600006666', onBehalfOf: '陈奶奶' })).order
    expect(forChen).toMatchObject({ phoneOfProxy: true, onBehalfOf: { name: '陈奶奶' }, ownerId: uid('demo-proxy') })
    const forLi = (await h.ok<OrderAnswer>('demo-proxy', 'order', 'place', { ...item, menuItemId: 'menu-01', address: '滩尾村二组8号', phone: '13700007777', onBehalfOf: '李爷爷' })).order
    expect(forLi.phoneOfProxy).toBeUndefined()
    expect((await login('demo-proxy')).proxyClients).toEqual([
      { name: '李爷爷', address: '滩尾村二组8号', phone: '13700007777' },
      { name: '陈奶奶', address: '滩尾村五组3号', phone: '' },
    ])
    // a resident's own order marks nothing and keeps no list
    const own = (await h.ok<OrderAnswer>('demo-resident-1', 'order', 'place', item)).order
    expect(own.phoneOfProxy).toBeUndefined()
    expect((await login('demo-resident-1')).proxyClients).toBeUndefined()

    // 删除: off the list, the orders untouched
    const { user } = await h.ok<{ user: Profile }>('demo-proxy', 'user', 'updateProfile', { forgetClient: '陈奶奶' })
    expect(user.proxyClients).toEqual([{ name: '李爷爷', address: '滩尾村二组8号', phone: '13700007777' }])
    expect((await h.ok<OrderAnswer>('demo-proxy', 'order', 'get', { orderId: forChen.id })).order.onBehalfOf).toEqual({ name: '陈奶奶' })
  })

  it('the list is bounded: the least recent drop off', async () => {
    for (let i = 0; i < PROXY_CLIENTS_MAX + 2; i++) {
      await h.ok('demo-proxy', 'order', 'place', { themeId: 'theme-health', need: '量血压', address: `滩尾村${i}组`, phone: '13700007777', onBehalfOf: `村民${i}` })
      // the place rate limits are off in the harness; the open-order limit is per person served
    }
    const list = (await login('demo-proxy')).proxyClients!
    expect(list).toHaveLength(PROXY_CLIENTS_MAX)
    expect(list[0].name).toBe(`村民${PROXY_CLIENTS_MAX + 1}`)
    expect(list.some((c) => c.name === '村民0')).toBe(false)
  })
})

describe('an order needing 2 volunteers completed by 1 says so on the order', () => {
  it('the completion’s timeline note names the volunteers needed and those who came', async () => {
    const placed = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: placed.id, teamIds: ['team-health'], capacity: 2 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: placed.id })
    const done = (await h.ok<OrderAnswer>('demo-volunteer-1', 'order', 'complete', { orderId: placed.id, hours: 2, beneficiaryCount: 3 })).order
    expect(done.timeline.at(-1)!.note).toBe('服务2小时，服务3人（需2名志愿者，实际1人完成）')

    const full = await h.place('demo-resident-2')
    await h.ok('demo-manager-jiangbin', 'order', 'dispatch', { orderId: full.id, teamIds: ['team-health'], capacity: 1 })
    await h.ok('demo-volunteer-2', 'order', 'claim', { orderId: full.id })
    const fine = (await h.ok<OrderAnswer>('demo-volunteer-2', 'order', 'complete', { orderId: full.id, hours: 1, beneficiaryCount: 1 })).order
    expect(fine.timeline.at(-1)!.note).toBe('服务1小时，服务1人')
  })
})
