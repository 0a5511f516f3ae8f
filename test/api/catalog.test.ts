import { createHarness, type Harness, uid } from './harness'

describe('organisation and catalog', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  it('the tree has a center, 所 and 站 with their levels', async () => {
    const tree = await h.ok('demo-resident-1', 'catalog', 'tree')
    expect(tree.filter((u: any) => u.level === 'center')).toHaveLength(1)
    expect(tree.filter((u: any) => u.level === 'institute').length).toBeGreaterThanOrEqual(2)
    expect(tree.filter((u: any) => u.level === 'station').length).toBeGreaterThanOrEqual(4)
    expect(tree.find((u: any) => u.id === 'unit-tanwei')).toMatchObject({ parentId: 'unit-suxi', name: '滩尾村新时代文明实践站' })
  })

  it('ten themes: the five the pilot county named, and five defaults a county may rename', async () => {
    const themes = await h.ok('demo-resident-1', 'catalog', 'themes')
    expect(themes.filter((t: any) => t.seedNamed).map((t: any) => t.name)).toEqual(['初心', '政策', '技能', '文明', '法治'])
    expect(themes.filter((t: any) => !t.seedNamed)).toHaveLength(5)
  })

  it('a resident sees the menu of their station, its 所 and the county, and no other station', async () => {
    const { items } = await h.ok('demo-resident-1', 'catalog', 'menu')
    const units = new Set(items.map((i: any) => i.orgUnitId))
    expect([...units].sort()).toEqual(['unit-center', 'unit-suxi', 'unit-tanwei'])
    expect(items.length).toBeGreaterThanOrEqual(10)
    const outside = await h.call('demo-resident-1', 'order', 'place', { menuItemId: 'menu-05', need: '果树', address: '滩尾村', phone: '13800001234' })
    expect(outside).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: '该服务不在您所在地区的菜单中' } })
  })

  it('a manager sees the items taken off their menu (下架); nobody else can ask for them', async () => {
    const { item } = await h.ok('demo-manager-tanwei', 'catalog', 'upsertMenuItem', {
      title: '暂停的服务', themeId: 'theme-health', orgUnitId: 'unit-tanwei', points: 5, active: false,
    })
    const everyone = await h.ok('demo-resident-1', 'catalog', 'menu')
    expect(everyone.items.some((i: any) => i.id === item.id)).toBe(false)
    const manager = await h.ok('demo-manager-tanwei', 'catalog', 'menu', { unitId: 'unit-tanwei', includeInactive: true })
    expect(manager.items.find((i: any) => i.id === item.id)).toMatchObject({ active: false })
    const refused = await h.call('demo-resident-1', 'catalog', 'menu', { unitId: 'unit-tanwei', includeInactive: true })
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  it('a manager maintains the menu of their own unit and below, not above or elsewhere', async () => {
    const item = { title: '村晚节目排练', themeId: 'theme-culture', orgUnitId: 'unit-tanwei', points: 8 }
    const created = await h.ok('demo-manager-suxi', 'catalog', 'upsertMenuItem', item)
    expect(created.item).toMatchObject({ ...item, active: true, description: '' })
    const off = await h.ok('demo-manager-tanwei', 'catalog', 'upsertMenuItem', { ...item, id: created.item.id, active: false })
    expect(off.item.active).toBe(false)
    const { items } = await h.ok('demo-resident-1', 'catalog', 'menu')
    expect(items.map((i: any) => i.id)).not.toContain(created.item.id)
    expect(await h.call('demo-manager-tanwei', 'catalog', 'upsertMenuItem', { ...item, orgUnitId: 'unit-suxi' }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call('demo-manager-wushan', 'catalog', 'upsertMenuItem', { ...item, id: 'menu-10' }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call('demo-volunteer-1', 'catalog', 'upsertMenuItem', item)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const twice = await Promise.all([1, 2].map(() => h.ok('demo-manager-suxi', 'catalog', 'upsertMenuItem', { ...item, requestId: 'new-item' })))
    expect(twice[0].item.id).toBe(twice[1].item.id)
  })

  it('a manager creates a team without a leader; its leader is named once a member has applied and been approved', async () => {
    const leader = uid('demo-resident-4')
    const input = { name: '果园社区巾帼志愿服务队', themeIds: ['theme-civility', 'theme-elderly'], orgUnitId: 'unit-guoyuan' }
    const { team } = await h.ok('demo-manager-wushan', 'catalog', 'upsertTeam', { ...input, leaderId: null })
    expect(team).toMatchObject({ leaderId: null, orgUnitId: 'unit-guoyuan', memberIds: [] })
    await h.ok('demo-resident-4', 'user', 'applyTeam', { teamId: team.id })
    await h.ok('demo-manager-wushan', 'user', 'approveMember', { teamId: team.id, userId: leader })
    const led = await h.ok('demo-manager-wushan', 'catalog', 'upsertTeam', { ...input, id: team.id, leaderId: leader })
    expect(led.team).toMatchObject({ leaderId: leader, memberIds: [leader] })
    const me = await h.ok('demo-resident-4', 'user', 'login')
    expect(me.user.roles).toEqual(expect.arrayContaining(['leader', 'volunteer']))
    expect(me.user.teamIds).toContain(team.id)
    const teams = await h.ok('demo-resident-1', 'catalog', 'teams', { themeId: 'theme-elderly' })
    expect(teams.map((t: any) => t.id)).toContain(team.id)
    expect(await h.call('demo-manager-wushan', 'catalog', 'upsertTeam', { name: '越权队', themeIds: ['theme-law'], orgUnitId: 'unit-tanwei' }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call('demo-manager-wushan', 'catalog', 'upsertTeam', { name: '队', themeIds: ['theme-nope'], orgUnitId: 'unit-guoyuan' }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '服务主题不存在' } })
  })

  it('membership: apply, then the leader approves; a stranger cannot approve; a turned-down application is gone', async () => {
    const applied = await h.ok('demo-resident-2', 'user', 'applyTeam', { teamId: 'team-jiangbin' })
    expect(applied.membership).toMatchObject({ status: 'pending', userName: '江滨村李奶奶' })
    const again = await h.ok('demo-resident-2', 'user', 'applyTeam', { teamId: 'team-jiangbin' })
    expect(again.membership.id).toBe(applied.membership.id)
    const userId = uid('demo-resident-2')
    expect(await h.call('demo-volunteer-1', 'user', 'approveMember', { teamId: 'team-jiangbin', userId }))
      .toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const approved = await h.ok('demo-leader-jiangbin', 'user', 'approveMember', { teamId: 'team-jiangbin', userId })
    expect(approved.membership).toMatchObject({ status: 'active', approvedBy: uid('demo-leader-jiangbin') })
    expect(await h.call('demo-resident-2', 'user', 'applyTeam', { teamId: 'team-jiangbin' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    const tasks = await h.call('demo-resident-2', 'order', 'tasks')
    expect(tasks.ok).toBe(true)

    await h.ok('demo-resident-3', 'user', 'applyTeam', { teamId: 'team-guo' })
    await h.ok('demo-manager-wushan', 'user', 'approveMember', { teamId: 'team-guo', userId: uid('demo-resident-3'), approve: false })
    expect(await h.call('demo-manager-wushan', 'user', 'approveMember', { teamId: 'team-guo', userId: uid('demo-resident-3') }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})
