import { escalationUnitOf, followUpNotices } from '~core/follow-up-due'
import type { FollowUp, Order } from '~types'

const HOUR = 3_600_000
const dueAt = '2026-03-05T00:00:00.000Z'
const followUp = (over: Partial<FollowUp> = {}): FollowUp => ({
  unitId: 'unit-tanwei', stars: 2, openedAt: '2026-03-02T00:00:00.000Z', dueAt, status: 'open', attempts: [], closedAt: null, outcome: null, ...over,
})
const order = (f: FollowUp | null, unitPath = ['unit-center', 'unit-suxi', 'unit-tanwei']): Order =>
  ({ id: 'o1', title: '量血压', unitPath, orgUnitId: unitPath[unitPath.length - 1], followUp: f }) as unknown as Order
const at = (hoursAfterDue: number) => new Date(Date.parse(dueAt) + hoursAfterDue * HOUR)

describe('followUpNotices', () => {
  it.each([
    ['before dueAt', followUp(), -1, []],
    ['at dueAt: the reminder', followUp(), 0, [['followUpDue', 'unit-tanwei']]],
    ['just before escalation', followUp(), 23.9, [['followUpDue', 'unit-tanwei']]],
    ['at dueAt + 24h: reminder and escalation to the parent', followUp(), 24, [['followUpDue', 'unit-tanwei'], ['followUpEscalated', 'unit-suxi']]],
    ['closed: nothing', followUp({ status: 'closed' }), 48, []],
  ] as const)('%s', (_, f, hours, expected) => {
    expect(followUpNotices(order(f), at(hours)).map((n) => [n.kind, n.unitIds[0]])).toEqual(expected)
  })

  it('no 回访: nothing; ids are the same on every run', () => {
    expect(followUpNotices(order(null), at(48))).toEqual([])
    const a = followUpNotices(order(followUp()), at(30)).map((n) => n.id)
    expect(followUpNotices(order(followUp()), at(90)).map((n) => n.id)).toEqual(a)
    expect(new Set(a).size).toBe(2)
  })

  it('escalation: the parent on the path, the center for the center', () => {
    expect(escalationUnitOf(order(followUp()), 'unit-tanwei')).toBe('unit-suxi')
    expect(escalationUnitOf(order(followUp(), ['unit-center']), 'unit-center')).toBe('unit-center')
  })
})
