import { createHarness, type Harness } from './harness'

/** What the mini-program reads besides the lifecycle actions themselves: buttons and membership lists. */
describe('views for the app', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  const actionsOf = async (openid: string, orderId: string) =>
    (await h.ok<{ actions: string[] }>(openid, 'order', 'get', { orderId })).actions.sort()

  it('order.get lists the actions the caller may take now, read from the lifecycle table', async () => {
    const order = await h.place()
    expect(await actionsOf('demo-resident-1', order.id)).toEqual(['cancel'])
    expect(await actionsOf('demo-manager-tanwei', order.id)).toEqual(['dispatch', 'escalate', 'reject'])
    expect(await actionsOf('demo-manager-suxi', order.id)).toEqual(['dispatch', 'escalate', 'reject'])

    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    expect(await actionsOf('demo-volunteer-1', order.id)).toEqual(['claim'])
    expect(await actionsOf('demo-leader-health', order.id)).toEqual(['claim', 'decline'])
    expect(await actionsOf('demo-manager-tanwei', order.id)).toEqual(['recall'])

    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: order.id })
    expect(await actionsOf('demo-volunteer-1', order.id)).toEqual(['checkIn', 'complete', 'unclaim'])
    expect(await actionsOf('demo-volunteer-2', order.id)).toEqual(['claim'])
    expect(await actionsOf('demo-resident-1', order.id)).toEqual(['cancel'])
    await h.ok('demo-volunteer-2', 'order', 'claim', { orderId: order.id })
    // the last place is gone: nobody else is offered 接单
    expect(await actionsOf('demo-volunteer-3', order.id)).toEqual([])

    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: order.id, hours: 1, beneficiaryCount: 1 })
    expect(await actionsOf('demo-resident-1', order.id)).toEqual(['rate'])
    expect(await actionsOf('demo-volunteer-1', order.id)).toEqual([])
  })

  it('the county center is never offered 上报上级', async () => {
    const order = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'escalate', { orderId: order.id })
    await h.ok('demo-manager-suxi', 'order', 'escalate', { orderId: order.id })
    expect(await actionsOf('demo-manager-center', order.id)).toEqual(['dispatch', 'reject'])
  })

  it('user.memberships lists my own applications and teams; user.applications lists what I may approve', async () => {
    await h.ok('demo-resident-1', 'user', 'applyTeam', { teamId: 'team-health' })
    const mine = await h.ok('demo-resident-1', 'user', 'memberships')
    expect(mine.items.map((m: any) => [m.teamId, m.status])).toEqual([['team-health', 'pending']])

    const leader = await h.ok('demo-leader-health', 'user', 'applications')
    expect(leader.items.map((m: any) => m.userName)).toContain('滩尾村王大爷')
    expect(leader.items.every((m: any) => m.teamId === 'team-health' && m.status === 'pending')).toBe(true)

    // a manager of the team's unit (the county center) sees it too; a manager of a 所 does not
    const center = await h.ok('demo-manager-center', 'user', 'applications')
    expect(center.items.some((m: any) => m.teamId === 'team-health')).toBe(true)
    const suxi = await h.ok('demo-manager-suxi', 'user', 'applications')
    expect(suxi.items.some((m: any) => m.teamId === 'team-health')).toBe(false)

    // someone who leads no team and manages nothing is refused
    expect(await h.call('demo-volunteer-1', 'user', 'applications')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    await h.ok('demo-leader-health', 'user', 'approveMember', { teamId: 'team-health', userId: mine.items[0].userId })
    const after = await h.ok('demo-resident-1', 'user', 'memberships')
    expect(after.items.map((m: any) => m.status)).toEqual(['active'])
    const left = await h.ok('demo-leader-health', 'user', 'applications')
    expect(left.items.some((m: any) => m.userName === '滩尾村王大爷')).toBe(false)
  })
})
