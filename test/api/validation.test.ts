import { createHarness, type Harness } from './harness'

/** Bad input gets INVALID_INPUT with a Chinese message, and the database is byte-for-byte as it was. */
describe('bad input changes nothing', () => {
  let h: Harness
  let orderId: string
  beforeAll(async () => {
    h = await createHarness()
    orderId = (await h.place()).id
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId, teamIds: ['team-health'], capacity: 2 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
  })
  afterAll(() => h.close())

  const good = { menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组', phone: '13800001234' }
  const cases: Array<[string, string, string, () => Record<string, unknown>, RegExp]> = [
    ['wrong type for need', 'order', 'place', () => ({ ...good, need: 42 }), /需求描述应为文字/],
    // a described need must say it; with a menu item it may be left out (the item is the need, issue 14)
    ['missing need', 'order', 'place', () => ({ ...good, menuItemId: undefined, themeId: 'theme-health', need: undefined }), /请填写需求描述/],
    ['need over 500 chars', 'order', 'place', () => ({ ...good, need: '长'.repeat(501) }), /需求描述不能超过500个字/],
    ['blank need', 'order', 'place', () => ({ ...good, menuItemId: undefined, themeId: 'theme-health', need: '   ' }), /请填写需求描述/],
    ['address over 100', 'order', 'place', () => ({ ...good, address: '址'.repeat(101) }), /服务地址不能超过100个字/],
    ['not a mobile number', 'order', 'place', () => ({ ...good, phone: '010-12345678' }), /请填写11位手机号码/],
    ['beneficiaries out of range', 'order', 'place', () => ({ ...good, beneficiaryCount: 10001 }), /服务人数不能超过10000/],
    ['beneficiaries not an integer', 'order', 'place', () => ({ ...good, beneficiaryCount: 1.5 }), /服务人数应为整数/],
    ['neither menu nor theme', 'order', 'place', () => ({ ...good, menuItemId: undefined }), /请选择服务菜单或服务主题/],
    ['bad preferred time', 'order', 'place', () => ({ ...good, preferredAt: '明天下午' }), /期望时间格式不对/],
    ['unknown menu item', 'order', 'place', () => ({ ...good, menuItemId: 'menu-404' }), /所选服务菜单不存在/],
    ['four teams', 'order', 'dispatch', () => ({ orderId, teamIds: ['a', 'b', 'c', 'd'] }), /一次最多派给3支志愿服务队/],
    ['capacity 21', 'order', 'dispatch', () => ({ orderId, teamIds: ['team-health'], capacity: 21 }), /所需人数不能超过20/],
    ['hours 25', 'order', 'complete', () => ({ orderId, hours: 25, beneficiaryCount: 1 }), /服务时长不能超过24小时/],
    ['hours 0.2', 'order', 'complete', () => ({ orderId, hours: 0.2, beneficiaryCount: 1 }), /服务时长不能少于0.5小时/],
    ['hours as text', 'order', 'complete', () => ({ orderId, hours: '两小时', beneficiaryCount: 1 }), /服务时长应为数字/],
    ['six stars', 'order', 'rate', () => ({ orderId, stars: 6 }), /评分不能超过5/],
    ['comment over 200', 'order', 'rate', () => ({ orderId, stars: 5, comment: '好'.repeat(201) }), /评价不能超过200个字/],
    ['reject without reason', 'order', 'reject', () => ({ orderId }), /请填写退回原因/],
    ['orderId as object', 'order', 'claim', () => ({ orderId: { $ne: null } }), /订单编号应为文字/],
    ['unknown action', 'order', 'delete', () => ({ orderId }), /不支持的操作：delete/],
    ['prototype action', 'order', 'constructor', () => ({}), /不支持的操作/],
    ['missing action', 'order', '', () => ({}), /缺少操作名称/],
    ['unknown role', 'user', 'grantRole', () => ({ userId: 'x', role: 'superuser' }), /角色不存在/],
    ['empty profile update', 'user', 'updateProfile', () => ({}), /请至少修改一项/],
    ['bad month', 'points', 'leaderboard', () => ({ month: '2026-13' }), /月份格式应为2026-01/],
  ]

  it.each(cases)('%s', async (_name, fn, action, payload, message) => {
    const before = h.dump()
    const res = await h.call('demo-manager-tanwei', fn, action, payload())
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(['INVALID_INPUT', 'NOT_FOUND']).toContain(res.error.code)
      expect(res.error.message).toMatch(message)
    }
    expect(h.dump()).toBe(before)
  })

  it('a body that is not an object is refused', async () => {
    const before = h.dump()
    for (const fn of ['user', 'order', 'points', 'catalog']) {
      for (const event of [null, 'place', 42, ['place']]) {
        const { FUNCTIONS } = await import('~functions/registry')
        const res = await FUNCTIONS[fn].handle(event, { openid: 'demo-resident-1', source: 'client' }, h.deps)
        expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容应为JSON对象' } })
      }
    }
    expect(h.dump()).toBe(before)
  })

  it('an unexpected failure answers INTERNAL without leaking internals, and writes nothing', async () => {
    const before = h.dump()
    const broken = { ...h.deps, users: { ...h.deps.users, getUserByOpenid: async () => { throw new Error('SQLITE_CORRUPT: secret path /var/db') } } }
    const { FUNCTIONS } = await import('~functions/registry')
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined)
    const res = await FUNCTIONS.order.handle({ action: 'listMine' }, { openid: 'demo-resident-1', source: 'client' }, broken as any)
    spy.mockRestore()
    expect(res).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } })
    expect(h.dump()).toBe(before)
  })
})
