import { DEFAULT_POLICY } from '~core/config'
import { awardEntries, awardFor } from '~core/points'
import { NOW, order } from '~test/support/order-fixture'

const policy = { defaultBase: 10, perHour: 5, hoursCap: 8, fiveStarBonus: 5 }
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

  it('has sane defaults', () => {
    expect(DEFAULT_POLICY.points.perHour).toBeGreaterThan(0)
    expect(DEFAULT_POLICY.limits.autoCloseDays).toBeGreaterThan(0)
  })
})
