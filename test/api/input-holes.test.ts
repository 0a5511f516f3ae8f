import { MESSAGE_ID_MAX } from '~types'
import { createHarness, type Harness } from './harness'

const HOUR = 3600 * 1000
const good = { menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组', phone: '13800001234' }

/** Calls that must be refused with INVALID_INPUT and a Chinese message, leaving every table as it was. */
async function refused(h: Harness, openid: string, fn: string, action: string, payload: Record<string, unknown>, message: RegExp) {
  const before = h.dump()
  const res = await h.call(openid, fn, action, payload)
  expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } })
  expect(h.dump()).toBe(before)
}

describe('inbox.read accepts every id the inbox hands out', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  it('the longest real message id (alert:preferred on a keyed order id, for a manager) can be marked read', async () => {
    // a requestId gives the longest order id (keyed, 26 characters), preferredAt the longest notification id
    const preferredAt = new Date(h.now().getTime() + 48 * HOUR).toISOString()
    const { id: orderId } = await h.place('demo-resident-1', { preferredAt, requestId: 'req-longest-id' })
    expect(orderId).toHaveLength(26)
    const res = await h.runCron(new Date(h.now().getTime() + 24 * HOUR))
    expect(res.ok).toBe(true)
    const inbox = await h.ok('demo-manager-tanwei', 'inbox', 'list', { limit: 50 })
    const alert = inbox.items.find((m: any) => m.kind === 'alertPreferred')
    expect(alert.id).toBe(`alert:preferred:${orderId}:${preferredAt}:${alert.userId}`)
    expect(alert.id.length).toBe(94)
    expect(alert.id.length).toBeGreaterThan(64)
    expect(alert.id.length).toBeLessThanOrEqual(MESSAGE_ID_MAX)
    const read = await h.ok('demo-manager-tanwei', 'inbox', 'read', { ids: [alert.id] })
    expect(read.unread).toBe(inbox.unread - 1)
  })

  it('an id longer than any the inbox makes is refused, changing nothing', async () => {
    await refused(h, 'demo-resident-1', 'inbox', 'read', { ids: ['x'.repeat(MESSAGE_ID_MAX + 1)] }, new RegExp(`消息不能超过${MESSAGE_ID_MAX}个字`))
  })
})

describe('preferredAt: ISO 8601 with a time-zone offset, at most 40 characters, not long past, stored normalised', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness() // the clock: 2026-03-02T01:00:00.000Z
  })
  afterEach(() => h.close())

  it.each([
    ['a bare number', '5'],
    ['an RFC 2822 date', 'Mon, 02 Mar 2026 09:00:00 +0800'],
    ['no offset', '2026-03-02T09:00:00'],
    ['a date only', '2026-03-02'],
    ['a day that does not exist', '2026-02-31T09:00:00+08:00'],
    ['hour 24', '2026-03-02T24:00:00Z'],
    ['41 characters', `2026-03-02T09:00:00.${'1'.repeat(16)}+08:00`],
    ['20,000 characters', `2026-03-02T09:00:00+08:00${' '.repeat(20000)}`],
    ['a number, not text', 5],
  ])('refused: %s', async (_name, preferredAt) => {
    await refused(h, 'demo-resident-1', 'order', 'place', { ...good, preferredAt }, /期望时间格式不对/)
  })

  it('more than an hour in the past (by the server clock) is refused in Chinese, changing nothing', async () => {
    await refused(h, 'demo-resident-1', 'order', 'place', { ...good, preferredAt: '2026-03-02T07:59:00+08:00' }, /期望时间已经过去/)
    await refused(h, 'demo-resident-1', 'order', 'place', { ...good, preferredAt: '2025-03-02T09:00:00+08:00' }, /期望时间已经过去/)
  })

  it('within the hour of slack, or ahead, is placed and stored in UTC (toISOString)', async () => {
    const recent = await h.place('demo-resident-1', { preferredAt: '2026-03-02T08:30:00+08:00' })
    expect(recent.preferredAt).toBe('2026-03-02T00:30:00.000Z')
    const ahead = await h.place('demo-resident-1', { preferredAt: '2026-03-05T09:00:00+08:00' })
    expect(ahead.preferredAt).toBe('2026-03-05T01:00:00.000Z')
    expect((await h.stores.orders.loadOrder(ahead.id)).order!.preferredAt).toBe('2026-03-05T01:00:00.000Z')
    const zulu = await h.place('demo-resident-1', { preferredAt: '2026-03-05T01:00Z' })
    expect(zulu.preferredAt).toBe('2026-03-05T01:00:00.000Z')
  })
})

describe('a requestId is bound to its function, action and target', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  it('a lifecycle action: the same requestId on another order is INVALID_INPUT, on the same order the first answer', async () => {
    const a = await h.place()
    const b = await h.place()
    const first = await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: a.id, teamIds: ['team-xiaolao'], requestId: 'r-1' })
    await refused(h, 'demo-manager-tanwei', 'order', 'dispatch', { orderId: b.id, teamIds: ['team-xiaolao'], requestId: 'r-1' }, /请求编号已用于另一张订单/)
    expect((await h.stores.orders.loadOrder(b.id)).order!.status).toBe('placed')
    // the retry on the first order repeats its answer
    expect(await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: a.id, teamIds: ['team-xiaolao'], requestId: 'r-1' })).toEqual(first)
  })

  it('claim: a volunteer reusing a requestId on another task is refused and claims nothing there', async () => {
    const a = await h.place()
    const b = await h.place()
    for (const o of [a, b]) await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: o.id, teamIds: ['team-xiaolao'], capacity: 2 })
    await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: a.id, requestId: 'tap-1' })
    await refused(h, 'demo-volunteer-3', 'order', 'claim', { orderId: b.id, requestId: 'tap-1' }, /请求编号已用于另一张订单/)
    expect((await h.stores.orders.loadOrder(b.id)).order!.claims).toEqual([])
  })

  it('another person or another action may use the same requestId', async () => {
    const a = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: a.id, teamIds: ['team-xiaolao'], capacity: 2, requestId: 'same' })
    await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: a.id, requestId: 'same' })
    const claimed = await h.ok('demo-volunteer-4', 'order', 'claim', { orderId: a.id, requestId: 'same' })
    expect(claimed.order.claims).toHaveLength(2)
  })

  it('order.place: the target is what is ordered and for whom; the same requestId for another is refused', async () => {
    const first = await h.ok('demo-resident-1', 'order', 'place', { ...good, requestId: 'p-1' })
    // a retry, even with the wording edited, lands on the first order
    const retry = await h.ok('demo-resident-1', 'order', 'place', { ...good, need: '量血压和血糖', requestId: 'p-1' })
    expect(retry.order.id).toBe(first.order.id)
    expect(retry.order.need).toBe('量血压')
    // another menu item, or a theme instead
    await refused(h, 'demo-resident-1', 'order', 'place', { ...good, menuItemId: 'menu-01', requestId: 'p-1' }, /请求编号已用于另一项点单/)
    await refused(h, 'demo-resident-1', 'order', 'place', { ...good, menuItemId: undefined, themeId: 'theme-elderly', requestId: 'p-1' }, /请求编号已用于另一项点单/)
  })

  it('order.place by a proxy: the same requestId for another person served is refused', async () => {
    await h.ok('demo-proxy', 'order', 'place', { ...good, onBehalfOf: { name: '李奶奶' }, requestId: 'p-2' })
    await refused(h, 'demo-proxy', 'order', 'place', { ...good, onBehalfOf: { name: '王大爷' }, requestId: 'p-2' }, /请求编号已用于另一项点单/)
  })
})

describe('catalog.teams lists member ids only to managers of the team and its leader', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness()
  })
  afterAll(() => h.close())

  const teams = async (openid: string) => {
    const list = await h.ok(openid, 'catalog', 'teams')
    return Object.fromEntries(list.map((t: any) => [t.id, t]))
  }

  it('a resident, a volunteer and an anonymous caller see no member ids', async () => {
    for (const openid of ['demo-resident-1', 'demo-volunteer-3']) {
      const all = Object.values(await teams(openid))
      expect(all.length).toBe(8)
      for (const t of all as any[]) expect(t).not.toHaveProperty('memberIds')
    }
    const anonymous = await h.call(null, 'catalog', 'teams')
    expect(anonymous.ok).toBe(true)
    if (anonymous.ok) for (const t of anonymous.data) expect(t).not.toHaveProperty('memberIds')
  })

  it("a leader sees their own team's members, not other teams'", async () => {
    const seen = await teams('demo-leader-xiaolao')
    expect(seen['team-xiaolao'].memberIds.length).toBeGreaterThan(0)
    expect(seen['team-health']).not.toHaveProperty('memberIds')
  })

  it("a manager sees the members of their unit's teams and below, not of units above or beside", async () => {
    const tanwei = await teams('demo-manager-tanwei')
    expect(tanwei['team-xiaolao']).toHaveProperty('memberIds')
    expect(tanwei['team-jiangbin']).not.toHaveProperty('memberIds')
    expect(tanwei['team-culture']).not.toHaveProperty('memberIds')
    expect(tanwei['team-health']).not.toHaveProperty('memberIds')
    const suxi = await teams('demo-manager-suxi')
    for (const id of ['team-xiaolao', 'team-jiangbin', 'team-culture']) expect(suxi[id]).toHaveProperty('memberIds')
    expect(suxi['team-guo']).not.toHaveProperty('memberIds')
    expect(suxi['team-health']).not.toHaveProperty('memberIds')
  })

  it('the center manager and the admin see every team with its members', async () => {
    for (const openid of ['demo-manager-center', 'demo-admin']) {
      for (const t of Object.values(await teams(openid)) as any[]) expect(Array.isArray(t.memberIds)).toBe(true)
    }
  })
})

describe('text refuses NUL and bidi controls; names need a visible character', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness()
  })
  afterAll(() => h.close())

  it.each([
    ['NUL in the need', { need: '量血压\u0000' }, /需求描述含有不允许的特殊字符/],
    ['a right-to-left override in the address', { address: '滩尾村\u202E组三' }, /服务地址含有不允许的特殊字符/],
    ['an isolate in the title', { title: '义诊\u2066x\u2069' }, /标题含有不允许的特殊字符/],
    ['a left-to-right mark in the need', { need: '\u200E量血压' }, /需求描述含有不允许的特殊字符/],
  ])('order.place: %s', async (_name, extra, message) => {
    await refused(h, 'demo-resident-1', 'order', 'place', { ...good, ...extra }, message)
  })

  it.each([
    ['zero-width spaces', '\u200B\u200B'],
    ['a BOM and a word joiner', '\uFEFF\u2060'],
    ['joiners among spaces', ' \u200C \u200D '],
  ])('names made of %s are refused', async (_name, name) => {
    await refused(h, 'demo-resident-1', 'user', 'updateProfile', { name }, /请填写姓名/)
    await refused(h, 'demo-proxy', 'order', 'place', { ...good, onBehalfOf: { name } }, /请填写代办对象姓名/)
    await refused(h, 'demo-proxy', 'order', 'place', { ...good, onBehalfOf: name }, /请填写代办对象姓名/)
    await refused(h, 'demo-manager-tanwei', 'catalog', 'upsertTeam', { name, themeIds: ['theme-elderly'], orgUnitId: 'unit-tanwei' }, /请填写队伍名称/)
  })

  it('a name with a bidi override is refused too; one with a visible character beside a zero-width one is taken', async () => {
    await refused(h, 'demo-resident-1', 'user', 'updateProfile', { name: '王\u202E大爷' }, /姓名含有不允许的特殊字符/)
    const res = await h.ok('demo-resident-1', 'user', 'updateProfile', { name: '王\u200B大爷' })
    expect(res.user.name).toBe('王\u200B大爷')
  })
})
