import { createHarness, type Harness, uid } from './harness'

describe('identity comes from the platform context only', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  it('an openid or user id in the payload is ignored', async () => {
    const order = await h.place('demo-resident-1', { openid: 'demo-admin', userId: uid('demo-admin'), ownerId: uid('demo-admin') })
    expect(order.ownerId).toBe(uid('demo-resident-1'))
    const res = await h.call('demo-resident-2', 'order', 'dispatch', {
      orderId: order.id, teamIds: ['team-health'], openid: 'demo-manager-tanwei', userId: uid('demo-manager-tanwei'),
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const login = await h.ok('demo-resident-2', 'user', 'login', { openid: 'demo-admin' })
    expect(login.user.name).toBe('江滨村李奶奶')
    const roles = await h.call('demo-resident-2', 'user', 'updateProfile', { name: '新名字', roles: ['admin'], managedUnitId: 'unit-center' })
    expect(roles.ok && roles.data.user).toMatchObject({ name: '新名字', roles: ['resident'], managedUnitId: null })
  })

  it('no identity means UNAUTHENTICATED; an unknown openid is asked to log in first', async () => {
    expect(await h.call(null, 'order', 'listMine')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await h.call('never-logged-in', 'order', 'listMine')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('login creates a profile once, as a resident with no rights', async () => {
    const [a, b] = await Promise.all([h.ok('wx-new-user', 'user', 'login'), h.ok('wx-new-user', 'user', 'login')])
    expect(a.user.id).toBe(b.user.id)
    expect(a.user).toMatchObject({ openid: 'wx-new-user', roles: ['resident'], orgUnitId: null, managedUnitId: null, teamIds: [] })
    const noUnit = await h.call('wx-new-user', 'order', 'place', { themeId: 'theme-health', need: '量血压', address: '某村', phone: '13800001234' })
    expect(noUnit).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请先在“我的”里选择您所在的村（社区）' } })
    await h.ok('wx-new-user', 'user', 'updateProfile', { orgUnitId: 'unit-yifen' })
    const menu = await h.ok('wx-new-user', 'catalog', 'menu')
    expect(menu.items.map((i: any) => i.orgUnitId).every((u: string) => ['unit-center', 'unit-wushan', 'unit-yifen'].includes(u))).toBe(true)
    expect(menu.themes).toHaveLength(10)
  })

  it('a manager of another subtree is refused', async () => {
    const order = await h.place('demo-resident-1')
    for (const action of ['dispatch', 'recommend', 'reject', 'escalate']) {
      const res = await h.call('demo-manager-wushan', 'order', action, { orderId: order.id, teamIds: ['team-guo'], reason: '不归我们管' })
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
    const queue = await h.ok('demo-manager-wushan', 'order', 'queue')
    expect(queue.items.map((o: any) => o.id)).not.toContain(order.id)
    const get = await h.call('demo-manager-wushan', 'order', 'get', { orderId: order.id })
    expect(get).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('a volunteer who has not claimed sees a masked phone and address; after 接单 they see both', async () => {
    const order = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    const seen = (await h.ok('demo-volunteer-2', 'order', 'get', { orderId: order.id })).order
    expect(seen).toMatchObject({ phone: '138****1234', contactVisible: false })
    expect(seen.address).not.toContain('12号')
    const claimed = (await h.ok('demo-volunteer-2', 'order', 'claim', { orderId: order.id })).order
    expect(claimed).toMatchObject({ phone: '13800001234', address: '苏溪镇滩尾村三组12号', contactVisible: true })
    const leader = (await h.ok('demo-leader-health', 'order', 'get', { orderId: order.id })).order
    expect(leader.phone).toBe('138****1234')
  })

  it('only an admin grants roles, and a grant is what gives a manager a queue', async () => {
    const target = uid('demo-resident-3')
    expect(await h.call('demo-manager-center', 'user', 'grantRole', { userId: target, role: 'manager', unitId: 'unit-yifen' }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call('demo-resident-3', 'order', 'queue')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const granted = await h.ok('demo-admin', 'user', 'grantRole', { userId: target, role: 'manager', unitId: 'unit-yifen' })
    expect(granted.user).toMatchObject({ roles: ['resident', 'manager'], managedUnitId: 'unit-yifen' })
    expect((await h.call('demo-resident-3', 'order', 'queue')).ok).toBe(true)
    await h.ok('demo-admin', 'user', 'grantRole', { userId: target, role: 'manager', revoke: true })
    expect(await h.call('demo-resident-3', 'order', 'queue')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call('demo-admin', 'user', 'grantRole', { userId: uid('demo-admin'), role: 'admin', revoke: true }))
      .toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
  })
})
