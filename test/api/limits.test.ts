import { DEFAULT_LIMITS } from '~core/config'
import { createHarness, type Harness } from './harness'

describe('time limits per unit (catalog.limits, catalog.updateLimits)', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  it('the center’s seeded values are the county defaults, inherited by every unit', async () => {
    const center = await h.ok('demo-manager-center', 'catalog', 'limits', { unitId: 'unit-center' })
    expect(center.limits).toEqual(DEFAULT_LIMITS)
    expect(center.own).toEqual(DEFAULT_LIMITS)
    // anyone signed in may read them (the order pages show waits against them)
    const station = await h.ok('demo-resident-1', 'catalog', 'limits', { unitId: 'unit-tanwei' })
    expect(station).toMatchObject({ unitId: 'unit-tanwei', limits: DEFAULT_LIMITS, own: {} })
    expect(Object.values(station.sources).every((u) => u === 'unit-center')).toBe(true)
    expect(await h.call(null, 'catalog', 'limits', { unitId: 'unit-tanwei' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await h.call('demo-resident-1', 'catalog', 'limits', { unitId: 'unit-nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('a station’s own values beat the inherited ones; null inherits again', async () => {
    await h.ok('demo-manager-suxi', 'catalog', 'updateLimits', { unitId: 'unit-suxi', escalateUndispatchedHours: 36 })
    const set = await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', {
      unitId: 'unit-tanwei',
      remindUndispatchedHours: 2,
      escalateUndispatchedHours: 4,
      requestId: 'limits-1',
    })
    expect(set.limits).toMatchObject({ remindUndispatchedHours: 2, escalateUndispatchedHours: 4, autoCloseDays: 7 })
    expect(set.sources).toMatchObject({ remindUndispatchedHours: 'unit-tanwei', escalateUndispatchedHours: 'unit-tanwei', autoCloseDays: 'unit-center' })
    const sibling = await h.ok('demo-manager-jiangbin', 'catalog', 'limits', { unitId: 'unit-jiangbin' })
    expect(sibling.limits.escalateUndispatchedHours).toBe(36)
    expect(sibling.sources.escalateUndispatchedHours).toBe('unit-suxi')

    const cleared = await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', escalateUndispatchedHours: null })
    expect(cleared.limits.escalateUndispatchedHours).toBe(36)
    expect(cleared.own).toEqual({ remindUndispatchedHours: 2 })
  })

  it('managers of the unit or above only', async () => {
    // the institute's manager may set a station's
    await h.ok('demo-manager-suxi', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', autoCloseDays: 3 })
    for (const [openid, unitId] of [
      ['demo-manager-tanwei', 'unit-suxi'],
      ['demo-manager-wushan', 'unit-tanwei'],
      ['demo-leader-health', 'unit-tanwei'],
      ['demo-resident-1', 'unit-tanwei'],
    ]) {
      const res = await h.call(openid, 'catalog', 'updateLimits', { unitId, autoCloseDays: 4 })
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    }
  })

  it('bad input changes nothing, and says why in Chinese', async () => {
    const before = h.dump()
    const bad: Array<[Record<string, unknown>, string]> = [
      [{ unitId: 'unit-tanwei' }, '请至少修改一项时限'],
      [{ unitId: 'unit-tanwei', escalateUndispatchedHours: 0 }, '上报时限（小时）不能少于1'],
      [{ unitId: 'unit-tanwei', autoCloseDays: 61 }, '评单期限（天）不能超过60'],
      [{ unitId: 'unit-tanwei', remindUnclaimedHours: 1.5 }, '接单提醒时限（小时）应为整数'],
      [{ unitId: 'unit-tanwei', recallUnclaimedHours: '72' }, '退回时限（小时）应为数字'],
      [{ unitId: 'unit-tanwei', alertBeforePreferredHours: -1 }, '服务前预警（小时）不能少于0'],
      [{ unitId: 'unit-tanwei', remindUndispatchedHours: 60 }, '派单提醒时限应早于上报时限'],
      [{ unitId: 'unit-tanwei', recallUnclaimedHours: 10 }, '接单提醒时限应早于退回时限'],
      [{ escalateUndispatchedHours: 10 }, '请填写单位'],
    ]
    for (const [payload, message] of bad) {
      const res = await h.call('demo-manager-tanwei', 'catalog', 'updateLimits', payload)
      expect({ payload, res }).toEqual({ payload, res: { ok: false, error: { code: 'INVALID_INPUT', message } } })
    }
    const missing = await h.call('demo-manager-center', 'catalog', 'updateLimits', { unitId: 'unit-nowhere', autoCloseDays: 3 })
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    expect(h.dump()).toBe(before)
  })

  it('store round trips: reading is profile, unit, settings; a change adds the write', async () => {
    h.calls.length = 0
    await h.ok('demo-manager-tanwei', 'catalog', 'limits', { unitId: 'unit-tanwei' })
    expect(h.calls).toEqual(['getUserByOpenid', 'getUnit', 'getUnitSettings'])
    h.calls.length = 0
    await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', autoCloseDays: 3 })
    // and the audit entry of the change, recorded right after it (issue 13)
    expect(h.calls).toEqual(['getUserByOpenid', 'getUnit', 'getUnitSettings', 'saveUnitSettings', 'record'])
  })
})
