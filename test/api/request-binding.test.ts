import { createHarness, type Harness, uid } from './harness'

/**
 * A requestId is bound to its person, function, action and target (issue 13), for the catalog's saves as for the
 * order writes: a retry answers the first result, the same requestId on another target is INVALID_INPUT and
 * nothing changes.
 */
describe('catalog.upsertMenuItem and catalog.upsertTeam bind their requestId to the record saved', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  const manager = 'demo-manager-suxi'
  const item = { title: '村晚节目排练', themeId: 'theme-culture', orgUnitId: 'unit-tanwei', points: 8 }
  const MENU_REUSED = { code: 'INVALID_INPUT', message: '该请求编号已用于另一项服务菜单，请刷新页面后重新提交' }
  const TEAM_REUSED = { code: 'INVALID_INPUT', message: '该请求编号已用于另一支志愿服务队，请刷新页面后重新提交' }

  async function refusedUnchanged(fn: string, action: string, payload: Record<string, unknown>, error: object) {
    const before = h.dump()
    expect(await h.call(manager, fn, action, payload)).toEqual({ ok: false, error })
    expect(h.dump()).toBe(before)
  }

  it('a new menu item: a retry (even edited) answers the item first saved; the requestId elsewhere is refused', async () => {
    const first = await h.ok(manager, 'catalog', 'upsertMenuItem', { ...item, requestId: 'menu-r1' })
    const before = h.dump()
    expect(await h.ok(manager, 'catalog', 'upsertMenuItem', { ...item, title: '改了标题', requestId: 'menu-r1' })).toEqual(first)
    expect(h.dump()).toBe(before)
    // in another unit, or to edit another item
    await refusedUnchanged('catalog', 'upsertMenuItem', { ...item, orgUnitId: 'unit-suxi', requestId: 'menu-r1' }, MENU_REUSED)
    await refusedUnchanged('catalog', 'upsertMenuItem', { ...item, id: 'menu-10', orgUnitId: 'unit-suxi', requestId: 'menu-r1' }, MENU_REUSED)
    // another person's requestId of the same text is their own
    expect((await h.ok('demo-manager-tanwei', 'catalog', 'upsertMenuItem', { ...item, requestId: 'menu-r1' })).item.id).not.toBe(first.item.id)
  })

  it('an edit: a retry answers the first edit, the same requestId on another item changes nothing', async () => {
    const { item: created } = await h.ok(manager, 'catalog', 'upsertMenuItem', item)
    const off = await h.ok(manager, 'catalog', 'upsertMenuItem', { ...item, id: created.id, active: false, requestId: 'edit-1' })
    expect(off.item.active).toBe(false)
    expect(await h.ok(manager, 'catalog', 'upsertMenuItem', { ...item, id: created.id, active: true, requestId: 'edit-1' })).toEqual(off)
    expect((await h.stores.catalog.getMenuItem(created.id))!.active).toBe(false)
    const { item: other } = await h.ok(manager, 'catalog', 'upsertMenuItem', { ...item, title: '另一项' })
    await refusedUnchanged('catalog', 'upsertMenuItem', { ...item, id: other.id, active: false, requestId: 'edit-1' }, MENU_REUSED)
  })

  it('parallel taps with one requestId save one item and answer it to each', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => h.ok(manager, 'catalog', 'upsertMenuItem', { ...item, requestId: 'tap' })))
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    const { items } = await h.ok(manager, 'catalog', 'menu', { unitId: 'unit-tanwei', includeInactive: true })
    expect(items.filter((i: any) => i.title === item.title)).toHaveLength(1)
  })

  it('a team: a retry answers the team first saved; the requestId for another team or unit is refused', async () => {
    const wushan = 'demo-manager-wushan'
    const team = { name: '果园社区巾帼志愿服务队', themeIds: ['theme-civility'], orgUnitId: 'unit-guoyuan' }
    const first = await h.ok(wushan, 'catalog', 'upsertTeam', { ...team, requestId: 'team-r1' })
    const before = h.dump()
    expect(await h.ok(wushan, 'catalog', 'upsertTeam', { ...team, name: '改名', requestId: 'team-r1' })).toEqual(first)
    expect(h.dump()).toBe(before)
    const { team: other } = await h.ok(wushan, 'catalog', 'upsertTeam', { ...team, name: '另一队' })
    for (const payload of [
      { ...team, id: other.id, requestId: 'team-r1' },
      { ...team, orgUnitId: 'unit-wushan', requestId: 'team-r1' },
    ]) {
      const was = h.dump()
      expect(await h.call(wushan, 'catalog', 'upsertTeam', payload)).toEqual({ ok: false, error: TEAM_REUSED })
      expect(h.dump()).toBe(was)
    }
  })
})

type Payload = Record<string, unknown>

describe('the other writes with a requestId bind it to their target (core/ports/requests.ts)', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  /** first → ok; the same again (edited where it may be) → the first answer; on another target → refused; each retry and refusal changes nothing */
  async function binds(who: string, fn: string, action: string, first: Payload, retry: Payload, elsewhere: Payload, message: string) {
    const answer = await h.ok(who, fn, action, first)
    let before = h.dump()
    expect(await h.ok(who, fn, action, retry)).toEqual(answer)
    expect(h.dump()).toBe(before)
    before = h.dump()
    expect(await h.call(who, fn, action, elsewhere)).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } })
    expect(h.dump()).toBe(before)
    return answer
  }

  it('user.applyTeam: to the team', async () => {
    await binds(
      'demo-resident-1', 'user', 'applyTeam',
      { teamId: 'team-health', requestId: 'apply-1' },
      { teamId: 'team-health', requestId: 'apply-1' },
      { teamId: 'team-jiangbin', requestId: 'apply-1' },
      '该请求编号已用于申请另一支队伍，请刷新页面后重新申请',
    )
  })

  it('user.approveMember: to the application; a retry after the decision answers it, even with the other decision', async () => {
    await h.ok('demo-resident-1', 'user', 'applyTeam', { teamId: 'team-health' })
    await h.ok('demo-resident-2', 'user', 'applyTeam', { teamId: 'team-health' })
    const answer = await binds(
      'demo-leader-health', 'user', 'approveMember',
      { teamId: 'team-health', userId: uid('demo-resident-1'), requestId: 'approve-1' },
      { teamId: 'team-health', userId: uid('demo-resident-1'), approve: false, requestId: 'approve-1' },
      { teamId: 'team-health', userId: uid('demo-resident-2'), requestId: 'approve-1' },
      '该请求编号已用于审核另一份入队申请，请刷新页面后重新审核',
    )
    expect(answer.membership.status).toBe('active')
  })

  it('user.grantRole: to the user, role and unit', async () => {
    await binds(
      'demo-admin', 'user', 'grantRole',
      { userId: uid('demo-resident-1'), role: 'proxy', requestId: 'grant-1' },
      { userId: uid('demo-resident-1'), role: 'proxy', requestId: 'grant-1' },
      { userId: uid('demo-resident-2'), role: 'proxy', requestId: 'grant-1' },
      '该请求编号已用于另一项角色授予，请刷新页面后重新操作',
    )
    const elsewhere = { userId: uid('demo-resident-1'), role: 'manager', unitId: 'unit-suxi', requestId: 'grant-2' }
    await h.ok('demo-admin', 'user', 'grantRole', elsewhere)
    const before = h.dump()
    expect(await h.call('demo-admin', 'user', 'grantRole', { ...elsewhere, unitId: 'unit-tanwei' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(h.dump()).toBe(before)
  })

  it('catalog.updateLimits: to the unit', async () => {
    await binds(
      'demo-manager-suxi', 'catalog', 'updateLimits',
      { unitId: 'unit-tanwei', autoCloseDays: 5, requestId: 'limits-1' },
      { unitId: 'unit-tanwei', autoCloseDays: 6, requestId: 'limits-1' },
      { unitId: 'unit-suxi', autoCloseDays: 5, requestId: 'limits-1' },
      '该请求编号已用于另一单位的时限设置，请刷新页面后重新保存',
    )
    expect((await h.ok('demo-manager-suxi', 'catalog', 'limits', { unitId: 'unit-tanwei' })).limits.autoCloseDays).toBe(5)
  })

  it('a write refused by the action keeps no binding: the requestId is free for another target, and nothing changed', async () => {
    const before = h.dump()
    expect(await h.call('demo-resident-1', 'user', 'applyTeam', { teamId: 'team-missing', requestId: 'apply-x' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(h.dump()).toBe(before)
    expect(await h.ok('demo-resident-1', 'user', 'applyTeam', { teamId: 'team-health', requestId: 'apply-x' })).toMatchObject({ membership: { teamId: 'team-health' } })
  })

  it('parallel taps with one requestId: one application, every tap answered', async () => {
    const answers = await Promise.all([1, 2, 3].map(() => h.ok('demo-resident-1', 'user', 'applyTeam', { teamId: 'team-health', requestId: 'tap' })))
    expect(answers.every((a) => a.membership.id === answers[0].membership.id)).toBe(true)
    expect(await h.stores.memberships.listMemberships(['team-health'], 'pending')).toHaveLength(1)
  })
})
