import { createHarness, type Harness } from './harness'

/** stats.summary: the figures a center reports, for managers of the unit or above it, over a period. */
describe('stats.summary', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
    // one full loop (3 people served) and one order still waiting, both placed in 滩尾村 on 2026-03-02
    const served = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: served.id, teamIds: ['team-health'] })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: served.id })
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: served.id, hours: 2, beneficiaryCount: 3 })
    await h.ok('demo-resident-1', 'order', 'rate', { orderId: served.id, stars: 5 })
    await h.place()
  })
  afterEach(() => h.close())

  const zeros = { placed: 0, dispatched: 0, claimed: 0, completed: 0, rated: 0, closed: 0, rejected: 0, cancelled: 0 }

  it('a station manager gets their unit this year by default', async () => {
    const res = await h.ok('demo-manager-tanwei', 'stats', 'summary')
    expect(res).toMatchObject({
      unitId: 'unit-tanwei',
      from: '2025-12-31T16:00:00.000Z',
      to: '2026-12-31T16:00:00.000Z',
      stats: {
        placed: 2,
        taken: 1,
        served: 1,
        people: 3,
        byStatus: { ...zeros, placed: 1, rated: 1 },
        byTheme: { 'theme-health': 2 },
        byUnit: { 'unit-tanwei': 2 },
      },
    })
  })

  it('managers above see their children; an admin may choose any unit below', async () => {
    expect((await h.ok('demo-manager-suxi', 'stats', 'summary')).stats.byUnit).toEqual({ 'unit-tanwei': 2 })
    const center = await h.ok('demo-admin', 'stats', 'summary', { unitId: 'unit-center' })
    expect(center.stats).toMatchObject({ placed: 2, taken: 1, served: 1, people: 3, byUnit: { 'unit-suxi': 2 } })
    const tanwei = await h.ok('demo-manager-center', 'stats', 'summary', { unitId: 'unit-tanwei' })
    expect(tanwei.stats.placed).toBe(2)
    const yifen = await h.ok('demo-manager-wushan', 'stats', 'summary', { unitId: 'unit-yifen' })
    expect(yifen.stats).toMatchObject({ placed: 0, byUnit: {}, byTheme: {} })
  })

  it('everyone else is refused: other subtrees, residents, volunteers, strangers', async () => {
    const refused = [
      await h.call('demo-manager-wushan', 'stats', 'summary', { unitId: 'unit-tanwei' }),
      await h.call('demo-manager-tanwei', 'stats', 'summary', { unitId: 'unit-suxi' }),
      await h.call('demo-resident-1', 'stats', 'summary', {}),
      await h.call('demo-volunteer-1', 'stats', 'summary', { unitId: 'unit-tanwei' }),
    ]
    for (const res of refused) expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call(null, 'stats', 'summary')).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    expect(await h.call('demo-admin', 'stats', 'summary', { unitId: 'unit-nowhere' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('a period in any time zone is counted in whole China-time days; a bad or empty period is refused', async () => {
    // the orders were placed at 2026-03-02T01:00Z, which is 09:00 in China; the rollups keep China days (issue 9),
    // so a period takes every day it touches: from the start of its first day to the end of its last
    const inside = await h.ok('demo-manager-tanwei', 'stats', 'summary', { from: '2026-03-02T09:00:00+08:00', to: '2026-03-03' })
    expect(inside).toMatchObject({ from: '2026-03-01T16:00:00.000Z', to: '2026-03-03T16:00:00.000Z', stats: { placed: 2 } })
    const before = await h.ok('demo-manager-tanwei', 'stats', 'summary', { from: '2026-03-01', to: '2026-03-02T00:00:00+08:00' })
    expect(before).toMatchObject({ from: '2026-02-28T16:00:00.000Z', to: '2026-03-01T16:00:00.000Z', stats: { placed: 0 } })
    for (const period of [{ from: '2026-03-03', to: '2026-03-02' }, { from: '昨天' }, { to: 20260301 }]) {
      expect(await h.call('demo-manager-tanwei', 'stats', 'summary', period)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    }
  })

  it('takes 5 store round trips: the caller, the unit, then the rollups beside the unit limits and the overdue count', async () => {
    h.calls.length = 0
    await h.ok('demo-manager-tanwei', 'stats', 'summary')
    expect(h.calls).toEqual(['getUserByOpenid', 'getUnit', 'sums', 'getUnitSettings', 'countOverdue'])
  })
})
