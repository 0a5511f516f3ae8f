/** 回头看's rules in core/look-back.ts and its counts in core/figures.ts, table-driven. */
import { countersOf, lookBackCounts, lookBackTotal, overdueBounds, rollupDelta, summaryOf, zeroCounters } from '~core/figures'
import { lookBackArms, lookBackDetail, monthRange } from '~core/look-back'
import { DEFAULT_POLICY } from '~core/config'
import { order } from '~test/support/order-fixture'
import type { FollowUp, Order } from '~types'

const limits = { ...DEFAULT_POLICY.limits, remindUndispatchedHours: 24, remindUnclaimedHours: 48 }
const NOW = '2026-03-10T00:00:00.000Z'

const followUp = (over: Partial<FollowUp> = {}): FollowUp => ({
  unitId: 'st',
  stars: 2,
  openedAt: '2026-03-02T00:00:00.000Z',
  dueAt: '2026-03-05T00:00:00.000Z',
  status: 'open',
  attempts: [],
  closedAt: null,
  outcome: null,
  ...over,
})

describe('回头看', () => {
  test.each([
    ['2026-03', '2026-03-01', '2026-04-01', '2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z'],
    ['2026-12', '2026-12-01', '2027-01-01', '2026-11-30T16:00:00.000Z', '2026-12-31T16:00:00.000Z'],
    ['2028-02', '2028-02-01', '2028-03-01', '2028-01-31T16:00:00.000Z', '2028-02-29T16:00:00.000Z'],
  ])('the month %s is the China days [%s, %s)', (month, fromDay, toDay, from, to) => {
    expect(monthRange(month)).toEqual({ fromDay, toDay, from, to })
  })

  test('the groups read the overview with the overdue count’s own cuts; 差评未回访 reads the 回访 list', () => {
    const bounds = overdueBounds(limits, new Date(NOW))
    expect(lookBackArms('overdue', bounds)).toEqual([
      { status: 'placed', updatedBefore: '2026-03-09T00:00:00.000Z' },
      { status: 'dispatched', updatedBefore: '2026-03-08T00:00:00.000Z' },
      { status: 'claimed', preferredBefore: NOW },
    ])
    expect(lookBackArms('rejected', bounds)).toEqual([{ status: 'rejected' }])
    expect(lookBackArms('cancelled', bounds)).toEqual([{ status: 'cancelled' }])
    expect(lookBackArms('followUp', bounds)).toBeNull()
  })

  test.each<[string, Partial<Order>, Parameters<typeof lookBackDetail>[1], string]>([
    ['waiting to be dispatched', { status: 'placed' }, 'overdue', '待派单超过24小时'],
    ['dispatched, unclaimed', { status: 'dispatched' }, 'overdue', '派单后超过48小时无人接单'],
    ['claimed past the preferred time', { status: 'claimed' }, 'overdue', '已接单，超过群众期望时间仍未完成'],
    ['rejected with a reason', { status: 'rejected', reason: '不在服务范围' }, 'rejected', '退回原因：不在服务范围'],
    ['cancelled without one', { status: 'cancelled', reason: '  ' }, 'cancelled', '取消原因：未说明'],
    ['a 回访 not yet due', { status: 'rated', followUp: followUp({ dueAt: '2026-03-11T00:00:00.000Z' }) }, 'followUp', '群众评2星，待回访'],
    ['a 回访 past due', { status: 'rated', followUp: followUp() }, 'followUp', '群众评2星，回访已超时'],
    [
      'a 回访 tried once, unreachable',
      { status: 'rated', followUp: followUp({ stars: 1, attempts: [{ outcome: 'unreachable', note: '无人接听', by: 'm', byName: '站长', at: '2026-03-03T00:00:00.000Z' }] }) },
      'followUp',
      '群众评1星，回访已超时，已回访1次未联系上',
    ],
  ])('why it is listed: %s', (_name, over, reason, text) => {
    expect(lookBackDetail(order(over), reason, limits, NOW)).toBe(text)
  })

  test.each<[string, Partial<Order>, number]>([
    ['an open 回访', { status: 'rated', followUp: followUp() }, 1],
    ['a closed 回访', { status: 'rated', followUp: followUp({ status: 'closed', closedAt: NOW, outcome: 'resolved' }) }, 0],
    ['no 回访', { status: 'rated' }, 0],
  ])('the followUpOpen counter: %s', (_name, over, n) => {
    expect(countersOf(order(over)).followUpOpen).toBe(n)
  })

  test('closing the 回访 moves the counter down under every unit of the path', () => {
    const open = order({ status: 'rated', followUp: followUp(), unitPath: ['c', 'in', 'st'] })
    const closed = { ...open, version: open.version + 1, followUp: followUp({ status: 'closed', closedAt: NOW, outcome: 'explained' }) }
    const d = rollupDelta(open, closed)
    expect(d.cells.map((c) => [c.unitId, c.counters.followUpOpen])).toEqual([
      ['c', -1],
      ['in', -1],
      ['st', -1],
    ])
  })

  test('the counts come from the rollups and the overdue count, and the summary shows their sum', () => {
    const t = { ...zeroCounters(), placed: 9, s_rejected: 2, s_cancelled: 1, followUpOpen: 3 }
    const overdue = { placed: 1, dispatched: 1, claimed: 2 }
    expect(lookBackCounts(t, overdue)).toEqual({ overdue: 4, rejected: 2, cancelled: 1, followUp: 3 })
    expect(lookBackTotal(lookBackCounts(t, overdue))).toBe(10)
    const sums = { total: t, byTheme: {}, byChild: {}, byMonth: {}, reasons: [], volunteers: 0 }
    expect(summaryOf(sums, overdue, { fromDay: '2026-03-01', toDay: '2026-04-01' })).toMatchObject({ lookBack: 10, followUpOpen: 3 })
  })
})
