import { DEFAULT_LIMITS, DEFAULT_POLICY, policyFromEnv } from '~core/config'
import { chinaTime, dueBeforePreferred, dueUnclaimed, dueUndispatched, dueUnrated } from '~core/deadlines'
import { limitsProblem, limitValues, mergeOwnLimits, resolveLimits, smallestLimit } from '~core/limits'
import type { UnitSettings } from '~types'
import { makeOrder } from '../store/fixtures'

const s = (unitId: string, limits: UnitSettings['limits']): UnitSettings => ({ unitId, limits, updatedAt: '', updatedBy: '' })

describe('resolving a unit’s limits from its path', () => {
  const settings = [
    s('c', { remindUndispatchedHours: 12, escalateUndispatchedHours: 36, autoCloseDays: 5 }),
    s('i1', { escalateUndispatchedHours: 24 }),
    s('s11', { escalateUndispatchedHours: 6, remindUnclaimedHours: 2 }),
  ]

  it('a station inherits from the institute and the center, and its own values win', () => {
    const r = resolveLimits(['c', 'i1', 's11'], settings, DEFAULT_LIMITS)
    expect(r.limits).toEqual({ ...DEFAULT_LIMITS, remindUndispatchedHours: 12, escalateUndispatchedHours: 6, autoCloseDays: 5, remindUnclaimedHours: 2 })
    expect(r.sources).toEqual({
      remindUndispatchedHours: 'c',
      escalateUndispatchedHours: 's11',
      followUpHours: null,
      followUpStars: null,
      remindUnclaimedHours: 's11',
      recallUnclaimedHours: null,
      alertBeforePreferredHours: null,
      autoCloseDays: 'c',
      pickupDays: null,
    })
    expect(r.own).toEqual({ escalateUndispatchedHours: 6, remindUnclaimedHours: 2 })
    expect(r.unitId).toBe('s11')
  })

  it('a sibling station without its own values gets the institute’s', () => {
    const r = resolveLimits(['c', 'i1', 's12'], settings, DEFAULT_LIMITS)
    expect(r.limits.escalateUndispatchedHours).toBe(24)
    expect(r.sources.escalateUndispatchedHours).toBe('i1')
    expect(r.own).toEqual({})
  })

  it('without any settings, the deployment’s defaults (env included)', () => {
    const policy = policyFromEnv({ SIDAN_ESCALATE_AFTER_HOURS: '30', SIDAN_CRON_BATCH: '10' })
    expect(policy.limits.escalateUndispatchedHours).toBe(30)
    expect(policy.cron.batch).toBe(10)
    expect(DEFAULT_POLICY.limits.escalateUndispatchedHours).toBe(48)
    const r = resolveLimits(['c'], [], policy.limits)
    expect(r.limits).toEqual(policy.limits)
    expect(Object.values(r.sources).every((v) => v === null)).toBe(true)
  })

  it('merging a change: numbers set, null clears (inherit again), absent keys stay', () => {
    expect(mergeOwnLimits({ autoCloseDays: 5, remindUnclaimedHours: 2 }, { autoCloseDays: null, recallUnclaimedHours: 9 })).toEqual({
      remindUnclaimedHours: 2,
      recallUnclaimedHours: 9,
    })
  })

  it('refuses a reminder that would come after the step it warns of', () => {
    expect(limitsProblem(DEFAULT_LIMITS)).toBeNull()
    expect(limitsProblem({ ...DEFAULT_LIMITS, remindUndispatchedHours: 48 })).toBe('派单提醒时限应早于上报时限')
    expect(limitsProblem({ ...DEFAULT_LIMITS, remindUnclaimedHours: 80 })).toBe('接单提醒时限应早于退回时限')
  })

  it('the smallest value in force anywhere bounds the job’s query', () => {
    expect(smallestLimit('escalateUndispatchedHours', settings, DEFAULT_LIMITS)).toBe(6)
    expect(smallestLimit('recallUnclaimedHours', settings, DEFAULT_LIMITS)).toBe(DEFAULT_LIMITS.recallUnclaimedHours)
  })

  it.each([
    // key → every value in force (the job reads each deadline of each value from its own frontier), smallest first
    ['escalateUndispatchedHours', [6, 24, 36, 48]],
    ['recallUnclaimedHours', [72]],
    ['autoCloseDays', [5, 7]],
    ['alertBeforePreferredHours', [24]],
  ] as const)('the values of %s in force anywhere: %j', (key, values) => {
    expect(limitValues(key, [...settings, ...settings], DEFAULT_LIMITS)).toEqual(values)
  })
})

describe('what a waiting order is owed', () => {
  const t0 = '2026-03-02T00:00:00.000Z'
  const after = (hours: number) => new Date(Date.parse(t0) + hours * 3600 * 1000)
  const L = { ...DEFAULT_LIMITS, remindUndispatchedHours: 24, escalateUndispatchedHours: 48, remindUnclaimedHours: 12, recallUnclaimedHours: 72 }

  it('undispatched: nothing, then a reminder to the unit, then escalation to the parent', () => {
    const order = makeOrder({ orgUnitId: 's11', updatedAt: t0, version: 3 })
    expect(dueUndispatched(order, L, after(23.9)).kind).toBe('none')
    const remind = dueUndispatched(order, L, after(24))
    expect(remind).toMatchObject({ kind: 'notify', notification: { id: `remind:undispatched:${order.id}:v3`, unitIds: ['s11'], dueAt: after(24).toISOString() } })
    const up = dueUndispatched(order, L, after(48))
    expect(up).toMatchObject({ kind: 'transition', action: 'escalate', notification: { id: `escalated:${order.id}:v3`, unitIds: ['i1', 's11'] } })
  })

  it('at the center: reminded, never escalated', () => {
    const order = makeOrder({ orgUnitId: 'c', updatedAt: t0 })
    expect(dueUndispatched(order, L, after(1000))).toMatchObject({ kind: 'notify', notification: { kind: 'remindUndispatched', unitIds: ['c'] } })
  })

  it('unclaimed: a reminder to the team leaders, then back to the queue; nothing once someone claimed', () => {
    const order = makeOrder({ status: 'dispatched', teamIds: ['t1'], updatedAt: t0 })
    expect(dueUnclaimed(order, L, after(11), ['u-leader']).kind).toBe('none')
    expect(dueUnclaimed(order, L, after(12), ['u-leader'])).toMatchObject({ kind: 'notify', notification: { kind: 'remindUnclaimed', userIds: ['u-leader'], unitIds: [] } })
    expect(dueUnclaimed(order, L, after(12), [])).toMatchObject({ notification: { userIds: [], unitIds: ['s11'] } })
    expect(dueUnclaimed(order, L, after(72), ['u-leader'])).toMatchObject({ kind: 'transition', action: 'recall' })
  })

  it('before the preferred time: managers alerted while short of volunteers; once full, only the claimers, that it starts soon; nothing when switched off', () => {
    const preferredAt = after(30).toISOString()
    const order = makeOrder({ status: 'dispatched', capacity: 2, claims: [], preferredAt, updatedAt: t0 })
    expect(dueBeforePreferred(order, L, after(5.9)).kind).toBe('none')
    const alert = dueBeforePreferred(order, L, after(6))
    expect(alert).toMatchObject({
      kind: 'notify',
      notification: { id: `alert:preferred:${order.id}:${preferredAt}`, kind: 'alertPreferred', unitIds: ['s11'], dueAt: after(6).toISOString() },
    })
    expect((alert as { notification: { text: string } }).notification.text).toContain('还差2名志愿者接单')
    expect(chinaTime(preferredAt)).toBe('3月3日14:00')
    const full = { ...order, status: 'claimed' as const, claims: [1, 2].map((i) => ({ volunteerId: `v${i}`, name: '', at: t0, unitPath: [] })) }
    expect(dueBeforePreferred(full, L, after(29))).toMatchObject({
      kind: 'notify',
      notification: { kind: 'alertPreferred', userIds: ['v1', 'v2'], unitIds: [], text: expect.stringContaining('开始服务') },
    })
    expect(dueBeforePreferred(order, { ...L, alertBeforePreferredHours: 0 }, after(29)).kind).toBe('none')
    expect(dueBeforePreferred({ ...order, preferredAt: null }, L, after(29)).kind).toBe('none')
    expect(dueBeforePreferred({ ...order, status: 'completed' }, L, after(29)).kind).toBe('none')
  })

  it('unrated: closed after the rating period', () => {
    const order = makeOrder({ status: 'completed', updatedAt: t0 })
    expect(dueUnrated(order, L, after(7 * 24 - 1)).kind).toBe('none')
    expect(dueUnrated(order, L, after(7 * 24))).toMatchObject({ kind: 'transition', action: 'autoClose' })
  })
})
