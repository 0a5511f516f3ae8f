/** Team figures' rules (issue 11), table-driven: what a served order adds per team, the figures, the line, the score. */
import { TEAM_FIGURES } from '~core/config'
import { teamCellsOf, zeroTeamCounters, type TeamCounters } from '~core/figures'
import { noFigures, teamFiguresLine, teamFiguresOf, teamQualityScore } from '~core/team-figures'
import { order } from '~test/support/order-fixture'
import type { Appeal, FollowUp, Order, TeamFigures } from '~types'

const followUp = (over: Partial<FollowUp> = {}): FollowUp => ({
  unitId: 'st',
  stars: 2,
  openedAt: '2026-03-02T08:00:00.000Z',
  dueAt: '2026-03-03T08:00:00.000Z',
  status: 'closed',
  attempts: [],
  closedAt: '2026-03-02T10:00:00.000Z',
  outcome: 'resolved',
  ...over,
})
const appeal = (over: Partial<Appeal> = {}): Appeal => ({
  teamId: 't-1',
  by: 'lead',
  byName: '队长',
  reason: '评分与事实不符',
  at: '2026-03-02T09:00:00.000Z',
  status: 'upheld',
  decidedBy: 'm',
  decidedByName: '主任',
  decidedAt: '2026-03-02T12:00:00.000Z',
  note: '',
  ...over,
})
const completedAt = (at: string) => ({ hours: 1, beneficiaryCount: 1, note: '', by: 'v', at })
const rating = (stars: number) => ({ stars, comment: '', at: '2026-03-02T08:00:00.000Z' })
const served = (over: Partial<Order> = {}) => order({ status: 'rated', teamIds: ['t-1'], ...over })
const counters = (over: Partial<TeamCounters>): TeamCounters => ({ ...zeroTeamCounters(), services: 1, ...over })

describe('teamCellsOf', () => {
  test.each<[string, Order, Record<string, TeamCounters>]>([
    ['a dispatched order adds nothing', order({ status: 'dispatched', teamIds: ['t-1'] }), {}],
    ['a served order without rating is one service', served({ status: 'completed' }), { 't-1': counters({}) }],
    ['a 5-star rating is good', served({ rating: rating(5) }), { 't-1': counters({ rated: 1, stars: 5, good: 1 }) }],
    ['a 4-star rating is good (GOOD_STARS)', served({ rating: rating(4) }), { 't-1': counters({ rated: 1, stars: 4, good: 1 }) }],
    ['a 3-star rating is not good', served({ rating: rating(3) }), { 't-1': counters({ rated: 1, stars: 3, good: 0 }) }],
    [
      'a 回访 closed by its dueAt is on time',
      served({ rating: rating(2), followUp: followUp() }),
      { 't-1': counters({ rated: 1, stars: 2, followUps: 1, followUpsOnTime: 1 }) },
    ],
    [
      'a 回访 closed late is not on time',
      served({ rating: rating(2), followUp: followUp({ closedAt: '2026-03-04T08:00:00.000Z' }) }),
      { 't-1': counters({ rated: 1, stars: 2, followUps: 1, followUpsOnTime: 0 }) },
    ],
    [
      'an open 回访 is not on time',
      served({ rating: rating(2), followUp: followUp({ status: 'open', closedAt: null, outcome: null }) }),
      { 't-1': counters({ rated: 1, stars: 2, followUps: 1, followUpsOnTime: 0 }) },
    ],
    [
      'an upheld appeal takes the rating out of its team only',
      served({ teamIds: ['t-1', 't-2'], rating: rating(1), appeal: appeal() }),
      { 't-1': counters({}), 't-2': counters({ rated: 1, stars: 1 }) },
    ],
    [
      'a dismissed appeal keeps the rating',
      served({ rating: rating(1), appeal: appeal({ status: 'dismissed' }) }),
      { 't-1': counters({ rated: 1, stars: 1 }) },
    ],
    [
      'completed by the end of the preferred China day is on time (23:30 Beijing time)',
      served({ status: 'completed', preferredAt: '2026-03-02T01:00:00.000Z', completion: completedAt('2026-03-02T15:30:00.000Z') }),
      { 't-1': counters({ withPreferred: 1, onTime: 1 }) },
    ],
    [
      'completed the next China day is late (00:30 Beijing time)',
      served({ status: 'completed', preferredAt: '2026-03-02T01:00:00.000Z', completion: completedAt('2026-03-02T16:30:00.000Z') }),
      { 't-1': counters({ withPreferred: 1, onTime: 0 }) },
    ],
    [
      'without a preferred time it counts in neither',
      served({ status: 'completed', preferredAt: null, completion: completedAt('2026-03-09T01:00:00.000Z') }),
      { 't-1': counters({}) },
    ],
    [
      'a team listed twice counts once',
      served({ teamIds: ['t-1', 't-1'], status: 'completed' }),
      { 't-1': counters({}) },
    ],
  ])('%s', (_name, o, want) => {
    expect(Object.fromEntries(teamCellsOf(o).map((c) => [c.teamId, c.counters]))).toEqual(want)
  })
})

describe('teamFiguresOf', () => {
  test('shares and averages from the counters and the public sums', () => {
    const f = teamFiguresOf(
      { a: { ...zeroTeamCounters(), services: 4, rated: 3, stars: 11, good: 2, followUps: 1, followUpsOnTime: 1, withPreferred: 2, onTime: 1 } },
      { a: { count: 2, stars: 9 }, b: { count: 1, stars: 5 } },
    )
    expect(f.a).toEqual({
      services: 4,
      rated: 3,
      avgStars: 3.67,
      goodRate: 0.667,
      publicRated: 2,
      publicAvg: 4.5,
      followUps: 1,
      followUpsOnTime: 1,
      followUpOnTimeRate: 1,
      withPreferred: 2,
      onTime: 1,
      onTimeRate: 0.5,
    })
    expect(f.b).toMatchObject({ services: 0, rated: 0, goodRate: null, publicRated: 1, publicAvg: 5, onTimeRate: null })
  })

  test('no data: every rate null', () => {
    expect(noFigures()).toMatchObject({ services: 0, avgStars: null, goodRate: null, publicAvg: null, followUpOnTimeRate: null, onTimeRate: null })
  })
})

const figures = (over: Partial<TeamFigures>): TeamFigures => ({ ...noFigures(), ...over })

describe('teamFiguresLine', () => {
  test.each<[Partial<TeamFigures>, string]>([
    [{}, '近一年暂无服务记录'],
    [{ services: 38, goodRate: 0.95, followUpOnTimeRate: 1 }, '近一年服务38次，好评率95%，回访及时率100%'],
    [{ services: 3 }, '近一年服务3次'],
    [{ services: 2, onTimeRate: 0.5 }, '近一年服务2次，按时完成率50%'],
    [{ publicRated: 2, publicAvg: 4.5 }, '近一年服务0次，社会评分4.5分'],
    [{ services: 5, goodRate: 0.666, publicAvg: 4, followUpOnTimeRate: 0, onTimeRate: 1 }, '近一年服务5次，好评率67%，社会评分4分，回访及时率0%，按时完成率100%'],
  ])('%j → %s', (over, line) => {
    expect(teamFiguresLine(figures(over))).toBe(line)
  })
})

describe('teamQualityScore', () => {
  const w = TEAM_FIGURES.weights
  test.each<[string, Partial<TeamFigures>, number]>([
    ['no data is neutral', {}, 0],
    ['experience counts up to 10 services', { services: 25 }, 10],
    ['a good rate at the neutral share is neutral', { services: 4, goodRate: TEAM_FIGURES.neutralRate }, 4],
    ['a perfect record gains in every part', { services: 10, goodRate: 1, followUpOnTimeRate: 1, onTimeRate: 1 }, 10 + 0.2 * (w.goodRate + w.followUpOnTime + w.onTime)],
    ['a poor good rate costs', { services: 2, goodRate: 0.3 }, 2 - 0.5 * w.goodRate],
  ])('%s', (_name, over, score) => {
    expect(teamQualityScore(figures(over))).toBeCloseTo(score, 6)
  })

  test('a better record ranks higher at equal experience', () => {
    expect(teamQualityScore(figures({ services: 5, goodRate: 1 }))).toBeGreaterThan(teamQualityScore(figures({ services: 5, goodRate: 0.5 })))
  })
})
