/**
 * No point farming, through the handlers on the seeded demo county: no one claims an order they gain from, a team's
 * leader is one of its members by their own application, a manager dispatches only to teams of their subtree or
 * above. Every refused call changes nothing (the store is compared).
 */
import { createHarness, type Harness, uid } from './harness'

const CLAIM_REFUSED = { code: 'FORBIDDEN', message: '不能接本人点的单、本人代点的单或为本人代点的单' }

describe('no point farming', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  /** A health order of 滩尾村 dispatched to 县卫生健康志愿服务分队 (capacity 1) by the station's manager. */
  async function dispatched(openid = 'demo-resident-1', extra: Record<string, unknown> = {}) {
    const order = await h.place(openid, extra)
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 1 })
    return order.id
  }

  /** The call is refused with `error`, and the store is as it was before it. */
  async function refusedUnchanged(openid: string, fn: string, action: string, payload: Record<string, unknown>, error: object) {
    const before = h.dump()
    expect(await h.call(openid, fn, action, payload)).toEqual({ ok: false, error })
    expect(h.dump()).toBe(before)
  }

  describe('claim: not the owner, the proxy nor the resident named', () => {
    it('the owner: a volunteer of the team cannot claim the order they placed, and is not offered 接单', async () => {
      const orderId = await dispatched('demo-volunteer-1')
      expect((await h.ok('demo-volunteer-1', 'order', 'get', { orderId })).actions).not.toContain('claim')
      await refusedUnchanged('demo-volunteer-1', 'order', 'claim', { orderId }, CLAIM_REFUSED)
      // another member of the team may
      expect((await h.ok('demo-volunteer-2', 'order', 'claim', { orderId })).order.status).toBe('claimed')
    })

    it('the proxy: a volunteer who is also a proxy cannot claim what they ordered for someone', async () => {
      await h.ok('demo-admin', 'user', 'grantRole', { userId: uid('demo-volunteer-1'), role: 'proxy' })
      const orderId = await dispatched('demo-volunteer-1', { onBehalfOf: '张奶奶' })
      await refusedUnchanged('demo-volunteer-1', 'order', 'claim', { orderId }, CLAIM_REFUSED)
    })

    it('the resident named: by name, or by the contact phone the proxy gave', async () => {
      const byName = await dispatched('demo-proxy', { onBehalfOf: '张护士' })
      expect((await h.ok('demo-volunteer-1', 'order', 'get', { orderId: byName })).actions).not.toContain('claim')
      await refusedUnchanged('demo-volunteer-1', 'order', 'claim', { orderId: byName }, CLAIM_REFUSED)

      await h.ok('demo-volunteer-2', 'user', 'updateProfile', { phone: '13900005678' })
      const byPhone = await dispatched('demo-proxy', { onBehalfOf: '李大妈', phone: '13900005678' })
      await refusedUnchanged('demo-volunteer-2', 'order', 'claim', { orderId: byPhone }, CLAIM_REFUSED)
      // someone else of the team takes it
      expect((await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: byPhone })).order.status).toBe('claimed')
    })
  })

  describe('catalog.upsertTeam: the leader is an active member, by their own application', () => {
    const xiaolao = { id: 'team-xiaolao', name: '滩尾村孝老爱亲志愿服务队', themeIds: ['theme-elderly'], orgUnitId: 'unit-tanwei' }
    const NOT_MEMBER = { code: 'INVALID_INPUT', message: '队长须是本队的在队队员：请本人先申请入队并通过审核' }

    it('naming a resident (of another 所 or the manager themself) who is not a member is refused, nothing written', async () => {
      await refusedUnchanged('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...xiaolao, leaderId: uid('demo-resident-3') }, NOT_MEMBER)
      await refusedUnchanged('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...xiaolao, leaderId: uid('demo-manager-tanwei') }, NOT_MEMBER)
      // one with a pending application is not a member yet
      await h.ok('demo-resident-1', 'user', 'applyTeam', { teamId: 'team-xiaolao' })
      await refusedUnchanged('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...xiaolao, leaderId: uid('demo-resident-1') }, NOT_MEMBER)
    })

    it('a new team has no leader until a member exists', async () => {
      await refusedUnchanged(
        'demo-manager-tanwei', 'catalog', 'upsertTeam',
        { name: '滩尾村新队', themeIds: ['theme-elderly'], orgUnitId: 'unit-tanwei', leaderId: uid('demo-volunteer-4') },
        { code: 'INVALID_INPUT', message: '队伍还没有队员，不能指定队长：请先建队，待本人申请入队并通过审核后再指定队长' },
      )
    })

    it('naming a member leader gives them the leader role and nothing else; the seeded leaders keep theirs on edit', async () => {
      const member = uid('demo-volunteer-4')
      const before = await h.ok('demo-volunteer-4', 'user', 'login')
      const { team } = await h.ok('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...xiaolao, leaderId: member })
      expect(team.leaderId).toBe(member)
      expect(team.memberIds).toContain(member)
      const after = await h.ok('demo-volunteer-4', 'user', 'login')
      expect([...after.user.roles].sort()).toEqual([...before.user.roles, 'leader'].sort())
      expect(after.user.teamIds).toEqual(before.user.teamIds)
      // the TeamForm sends the leader as it is: the seeded leader is a member of their team
      const kept = await h.ok('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...xiaolao, leaderId: uid('demo-leader-xiaolao') })
      expect(kept.team.leaderId).toBe(uid('demo-leader-xiaolao'))
    })
  })

  describe('dispatch and recommend: teams of the own subtree or above only', () => {
    it('a 所 manager dispatching to a team of another 所 is refused, nothing written; the county’s teams are fine', async () => {
      const order = await h.place('demo-resident-1', { menuItemId: undefined, themeId: 'theme-skills', title: '果树修剪' })
      await refusedUnchanged(
        'demo-manager-suxi', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-tian', 'team-guo'], capacity: 1 },
        { code: 'FORBIDDEN', message: '只能派给本单位及下级单位、上级单位的志愿服务队，「“果教授”文明实践志愿服务分队」属于其他单位' },
      )
      const ok = await h.ok('demo-manager-suxi', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-tian'], capacity: 1 })
      expect(ok.order.status).toBe('dispatched')
    })

    it('a station manager may dispatch to the teams of their station, their 所 and the county, not a sibling station', async () => {
      const order = await h.place('demo-resident-1', { menuItemId: undefined, themeId: 'theme-civility', title: '文明劝导' })
      await refusedUnchanged(
        'demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-jiangbin'], capacity: 1 },
        { code: 'FORBIDDEN', message: '只能派给本单位及下级单位、上级单位的志愿服务队，「江滨村农民志愿军」属于其他单位' },
      )
      const ok = await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-xiaolao', 'team-culture', 'team-lecture'], capacity: 1 })
      expect(ok.order.teamIds).toEqual(['team-xiaolao', 'team-culture', 'team-lecture'])
    })

    it('recommend leaves out the teams the manager may not dispatch to', async () => {
      const order = await h.place('demo-resident-1', { menuItemId: undefined, themeId: 'theme-skills', title: '果树修剪' })
      const ids = async (openid: string) =>
        (await h.ok(openid, 'order', 'recommend', { orderId: order.id })).recommendations.map((r: any) => r.team.id).sort()
      expect(await ids('demo-manager-suxi')).toEqual(['team-tian'])
      expect(await ids('demo-manager-center')).toEqual(['team-guo', 'team-tian'])
    })
  })

  it('the farming run: a manager who makes themself a leader, orders, dispatches to their own team, claims and rates — now fails', async () => {
    const me = 'demo-manager-tanwei'
    const xiaolao = { id: 'team-xiaolao', name: '滩尾村孝老爱亲志愿服务队', themeIds: ['theme-elderly', 'theme-civility', 'theme-health'], orgUnitId: 'unit-tanwei' }
    // the old way in: naming themself leader without being a member
    await refusedUnchanged(me, 'catalog', 'upsertTeam', { ...xiaolao, leaderId: uid(me) }, { code: 'INVALID_INPUT', message: '队长须是本队的在队队员：请本人先申请入队并通过审核' })
    // the honest way: their own application, approved; then they lead it
    await h.ok(me, 'user', 'applyTeam', { teamId: 'team-xiaolao' })
    await h.ok('demo-leader-xiaolao', 'user', 'approveMember', { teamId: 'team-xiaolao', userId: uid(me) })
    await h.ok(me, 'catalog', 'upsertTeam', { ...xiaolao, leaderId: uid(me) })
    // place, dispatch to the team they lead: allowed; the claim is where it stops
    const order = await h.place(me)
    await h.ok(me, 'order', 'dispatch', { orderId: order.id, teamIds: ['team-xiaolao'], capacity: 1 })
    const seen = await h.ok(me, 'order', 'get', { orderId: order.id })
    expect(seen.actions).not.toContain('claim')
    await refusedUnchanged(me, 'order', 'claim', { orderId: order.id }, CLAIM_REFUSED)
    expect(await h.ok(me, 'points', 'balance')).toMatchObject({ balance: 0, earned: 0 })
  })
})
