import { DEFAULT_POLICY } from '~core/config'
import { AWARD_ID_PREFIX, awardEntries, awardEntryId, awardFor, capAward, pointsDay, supplementaryEntry, supplementaryEntryId } from '~core/points'
import { NOW, order } from '~test/support/order-fixture'
import type { ClaimHours, OrderStatus } from '~types'

const policy = { defaultBase: 10, perHour: 5, hoursCap: 8, fiveStarBonus: 5, dailyCap: 100 }
const completion = (hours: number) => ({ hours, beneficiaryCount: 3, note: '', by: 'v1', at: NOW })
const claim = (id: string, hours: ClaimHours = { reported: 2, status: 'verified', credited: 2 }) => ({ volunteerId: id, name: id, at: NOW, unitPath: ['c', 'in'], hours })

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

  // issue 10: the per-hour part only on each claimer's credited hours
  it.each<[string, ClaimHours | undefined, number, number, string]>([
    ['verified 2 h', { reported: 2, status: 'verified', credited: 2 }, 2, 25, '完成「健康义诊」：基础10分，服务2小时计10分，五星好评奖励5分'],
    ['approved 1.5 h of 2', { reported: 2, status: 'approved', credited: 1.5 }, 1.5, 23, '完成「健康义诊」：基础10分，服务1.5小时计8分，五星好评奖励5分'],
    ['pending 2 h', { reported: 2, status: 'pending', credited: 0 }, 0, 15, '完成「健康义诊」：基础10分，服务0小时计0分，另有2小时待核实，五星好评奖励5分'],
    ['rejected 2 h', { reported: 2, status: 'rejected', credited: 0 }, 0, 15, '完成「健康义诊」：基础10分，服务0小时计0分，五星好评奖励5分'],
    ['no hours recorded (completed before issue 10)', undefined, 0, 15, '完成「健康义诊」：基础10分，服务0小时计0分，五星好评奖励5分'],
  ])('pays hours only when credited: %s', (_label, hours, paidHours, delta, reason) => {
    const o = order({ id: 'o-9', completion: completion(2), claims: [{ ...claim('v1'), hours }], rating: { stars: 5, comment: '', at: NOW } })
    expect(awardEntries(o, policy, NOW, 'owner')).toMatchObject([{ hours: paidHours, delta, reason }])
  })

  describe('supplementary points for hours approved after the loop closed', () => {
    const approved: ClaimHours = { reported: 3, status: 'approved', credited: 3, decidedBy: 'm', decidedAt: NOW, reason: '队长证明' }
    it.each<[OrderStatus, ClaimHours, number | null]>([
      ['rated', approved, 15],
      ['closed', approved, 15],
      ['closed', { ...approved, credited: 12 }, 40],
      // approved before the loop closed: paid by the award that closes it
      ['completed', approved, null],
      ['closed', { reported: 3, status: 'pending', credited: 0 }, null],
      ['closed', { reported: 3, status: 'rejected', credited: 0 }, null],
    ])('%s, %j → %s points', (status, hours, delta) => {
      const o = order({ id: 'o-9', status, completion: completion(3), claims: [claim('v1', hours)] })
      const entry = supplementaryEntry(o, 'v1', policy, NOW, 'm')
      expect(entry && { id: entry.id, delta: entry.delta, hours: entry.hours }).toEqual(delta === null ? null : { id: supplementaryEntryId('o-9', 'v1'), delta, hours: hours.credited })
    })
    it('its id is deterministic and an award id (the daily cap sums it)', () => {
      expect(supplementaryEntryId('o-9', 'v1')).toBe('award:o-9:v1:补录')
      expect(supplementaryEntryId('o-9', 'v1').startsWith(AWARD_ID_PREFIX)).toBe(true)
      expect(supplementaryEntry(order({ status: 'closed', claims: [] }), 'v1', policy, NOW, 'm')).toBeNull()
    })
  })

  it('has sane defaults', () => {
    expect(DEFAULT_POLICY.points.perHour).toBeGreaterThan(0)
    expect(DEFAULT_POLICY.limits.autoCloseDays).toBeGreaterThan(0)
  })

  describe('the daily cap (capAward)', () => {
    const entry = (delta: number) => ({ id: 'award:o-1:v1', userId: 'v1', delta, hours: 2, reason: '完成「健康义诊」：基础10分', orderId: 'o-1', unitPath: ['c'], at: NOW, by: 'owner' })
    const cut = (cap: number, left: number) => `完成「健康义诊」：基础10分（已达每日上限${cap}分，本次计${left}分）`
    it.each([
      // award, earned today, cap → paid, reason
      [30, 0, 100, 30, '完成「健康义诊」：基础10分'],
      [30, 70, 100, 30, '完成「健康义诊」：基础10分'],
      [30, 80, 100, 20, cut(100, 20)],
      [30, 100, 100, 0, cut(100, 0)],
      [30, 130, 100, 0, cut(100, 0)],
      [30, 500, 0, 30, '完成「健康义诊」：基础10分'],
      [0, 100, 100, 0, '完成「健康义诊」：基础10分'],
      [1, 99, 100, 1, '完成「健康义诊」：基础10分'],
    ])('an award of %i with %i earned today under a cap of %i pays %i', (delta, earned, cap, paid, reason) => {
      const out = capAward(entry(delta), earned, cap)
      expect({ delta: out.delta, reason: out.reason }).toEqual({ delta: paid, reason })
      expect({ ...out, delta: 0, reason: '' }).toEqual({ ...entry(delta), delta: 0, reason: '' })
    })

    it.each([
      // an award at → its China-time day
      ['2026-03-02T15:59:59.999Z', '2026-03-02', '2026-03-01T16:00:00.000Z', '2026-03-02T16:00:00.000Z'],
      ['2026-03-02T16:00:00.000Z', '2026-03-03', '2026-03-02T16:00:00.000Z', '2026-03-03T16:00:00.000Z'],
      ['2026-12-31T23:30:00+08:00', '2026-12-31', '2026-12-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ])('counts the China-time day of %s', (at, key, from, to) => {
      expect(pointsDay(at)).toEqual({ key, from, to })
    })

    it('sums the entries whose id is an award’s', () => {
      expect(awardEntryId('o-1', 'v1').startsWith(AWARD_ID_PREFIX)).toBe(true)
    })
  })
})
