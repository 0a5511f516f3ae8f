import { DEFAULT_POLICY } from '~core/config'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { createHarness, type Harness, uid } from './harness'

/** The daily points cap through the handlers (issue 13: no point farming), decided in the write that pays. */
describe('points per volunteer and China-time day are capped', () => {
  let h: Harness
  const cap = DEFAULT_POLICY.points.dailyCap
  beforeEach(async () => {
    h = await createHarness({ ...UNLIMITED_POLICY, points: { ...UNLIMITED_POLICY.points, dailyCap: cap } })
  })
  afterEach(() => h.close())

  /** An order of `resident` served by demo-volunteer-1 for 8 hours, up to 待评单: 15 + 8×5 (+5 for five stars). */
  async function completedBy(resident: string) {
    const order = await h.place(resident)
    await h.ok('demo-manager-center', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 1 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: order.id })
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: order.id, hours: 8, beneficiaryCount: 1, note: '上门服务' })
    // not checked in on site: approved by the manager (补录), so they pay with the award
    await h.ok('demo-manager-center', 'order', 'approveHours', { orderId: order.id, volunteerId: uid('demo-volunteer-1'), hours: 8, reason: '队长证明' })
    return order.id
  }
  const rate = (resident: string, orderId: string, requestId?: string) =>
    h.ok(resident, 'order', 'rate', { orderId, stars: 5, comment: '很好', ...(requestId ? { requestId } : {}) })

  it('pays 60, then what is left of the 100 with the reason saying so, then 0; the next China-time day pays again', async () => {
    expect(cap).toBe(100)
    const a = await completedBy('demo-resident-1')
    const b = await completedBy('demo-resident-2')
    const c = await completedBy('demo-resident-3')
    expect((await rate('demo-resident-1', a)).awards.map((e: any) => e.delta)).toEqual([60])
    const second = await rate('demo-resident-2', b, 'rate-b')
    expect(second.awards.map((e: any) => [e.delta, e.reason])).toEqual([
      [40, '完成「健康义诊」：基础15分，服务8小时计40分，五星好评奖励5分（已达每日上限100分，本次计40分）'],
    ])
    // a retry answers what was paid, not what the policy would have paid
    expect(await rate('demo-resident-2', b, 'rate-b')).toEqual(second)
    expect((await rate('demo-resident-3', c)).awards.map((e: any) => e.delta)).toEqual([0])

    const ledger = await h.ok('demo-volunteer-1', 'points', 'ledger')
    expect(ledger.items.map((e: any) => e.delta)).toEqual([0, 40, 60])
    expect(ledger.items[0].reason).toContain('（已达每日上限100分，本次计0分）')
    const balance = await h.ok('demo-volunteer-1', 'points', 'balance')
    expect(balance).toMatchObject({ balance: 100, earned: 100, hours: 24 })

    // the harness's clock is 09:00 China time on 2026-03-02; the next China-time day starts at 16:00Z
    h.setNow(new Date('2026-03-02T16:00:00.000Z'))
    const d = await completedBy('demo-resident-4')
    expect((await rate('demo-resident-4', d)).awards.map((e: any) => e.delta)).toEqual([60])
    expect(await h.stores.ledger.reconcile()).toEqual({ checked: expect.any(Number), mismatches: [] })
  })

  it('orders rated at the same moment cannot together pass the cap; an auto-close on a later day has its own', async () => {
    const residents = ['demo-resident-1', 'demo-resident-2', 'demo-resident-3', 'demo-resident-4']
    const orders = []
    for (const r of residents) orders.push(await completedBy(r))
    const before = (await h.ok('demo-volunteer-1', 'points', 'balance')).balance
    const rated = await Promise.all(orders.slice(0, 3).map((id, i) => rate(residents[i], id)))
    const paid = rated.map((r) => r.awards[0].delta).sort((x, y) => y - x)
    expect(paid).toEqual([60, 40, 0])
    // the fourth, never rated, is closed by the scheduled job on a later China-time day, which has its own cap
    const later = new Date(Date.parse(h.now().toISOString()) + (DEFAULT_POLICY.limits.autoCloseDays + 1) * 86_400_000)
    const job = await h.runCron(later)
    expect(job.ok).toBe(true)
    const balance = await h.ok('demo-volunteer-1', 'points', 'balance')
    expect(balance.balance - before).toBe(100 + 55)
    expect(await h.stores.ledger.reconcile()).toEqual({ checked: expect.any(Number), mismatches: [] })
  })
})
