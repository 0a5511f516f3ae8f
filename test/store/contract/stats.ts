/** The statistics rollups port: kept in step by insertOrder and transition, read by sums, repaired by repairDay; run by ./index.ts. */
import type { Stores } from '~core/ports'
import type { Order } from '~types'
import { advance, at, claimBy, makeImport, makeOrder } from '../fixtures'
import { freshStores, type MakeStores, type StoresUnderTest } from './helpers'

// at(0) is 2026-01-01T00:00Z, 08:00 on 2026-01-01 in China; at(16 * 60) is 2026-01-02 00:00 in China
const DAY1 = '2026-01-01'
const LATER = '9999-12-31T00:00:00.000Z'
const whole = { fromDay: '2026-01-01', toDay: '2026-02-01' }

export function statsContract(make: MakeStores): void {
  describe('stats', () => {
    let stores: Stores
    const sut = freshStores(make, (opened: StoresUnderTest) => (stores = opened.stores))

    /** Inserts an order and walks it through `steps` (each a patch of the next version), as the use case would. */
    async function walk(first: Order, ...steps: Array<Partial<Order>>): Promise<Order> {
      await stores.orders.insertOrder(first)
      let current = first
      for (const patch of steps) {
        const next = advance(current, patch)
        expect(await stores.orders.transition({ orderId: current.id, expectedVersion: current.version, prev: current, next })).toBe('ok')
        current = next
      }
      return current
    }

    const served = (volunteers: string[], stars: number | null, extra: Partial<Order> = {}): Array<Partial<Order>> => [
      { status: 'dispatched', teamIds: ['team-a'], timeline: [{ at: at(10), actorId: 'm', actorName: 'm', action: 'dispatch', from: 'placed', to: 'dispatched', note: '' }] },
      { status: 'claimed', claims: volunteers.map((v) => claimBy(v)) },
      // each claimer's 2 hours verified on site (what the rollups count as hours)
      {
        status: 'completed',
        claims: volunteers.map((v) => ({ ...claimBy(v), hours: { reported: 2, status: 'verified' as const, credited: 2 } })),
        completion: { hours: 2, beneficiaryCount: 4, note: '', by: volunteers[0], at: at(90) },
        ...extra,
      },
      ...(stars === null ? [] : [{ status: 'rated' as const, rating: { stars, comment: '', at: at(100) } }]),
    ]

    beforeEach(async () => {
      await stores.seed.importData(makeImport())
    })

    test('sums the orders of the period under each unit of their path, by child unit, theme and month', async () => {
      await walk(makeOrder({ orgUnitId: 's11', themeId: 'th-a' }), ...served(['v1', 'v2'], 5))
      await walk(makeOrder({ orgUnitId: 's12', themeId: 'th-b' }), ...served(['v2'], 3))
      await walk(makeOrder({ orgUnitId: 's21', themeId: 'th-a' }), { status: 'rejected', reason: '  不在服务范围。 ' })
      await walk(makeOrder({ orgUnitId: 's21', themeId: 'th-a' }), { status: 'cancelled', reason: '已自行解决' })
      await walk(makeOrder({ orgUnitId: 's11', themeId: 'th-a' }))

      const center = await stores.stats.sums({ unitId: 'c', ...whole })
      expect(center.total).toMatchObject({ placed: 5, dispatched: 2, taken: 2, rated: 2, s_rated: 2, s_rejected: 1, s_cancelled: 1, s_placed: 1 })
      expect(center.total).toMatchObject({ people: 8, volunteerTimes: 3, hours: 6, stars: 8, good: 1 })
      expect(center.volunteers).toBe(2)
      expect(Object.fromEntries(Object.entries(center.byChild).map(([k, c]) => [k, c.placed]))).toEqual({ i1: 3, i2: 2 })
      expect(Object.fromEntries(Object.entries(center.byTheme).map(([k, c]) => [k, c.placed]))).toEqual({ 'th-a': 4, 'th-b': 1 })
      expect(Object.keys(center.byMonth)).toEqual(['2026-01'])
      expect(center.reasons.sort((a, b) => a.fate.localeCompare(b.fate))).toEqual([
        { fate: 'cancelled', reason: '已自行解决', n: 1 },
        { fate: 'rejected', reason: '不在服务范围', n: 1 },
      ])

      const i1 = await stores.stats.sums({ unitId: 'i1', ...whole })
      expect(i1.total.placed).toBe(3)
      expect(Object.keys(i1.byChild).sort()).toEqual(['s11', 's12'])
      expect((await stores.stats.sums({ unitId: 's12', ...whole })).volunteers).toBe(1)
      // another period: nothing
      expect((await stores.stats.sums({ unitId: 'c', fromDay: '2026-02-01', toDay: '2026-03-01' })).total.placed).toBe(0)
    })

    test('days are China days; distinct volunteers are exact across month sets and edge days', async () => {
      // 2026-01-31 20:00 China and 2026-02-01 09:00 China
      await walk(makeOrder({ createdAt: '2026-01-31T12:00:00.000Z' }), ...served(['v1'], null))
      await walk(makeOrder({ createdAt: '2026-02-01T01:00:00.000Z' }), ...served(['v1', 'v3'], null))
      const s = stores.stats
      expect((await s.sums({ unitId: 'c', fromDay: '2026-01-31', toDay: '2026-02-01' })).total.placed).toBe(1)
      expect((await s.sums({ unitId: 'c', fromDay: '2026-02-01', toDay: '2026-03-01' })).volunteers).toBe(2)
      expect((await s.sums({ unitId: 'c', fromDay: '2026-01-31', toDay: '2026-03-01' })).volunteers).toBe(2)
      expect((await s.sums({ unitId: 'c', fromDay: '2026-01-15', toDay: '2026-02-02' })).volunteers).toBe(2)
      expect((await s.sums({ unitId: 'c', fromDay: '2026-01-01', toDay: '2026-02-01' })).volunteers).toBe(1)
      // whole years (2026), whole months and edge days together
      expect((await s.sums({ unitId: 'c', fromDay: '2026-01-01', toDay: '2027-01-01' })).volunteers).toBe(2)
      expect((await s.sums({ unitId: 'c', fromDay: '2025-12-20', toDay: '2027-02-03' })).volunteers).toBe(2)
      expect((await s.sums({ unitId: 'i2', fromDay: '2026-01-01', toDay: '2027-01-01' })).volunteers).toBe(0)
      expect(await s.firstDay()).toBe('2026-01-31')
    })

    test('an escalated order leaves the station it was escalated from; a retried or lost transition moves nothing', async () => {
      const placed = await walk(makeOrder({ orgUnitId: 's11' }))
      const escalated = await walk(makeOrder({ orgUnitId: 's11' }), { orgUnitId: 'i1', unitPath: ['c', 'i1'] })
      expect((await stores.stats.sums({ unitId: 's11', ...whole })).total.placed).toBe(1)
      expect((await stores.stats.sums({ unitId: 'i1', ...whole })).byChild).toMatchObject({ s11: { placed: 1 }, i1: { placed: 1 } })
      expect(escalated.version).toBe(2)
      // the same version again is a conflict: nothing counted twice
      const again = advance(placed, { status: 'rejected', reason: '重复' })
      await stores.orders.transition({ orderId: placed.id, expectedVersion: placed.version, prev: placed, next: again })
      expect(await stores.orders.transition({ orderId: placed.id, expectedVersion: placed.version, prev: placed, next: advance(placed, { status: 'cancelled' }) })).toBe('conflict')
      expect(await stores.orders.insertOrder(placed)).toMatchObject({ created: false })
      expect((await stores.stats.sums({ unitId: 'c', ...whole })).total).toMatchObject({ placed: 2, s_rejected: 1, s_placed: 1, s_cancelled: 0 })
    })

    test('teams last served and the overdue open orders', async () => {
      await walk(makeOrder(), ...served(['v1'], null))
      expect(await stores.stats.teamsLastServed(['team-a', 'team-b'])).toEqual({ 'team-a': at(90), 'team-b': null })
      await walk(makeOrder({ updatedAt: at(0) }))
      await walk(makeOrder({ preferredAt: at(30) }), { status: 'dispatched', updatedAt: at(5) }, { status: 'claimed', updatedAt: at(6), claims: [claimBy('v1')] })
      const q = { unitId: 'c', from: at(-60), to: at(24 * 60) }
      expect(await stores.stats.countOverdue({ ...q, placedBefore: at(1), dispatchedBefore: at(1), preferredBefore: at(31) })).toEqual({ placed: 1, dispatched: 0, claimed: 1 })
      expect(await stores.stats.countOverdue({ ...q, placedBefore: at(0), dispatchedBefore: at(1), preferredBefore: at(30) })).toEqual({ placed: 0, dispatched: 0, claimed: 0 })
      expect(await stores.stats.countOverdue({ ...q, unitId: 's21', placedBefore: at(1), dispatchedBefore: at(1), preferredBefore: at(31) })).toEqual({ placed: 0, dispatched: 0, claimed: 0 })
    })

    test('repairDay recounts a day from its orders: a broken rollup is reported and repaired, then nothing drifts', async () => {
      await walk(makeOrder({ themeId: 'th-a' }), ...served(['v1'], 4))
      await walk(makeOrder({ themeId: 'th-a' }), { status: 'rejected', reason: '重复' })
      const before = await stores.stats.sums({ unitId: 'c', ...whole })
      expect(await stores.stats.repairDay(DAY1, LATER)).toMatchObject({ day: DAY1, orders: 2, drift: [] })
      const corrupt = sut().corruptRollup
      if (!corrupt) return
      await corrupt('i1', DAY1)
      expect((await stores.stats.sums({ unitId: 'i1', ...whole })).total.placed).not.toBe(before.total.placed)
      const repaired = await stores.stats.repairDay(DAY1, LATER)
      expect(repaired.drift.length).toBeGreaterThan(0)
      expect(repaired.drift[0]).toMatchObject({ kind: 'cell' })
      expect(await stores.stats.sums({ unitId: 'c', ...whole })).toEqual(before)
      expect((await stores.stats.sums({ unitId: 'i1', ...whole })).total).toEqual(before.total)
      expect((await stores.stats.repairDay(DAY1, LATER)).drift).toEqual([])
    })

    describe('team cells (issue 11)', () => {
      const rated = (stars: number) => ({ status: 'rated' as const, rating: { stars, comment: '', at: at(100) } })
      const twoTeams = { status: 'dispatched' as const, teamIds: ['team-a', 'team-b'] }

      test('teamSums adds each team of a served order: services, ratings, 回访 on time, on-time completion; an upheld appeal leaves out its team only', async () => {
        // served, 5 stars, preferred the same China day as completed
        await walk(makeOrder({ preferredAt: at(60) }), ...served(['v1'], 5))
        // two teams, 2 stars, a 回访 closed in time, the rating appealed by team-b and upheld
        await walk(makeOrder(), twoTeams, { status: 'claimed', claims: [claimBy('v1')] }, { status: 'completed', completion: { hours: 1, beneficiaryCount: 1, note: '', by: 'v1', at: at(90) } }, {
          ...rated(2),
          followUp: { unitId: 'c', stars: 2, openedAt: at(100), dueAt: at(200), status: 'closed', attempts: [], closedAt: at(150), outcome: 'resolved' },
          appeal: { teamId: 'team-b', by: 'l', byName: 'l', reason: '误评', at: at(110), status: 'upheld', decidedBy: 'm', decidedByName: 'm', decidedAt: at(120), note: '' },
        })
        // dispatched, not served: nothing
        await walk(makeOrder(), twoTeams)
        const sums = await stores.stats.teamSums(['team-a', 'team-b', 'team-z'], '2025-12-01', '2026-12-01')
        expect(sums['team-a']).toEqual({ services: 2, rated: 2, stars: 7, good: 1, followUps: 1, followUpsOnTime: 1, withPreferred: 1, onTime: 1 })
        expect(sums['team-b']).toEqual({ services: 1, rated: 0, stars: 0, good: 0, followUps: 1, followUpsOnTime: 1, withPreferred: 0, onTime: 0 })
        expect(sums['team-z'].services).toBe(0)
        // outside the period: nothing
        expect((await stores.stats.teamSums(['team-a'], '2026-02-01', '2026-03-01'))['team-a'].services).toBe(0)
        expect(await stores.stats.teamSums([], '2025-12-01', '2026-12-01')).toEqual({})
      })

      test('a rating withdrawn by a later transition (appeal upheld) moves the team cell back', async () => {
        const order = await walk(makeOrder(), ...served(['v1'], 1))
        expect((await stores.stats.teamSums(['team-a'], DAY1, '2026-01-02'))['team-a']).toMatchObject({ rated: 1, stars: 1 })
        const next = advance(order, { appeal: { teamId: 'team-a', by: 'l', byName: 'l', reason: '误评', at: at(110), status: 'upheld', decidedBy: 'm', decidedByName: 'm', decidedAt: at(120), note: '' } })
        expect(await stores.orders.transition({ orderId: order.id, expectedVersion: order.version, prev: order, next })).toBe('ok')
        expect((await stores.stats.teamSums(['team-a'], DAY1, '2026-01-02'))['team-a']).toMatchObject({ services: 1, rated: 0, stars: 0 })
      })

      test('repairDay puts a broken team cell right and reports it', async () => {
        await walk(makeOrder(), ...served(['v1'], 4))
        expect((await stores.stats.repairDay(DAY1, LATER)).drift).toEqual([])
        const corrupt = sut().corruptTeamCell
        if (!corrupt) return
        await corrupt('team-a', DAY1)
        expect((await stores.stats.teamSums(['team-a'], DAY1, '2026-01-02'))['team-a'].services).toBe(4)
        const repaired = await stores.stats.repairDay(DAY1, LATER)
        expect(repaired.drift).toContainEqual({ kind: 'cell', key: 'team|team-a:services', stored: 4, counted: 1 })
        expect((await stores.stats.teamSums(['team-a'], DAY1, '2026-01-02'))['team-a'].services).toBe(1)
        expect((await stores.stats.repairDay(DAY1, LATER)).drift).toEqual([])
      })
    })
  })
}
