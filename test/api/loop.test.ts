import { createHarness, type Harness, uid } from './harness'

describe('the whole 四单 loop through the handlers', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  it('点单 → recommend → 派单 → 接单 → 完成 → 评单, and each claimer is paid by the policy', async () => {
    const order = await h.place('demo-resident-1')
    expect(order).toMatchObject({ status: 'placed', title: '健康义诊', orgUnitId: 'unit-tanwei', capacity: 1, claims: [], rating: null })
    expect(order.phone).toBe('13800001234')

    const queue = await h.ok('demo-manager-tanwei', 'order', 'queue')
    expect(queue.items.map((o: any) => o.id)).toContain(order.id)
    const ancestorQueue = await h.ok('demo-manager-suxi', 'order', 'queue')
    expect(ancestorQueue.items.map((o: any) => o.id)).toContain(order.id)

    const { recommendations } = await h.ok('demo-manager-tanwei', 'order', 'recommend', { orderId: order.id })
    expect(recommendations.length).toBeGreaterThan(0)
    expect(recommendations[0].reasons.length).toBeGreaterThan(0)
    expect(recommendations.every((r: any) => r.team.themeIds.includes('theme-health'))).toBe(true)

    const dispatched = await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    expect(dispatched.order).toMatchObject({ status: 'dispatched', teamIds: ['team-health'], capacity: 2 })

    const tasks = await h.ok('demo-volunteer-1', 'order', 'tasks')
    const task = tasks.items.find((o: any) => o.id === order.id)
    expect(task.phone).toBe('138****1234')

    const first = await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: order.id })
    expect(first.order.status).toBe('claimed')
    expect(first.order.phone).toBe('13800001234')
    const second = await h.ok('demo-volunteer-2', 'order', 'claim', { orderId: order.id })
    expect(second.order.claims.map((c: any) => c.volunteerId)).toEqual([uid('demo-volunteer-1'), uid('demo-volunteer-2')])

    // both on site for the 2 hours (issue 10): their hours are verified and pay
    await h.onSite(order.id, ['demo-volunteer-1', 'demo-volunteer-2'], 2)
    const completed = await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: order.id, hours: 2, beneficiaryCount: 3, note: '量了血压，讲了用药' })
    expect(completed.order.status).toBe('completed')

    const before = await h.ok('demo-volunteer-2', 'points', 'balance')
    const rated = await h.ok('demo-resident-1', 'order', 'rate', { orderId: order.id, stars: 5, comment: '医生很耐心' })
    expect(rated.order.status).toBe('rated')
    // policy: menu item base 15 + 2 hours × 5 + five-star bonus 5 = 30
    expect(rated.awards.map((a: any) => a.delta)).toEqual([30, 30])

    for (const v of ['demo-volunteer-1', 'demo-volunteer-2']) {
      const balance = await h.ok(v, 'points', 'balance')
      expect(balance.balance).toBe(before.balance + 30)
      expect(balance.hours).toBe(2)
      const ledger = await h.ok(v, 'points', 'ledger')
      expect(ledger.items[0]).toMatchObject({ delta: 30, orderId: order.id, reason: '完成「健康义诊」：基础15分，服务2小时计10分，五星好评奖励5分' })
    }
    const timeline = (await h.ok('demo-resident-1', 'order', 'get', { orderId: order.id })).order.timeline
    expect(timeline.map((t: any) => t.action)).toEqual(['place', 'dispatch', 'claim', 'claim', 'checkIn', 'checkIn', 'checkOut', 'checkOut', 'complete', 'rate'])
    expect(timeline[1]).toMatchObject({ from: 'placed', to: 'dispatched', actorName: '滩尾村罗书记' })

    const board = await h.ok('demo-manager-suxi', 'points', 'leaderboard', { month: '2026-03' })
    expect(board.rows.slice(0, 2).map((r: any) => r.points)).toEqual([30, 30])
    expect(await h.stores.ledger.reconcile()).toEqual({ checked: expect.any(Number), mismatches: [] })
  })

  it('a proxy orders on behalf of a resident; the order records both', async () => {
    const order = await h.place('demo-proxy', { onBehalfOf: { name: '五保户刘奶奶' } })
    expect(order.ownerName).toBe('滩尾村网格员小罗')
    expect(order.onBehalfOf).toEqual({ name: '五保户刘奶奶' })
    expect(order.timeline[0].note).toContain('代五保户刘奶奶点单')
    const res = await h.call('demo-resident-1', 'order', 'place', {
      themeId: 'theme-health', need: '帮邻居点单', address: '滩尾村', phone: '13800001234', onBehalfOf: '邻居',
    })
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只有代办员可以代人点单' } })
  })

  it('escalation moves an order to the parent unit, and out of the station queue', async () => {
    const order = await h.place('demo-resident-1')
    const { order: up } = await h.ok('demo-manager-tanwei', 'order', 'escalate', { orderId: order.id })
    expect(up).toMatchObject({ status: 'placed', orgUnitId: 'unit-suxi', unitPath: ['unit-center', 'unit-suxi'] })
    const stationQueue = await h.ok('demo-manager-tanwei', 'order', 'queue')
    expect(stationQueue.items.map((o: any) => o.id)).not.toContain(order.id)
    const res = await h.call('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'] })
    expect(res.ok).toBe(false)
    await h.ok('demo-manager-suxi', 'order', 'escalate', { orderId: order.id })
    const top = await h.call('demo-manager-center', 'order', 'escalate', { orderId: order.id })
    expect(top).toEqual({ ok: false, error: { code: 'CONFLICT', message: '县级中心已是最高一级，不能再上报' } })
  })

  it('the scheduled job auto-closes unrated orders with points once, and escalates stale ones', async () => {
    const order = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-xiaolao'] })
    await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: order.id })
    await h.ok('demo-volunteer-3', 'order', 'complete', { orderId: order.id, hours: 1, beneficiaryCount: 1 })
    // not checked in on site: the manager approves the hour (补录) before the job closes the loop
    await h.ok('demo-manager-tanwei', 'order', 'approveHours', { orderId: order.id, volunteerId: uid('demo-volunteer-3'), hours: 1, reason: '队长证明' })
    const stale = await h.place('demo-resident-2')

    const early = await h.runCron(new Date(h.now().getTime() + 3600 * 1000))
    expect(early).toMatchObject({ ok: true, data: { autoClosed: 0, escalated: 0 } })
    const later = new Date(h.now().getTime() + 8 * 24 * 3600 * 1000)
    expect(await h.runCron(later)).toMatchObject({ ok: true, data: { autoClosed: 1, escalated: 1 } })
    expect(await h.runCron(later)).toMatchObject({ ok: true, data: { autoClosed: 0, escalated: 0 } })

    const closed = (await h.ok('demo-resident-1', 'order', 'get', { orderId: order.id })).order
    expect(closed.status).toBe('closed')
    const balance = await h.ok('demo-volunteer-3', 'points', 'balance')
    expect(balance.balance).toBe(15 + 5) // base 15, 1 hour × 5, no rating bonus
    const escalated = (await h.ok('demo-resident-2', 'order', 'get', { orderId: stale.id })).order
    expect(escalated.orgUnitId).toBe('unit-suxi')
    expect(escalated.timeline.at(-1)).toMatchObject({ action: 'escalate', actorName: '系统' })

    const byClient = await h.call('demo-admin', 'cron', 'run', {})
    expect(byClient).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
