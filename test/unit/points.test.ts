import { DEFAULT_POLICY } from '~core/config'
import { awardEntries, awardFor, cappedDelta, dayStartOf } from '~core/points'
import { NOW, order } from '~test/support/order-fixture'

const policy = { defaultBase: 10, perHour: 5, hoursCap: 8, fiveStarBonus: 5, dailyCap: 100 }
const completion = (hours: number) => ({ hours, beneficiaryCount: 3, note: '', by: 'v1', at: NOW })
const claim = (id: string) => ({ volunteerId: id, name: id, at: NOW, unitPath: ['c', 'in'] })

describe('points policy', () => {
  it('adds base points, points per hour and the five-star bonus', () => {
    const o = order({ basePoints: 12, completion: completion(2), rating: { stars: 5, comment: '', at: NOW } })
    expect(awardFor(o, policy)).toEqual({ base: 12, hourPoints: 10, bonus: 5, total: 27 })
  })

  it('gives no bonus below five stars, and none without a rating (auto-closed)', () => {
    expect(awardFor(order({ completion: completion(1), rating: { stars: 4, comment: '', at: NOW } }), policy).bonus).toBe(0)
    expect(awardFor(order({ completion: completion(1), rating: null }), policy).total).toBe(15)
  })

  it('counts hours only up to the cap', () => {
    expect(awardFor(order({ completion: completion(24) }), policy).hourPoints).toBe(40)
    expect(awardFor(order({ completion: completion(0.5) }), policy).hourPoints).toBe(3)
  })

  it('awards every claimer once, with a deterministic entry id and a reason that explains the sum', () => {
    const o = order({ id: 'o-9', completion: completion(2), claims: [claim('v1'), claim('v2')], rating: { stars: 5, comment: '', at: NOW } })
    const entries = awardEntries(o, policy, NOW, 'owner')
    expect(entries.map((e) => e.id)).toEqual(['award:o-9:v1', 'award:o-9:v2'])
    expect(entries.every((e) => e.delta === 25 && e.hours === 2 && e.orderId === 'o-9')).toBe(true)
    expect(entries[0].reason).toBe('完成「健康义诊」：基础10分，服务2小时计10分，五星好评奖励5分')
    expect(entries[0].unitPath).toEqual(['c', 'in'])
  })

  it.each([
    // [award, earned today, cap, paid]
    [25, 0, 100, 25],
    [25, 75, 100, 25],
    [25, 80, 100, 20],
    [25, 100, 100, 0],
    [25, 130, 100, 0],
    [25, 0, 0, 0],
  ])('the daily cap: an award of %i with %i earned today under a cap of %i pays %i', (total, earned, cap, paid) => {
    expect(cappedDelta(total, earned, cap)).toBe(paid)
  })

  it('the cap cuts each claimer by their own day, keeps the id and the hours, and says so in the reason', () => {
    const o = order({ id: 'o-9', completion: completion(2), claims: [claim('v1'), claim('v2'), claim('v3')], rating: { stars: 5, comment: '', at: NOW } })
    const entries = awardEntries(o, policy, NOW, 'owner', { v1: 0, v2: 90, v3: 100 })
    expect(entries.map((e) => [e.id, e.delta, e.hours])).toEqual([
      ['award:o-9:v1', 25, 2],
      ['award:o-9:v2', 10, 2],
      ['award:o-9:v3', 0, 2],
    ])
    expect(entries[0].reason).toBe('完成「健康义诊」：基础10分，服务2小时计10分，五星好评奖励5分')
    expect(entries[1].reason).toBe('完成「健康义诊」：基础10分，服务2小时计10分，五星好评奖励5分（已达每日积分上限100分，本次计10分）')
    expect(entries[2].reason).toBe('完成「健康义诊」：基础10分，服务2小时计10分，五星好评奖励5分（已达每日积分上限100分，本次计0分）')
  })

  it.each([
    ['2026-03-02T09:00:00.000Z', '2026-03-01T16:00:00.000Z'],
    ['2026-03-01T15:59:59.999Z', '2026-02-28T16:00:00.000Z'],
    ['2026-03-01T16:00:00.000Z', '2026-03-01T16:00:00.000Z'],
  ])('the day of %s starts at China midnight, %s', (at, start) => {
    expect(dayStartOf(at)).toBe(start)
  })

  it('has sane defaults', () => {
    expect(DEFAULT_POLICY.points.dailyCap).toBeGreaterThanOrEqual(awardFor(order({ completion: completion(8) }), DEFAULT_POLICY.points).total)
    expect(DEFAULT_POLICY.points.perHour).toBeGreaterThan(0)
    expect(DEFAULT_POLICY.limits.autoCloseDays).toBeGreaterThan(0)
  })
})
