import { DEFAULT_POLICY, policyFromEnv, RATE_LIMITS_OFF } from '~core/config'
import { claimBarRule, droppedClaimBucket, likeRule, openOrdersMessage, placeRule, publicRatingRule, writeRule } from '~core/rate-limits'

const P = DEFAULT_POLICY.rateLimits

describe('rate-limit buckets (core/rate-limits.ts)', () => {
  it('writes: one bucket per person and minute, kept a minute beyond it', () => {
    expect(writeRule(P, 'u1', '2026-03-02T01:00:10.000Z')).toEqual({
      bucket: { key: `write:u1:${Date.parse('2026-03-02T01:00:00.000Z')}`, limit: 30, expiresAt: '2026-03-02T01:02:00.000Z' },
      message: '操作太频繁，请1分钟后再试',
    })
    expect(writeRule(P, 'u1', '2026-03-02T01:00:59.999Z')!.bucket.key).toBe(writeRule(P, 'u1', '2026-03-02T01:00:00.000Z')!.bucket.key)
    expect(writeRule(P, 'u1', '2026-03-02T01:01:00.000Z')!.bucket.key).not.toBe(writeRule(P, 'u1', '2026-03-02T01:00:00.000Z')!.bucket.key)
  })

  it('place: per hour, saying the minutes left', () => {
    const rule = placeRule(P, 'u1', '2026-03-02T01:15:00.000Z')!
    expect(rule.bucket).toMatchObject({ key: `place:u1:${Date.parse('2026-03-02T01:00:00.000Z')}`, limit: 10 })
    expect(rule.message).toBe('一小时内最多点单10次，请45分钟后再试')
  })

  it('the claim bar: checked only, per China-time day (midnight at 16:00 UTC), refused beyond quickUnclaimsPerDay', () => {
    const rule = claimBarRule(P, 'u1', '2026-03-02T15:59:59.000Z')!
    expect(rule.bucket).toMatchObject({ cost: 0, limit: 4, key: `dropped:u1:${Date.parse('2026-03-01T16:00:00.000Z')}` })
    expect(rule.message).toBe('今天已放弃接单4次，明天再来接单吧')
    expect(claimBarRule(P, 'u1', '2026-03-02T16:00:00.000Z')!.bucket.key).toBe(`dropped:u1:${Date.parse('2026-03-02T16:00:00.000Z')}`)
  })

  it('a dropped claim counts only within quickUnclaimMinutes of the claim, in the same bucket the bar checks', () => {
    const now = '2026-03-02T02:00:00.000Z'
    const counted = droppedClaimBucket(P, 'u1', { at: '2026-03-02T01:30:00.001Z' }, now)!
    expect(counted).toMatchObject({ key: claimBarRule(P, 'u1', now)!.bucket.key, cost: 1 })
    expect(droppedClaimBucket(P, 'u1', { at: '2026-03-02T01:30:00.000Z' }, now)).toBeNull()
    expect(droppedClaimBucket(P, 'u1', undefined, now)).toBeNull()
  })

  it('off: 0 turns a limit off', () => {
    const now = '2026-03-02T02:00:00.000Z'
    expect([writeRule(RATE_LIMITS_OFF, 'u', now), placeRule(RATE_LIMITS_OFF, 'u', now), claimBarRule(RATE_LIMITS_OFF, 'u', now)]).toEqual([null, null, null])
    expect(droppedClaimBucket(RATE_LIMITS_OFF, 'u', { at: now }, now)).toBeNull()
  })

  it('likes and public ratings: per person and China-time day, off at 0', () => {
    // 15:59 UTC is still the China day that began at 16:00 UTC the day before; 16:00 starts the next
    const a = likeRule(P, 'u', '2026-03-02T15:59:00.000Z')!
    const b = likeRule(P, 'u', '2026-03-02T16:00:00.000Z')!
    expect(a.bucket).toEqual({ key: `like:u:${Date.parse('2026-03-01T16:00:00.000Z')}`, limit: 30, expiresAt: '2026-03-03T16:00:00.000Z' })
    expect(b.bucket.key).toBe(`like:u:${Date.parse('2026-03-02T16:00:00.000Z')}`)
    expect(a.message).toBe('每天最多点赞30次，明天再来吧')
    expect(publicRatingRule(P, 'u', '2026-03-02T15:59:00.000Z')).toMatchObject({ bucket: { limit: 10 }, message: '每天最多评价10次，明天再来吧' })
    expect(likeRule(RATE_LIMITS_OFF, 'u', '2026-03-02T15:59:00.000Z')).toBeNull()
    expect(publicRatingRule(RATE_LIMITS_OFF, 'u', '2026-03-02T15:59:00.000Z')).toBeNull()
    expect(policyFromEnv({ SIDAN_RATE_LIKES_PER_DAY: '5', SIDAN_RATE_PUBLIC_RATINGS_PER_DAY: '2' }).rateLimits).toMatchObject({ likesPerDay: 5, publicRatingsPerDay: 2 })
  })

  it('open orders: who they are for', () => {
    expect(openOrdersMessage(P, null)).toBe('进行中的点单已有5张，请等已有点单完成或取消后再点单')
    expect(openOrdersMessage(P, '王大妈')).toBe('为王大妈进行中的点单已有5张，请等已有点单完成或取消后再点单')
  })

  it('the production policy has them on; the environment overrides each', () => {
    expect(P).toEqual({ writesPerMinute: 30, placesPerHour: 10, openOrders: 5, quickUnclaimMinutes: 30, quickUnclaimsPerDay: 3, exportsPerHour: 10, wrongCheckinCodesPerHour: 10, uploadsPerHour: 60, likesPerDay: 30, publicRatingsPerDay: 10 })
    expect(policyFromEnv({ SIDAN_RATE_WRITES_PER_MINUTE: '60', SIDAN_RATE_OPEN_ORDERS: '0' }).rateLimits).toMatchObject({ writesPerMinute: 60, openOrders: 0, placesPerHour: 10 })
    expect(policyFromEnv({ SIDAN_RATE_UPLOADS_PER_HOUR: '5' }).rateLimits.uploadsPerHour).toBe(5)
  })
})
