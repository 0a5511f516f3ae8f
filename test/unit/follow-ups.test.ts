/** The 回访 and 申诉 rules of core/follow-ups.ts, case by case. */
import { DEFAULT_POLICY } from '~core/config'
import { appealDeciderPath, appealProblem, decidesAppeal, followUpFor, followUpOverdue, withAttempt } from '~core/follow-ups'
import type { Actor } from '~core/relations'
import type { FollowUp, FollowUpOutcome, UnitSettings } from '~types'
import { NOW, order, user } from '~test/support/order-fixture'

const defaults = DEFAULT_POLICY.limits
const settings = (unitId: string, limits: UnitSettings['limits']): UnitSettings => ({ unitId, limits, updatedAt: NOW, updatedBy: 'm' })
const HOUR = 3_600_000

describe('followUpFor: which ratings open a 回访, for whom, and when it is due', () => {
  it.each([
    ['1 star, county default 3', 1, [], 3 * 24],
    ['3 stars, county default 3', 3, [], 72],
    ['4 stars, county default 3', 4, [], null],
    ['4 stars, the station calls back up to 4', 4, [settings('st', { followUpStars: 4 })], 72],
    ['4 stars, the 所 above sets 4 and 12 hours', 4, [settings('in', { followUpStars: 4, followUpHours: 12 })], 12],
    ['3 stars, the station sets 2', 3, [settings('st', { followUpStars: 2 })], null],
    ['5 stars, even at the highest threshold', 5, [settings('c', { followUpStars: 4 })], null],
  ] as const)('%s', (_label, stars, own, hours) => {
    const f = followUpFor(order(), stars, NOW, { settings: own, defaults })
    if (hours === null) return expect(f).toBeNull()
    expect(f).toEqual({ unitId: 'st', stars, openedAt: NOW, dueAt: new Date(Date.parse(NOW) + hours * HOUR).toISOString(), status: 'open', attempts: [], closedAt: null, outcome: null })
  })
})

describe('withAttempt: resolved and explained close; unreachable closes on the second try', () => {
  const open: FollowUp = { unitId: 'st', stars: 2, openedAt: NOW, dueAt: NOW, status: 'open', attempts: [], closedAt: null, outcome: null }
  const by = { id: 'm', name: '站长' }
  it.each([
    [['resolved'], 'closed', 'resolved'],
    [['explained'], 'closed', 'explained'],
    [['unreachable'], 'open', null],
    [['unreachable', 'unreachable'], 'closed', 'unreachable'],
    [['unreachable', 'resolved'], 'closed', 'resolved'],
  ] as [FollowUpOutcome[], string, string | null][])('%j → %s (%s)', (outcomes, status, outcome) => {
    const f = outcomes.reduce((acc, o) => withAttempt(acc, o, '情况', by, NOW), open)
    expect({ status: f.status, outcome: f.outcome, attempts: f.attempts.length, closedAt: f.closedAt }).toEqual({ status, outcome, attempts: outcomes.length, closedAt: status === 'closed' ? NOW : null })
  })
  it('overdue: open and past its dueAt only', () => {
    expect(followUpOverdue(open, '2026-03-01T08:00:01.000Z')).toBe(true)
    expect(followUpOverdue(open, NOW)).toBe(false)
    expect(followUpOverdue({ ...open, status: 'closed' }, '2026-03-09T00:00:00.000Z')).toBe(false)
  })
})

describe('appeals: the window, one per order, and who decides', () => {
  const rated = order({ status: 'rated', rating: { stars: 2, comment: '', at: NOW } })
  it.each([
    ['within 7 days', rated, '2026-03-08T08:00:00.000Z', null],
    ['a minute past 7 days', rated, '2026-03-08T08:01:00.000Z', '评价已超过7天，不能再申诉'],
    ['without a rating', order({ rating: null }), NOW, '这一单还没有评价，不能申诉'],
    ['a second appeal', { ...rated, appeal: { teamId: 't-1', by: 'l', byName: '队长', reason: 'x', at: NOW, status: 'dismissed' as const, decidedBy: null, decidedByName: null, decidedAt: null, note: '' } }, NOW, '这一单已经申诉过了，每单只能申诉一次'],
  ])('%s', (_label, o, now, problem) => expect(appealProblem(o, now)).toBe(problem))

  const manager = (unitId: string): Actor => ({ kind: 'user', user: user({ id: `m-${unitId}`, roles: ['manager'], managedUnitId: unitId }) })
  it.each([
    ['the station’s own manager', ['c', 'in', 'st'], 'st', false],
    ['the 所 above it', ['c', 'in', 'st'], 'in', true],
    ['the center', ['c', 'in', 'st'], 'c', true],
    ['another 所', ['c', 'in', 'st'], 'other', false],
    ['an order at the center: the center', ['c'], 'c', true],
  ])('%s decides: %s', (_label, unitPath, unitId, decides) => {
    const o = order({ unitPath, orgUnitId: unitPath[unitPath.length - 1] })
    expect(decidesAppeal(o, manager(unitId))).toBe(decides)
  })
  it('the units that decide: the parent and above; the center alone at the center', () => {
    expect(appealDeciderPath(order({ unitPath: ['c', 'in', 'st'] }))).toEqual(['c', 'in'])
    expect(appealDeciderPath(order({ unitPath: ['c'] }))).toEqual(['c'])
  })
})
