/**
 * A team's figures of the year (issue 11) through the handlers: services, requester ratings (an upheld appeal's left
 * out), 回访 on time and public ratings (each person once per team and month), equal to a recount of the same orders
 * made here from the orders themselves; catalog.teams and order.recommend carry them and say their line.
 */
import { GOOD_STARS, type Order, type TeamFigures } from '~types'
import { createHarness, type Harness } from './harness'

const TEAM = 'team-health'

describe('team figures through the handlers', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  /** An order of 滩尾村 served by 县卫生健康志愿服务分队, rated `stars` by its resident (null: left unrated). */
  async function served(stars: number | null): Promise<string> {
    const placed = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: placed.id, teamIds: [TEAM], capacity: 1 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: placed.id })
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: placed.id, hours: 1, beneficiaryCount: 1 })
    if (stars !== null) await h.ok('demo-resident-1', 'order', 'rate', { orderId: placed.id, stars, comment: '' })
    return placed.id
  }

  /** The same figures counted here, from the orders as stored and the public ratings this test gave. */
  function recount(orders: Order[], publicRatings: Array<{ who: string; stars: number }>): Partial<TeamFigures> {
    const mine = orders.filter((o) => o.teamIds.includes(TEAM) && ['completed', 'rated', 'closed'].includes(o.status))
    const counted = mine.filter((o) => o.rating && !(o.appeal?.status === 'upheld' && o.appeal.teamId === TEAM))
    const followUps = mine.filter((o) => o.followUp)
    const onTime = followUps.filter((o) => o.followUp!.closedAt !== null && o.followUp!.closedAt <= o.followUp!.dueAt)
    // one month here: each person's latest public stars count once
    const latest = new Map(publicRatings.map((r) => [r.who, r.stars]))
    const publicSum = [...latest.values()].reduce((a, b) => a + b, 0)
    return {
      services: mine.length,
      rated: counted.length,
      avgStars: Math.round((counted.reduce((n, o) => n + o.rating!.stars, 0) / counted.length) * 10) / 10,
      goodRate: counted.filter((o) => o.rating!.stars >= GOOD_STARS).length / counted.length,
      followUps: followUps.length,
      followUpsOnTime: onTime.length,
      publicRated: latest.size,
      publicAvg: Math.round((publicSum / latest.size) * 10) / 10,
    }
  }

  it('equal a recount of the orders, carried by catalog.teams and order.recommend with their line', async () => {
    const good = await served(5)
    await served(null)
    const poor = await served(2)
    await h.ok('demo-manager-tanwei', 'order', 'followUp', { orderId: poor, outcome: 'resolved', note: '已上门致歉' })
    const appealed = await served(1)
    await h.ok('demo-leader-health', 'order', 'appeal', { orderId: appealed, reason: '当天按约定时间到达，群众临时外出' })
    await h.ok('demo-manager-suxi', 'order', 'decideAppeal', { orderId: appealed, upheld: true, note: '核实属实' })
    // the public: resident 2 rates twice this month (the latest counts, once), resident 3 once
    const publicRatings = [
      { who: 'demo-resident-2', orderId: good, stars: 5 },
      { who: 'demo-resident-2', orderId: poor, stars: 3 },
      { who: 'demo-resident-3', orderId: good, stars: 4 },
    ]
    for (const r of publicRatings) await h.ok(r.who, 'public', 'rate', { orderId: r.orderId, stars: r.stars })

    const orders = await Promise.all([good, poor, appealed].map(async (id) => (await h.stores.orders.loadOrder(id, {})).order!))
    const all = [...orders, ...(await h.stores.orders.listOrders({ kind: 'owner', ownerId: orders[0].ownerId }, { limit: 50 })).items]
    const byId = [...new Map(all.map((o) => [o.id, o])).values()]
    const expected = recount(byId, publicRatings)
    expect(expected).toMatchObject({ services: 4, rated: 2, followUps: 2, followUpsOnTime: 1, publicRated: 2 })

    const teams = await h.ok('demo-manager-tanwei', 'catalog', 'teams', {})
    const listed = teams.find((t: any) => t.id === TEAM)
    expect(listed.figures).toMatchObject(expected)
    expect(listed.figuresLine).toBe('近一年服务4次，好评率50%，社会评分3.5分，回访及时率50%')

    const next = await h.place('demo-resident-1')
    const { recommendations } = await h.ok('demo-manager-tanwei', 'order', 'recommend', { orderId: next.id })
    const recommended = recommendations.find((r: any) => r.team.id === TEAM)
    expect(recommended.figures).toEqual(listed.figures)
    expect(recommended.reasons).toContain(listed.figuresLine)
  })

  it('a team without services says so, and its figures are empty', async () => {
    const teams = await h.ok('demo-resident-1', 'catalog', 'teams', {})
    for (const t of teams) {
      expect(t.figures).toMatchObject({ services: 0, rated: 0, avgStars: null, goodRate: null, publicRated: 0 })
      expect(t.figuresLine).toBe('近一年暂无服务记录')
    }
  })
})
