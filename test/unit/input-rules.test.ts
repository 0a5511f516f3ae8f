/** Two rules of issue 13's smaller holes that live in core: a preferred time long past, and who sees team members. */
import { DEFAULT_POLICY, PREFERRED_AT_PAST_HOURS } from '~core/config'
import { AppError } from '~core/errors'
import { newOrder } from '~core/orders'
import { seesTeamMembers, teamFor } from '~core/team-view'
import { NOW, team, user } from '~test/support/order-fixture'

const HOUR = 3600 * 1000

describe('newOrder: the preferred time may lie at most PREFERRED_AT_PAST_HOURS in the past (the server clock)', () => {
  const place = (preferredAt: string) =>
    newOrder({
      id: 'o-1',
      input: { themeId: 'health', need: '量血压', address: '滩尾村三组', phone: '13800001234', beneficiaryCount: 1, preferredAt },
      user: user(),
      menuItem: null,
      policy: DEFAULT_POLICY.points,
      now: NOW,
    })
  const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString()

  it('the limit is an hour', () => {
    expect(PREFERRED_AT_PAST_HOURS).toBe(1)
  })

  it('exactly at the limit, or later, is taken as given', () => {
    expect(place(ago(PREFERRED_AT_PAST_HOURS * HOUR)).preferredAt).toBe(ago(HOUR))
    expect(place(ago(-48 * HOUR)).preferredAt).toBe(ago(-48 * HOUR))
  })

  it('a millisecond beyond it is INVALID_INPUT in Chinese', () => {
    expect(() => place(ago(HOUR + 1))).toThrow(new AppError('INVALID_INPUT', '期望时间已经过去，请重新选择'))
  })
})

describe('seesTeamMembers / teamFor', () => {
  const t = team({ id: 't-1', orgUnitId: 'st', leaderId: 'leader', memberIds: ['leader', 'v-1'] })
  const path = ['c', 'in', 'st']
  const cases: Array<[string, ReturnType<typeof user> | null, boolean]> = [
    ['nobody signed in', null, false],
    ['a resident', user({ id: 'r' }), false],
    ['a member who does not lead', user({ id: 'v-1', roles: ['volunteer'], teamIds: ['t-1'] }), false],
    ['the leader', user({ id: 'leader', roles: ['leader', 'volunteer'] }), true],
    ["the manager of the team's unit", user({ id: 'm', roles: ['manager'], managedUnitId: 'st' }), true],
    ['a manager above it', user({ id: 'm', roles: ['manager'], managedUnitId: 'c' }), true],
    ['a manager of another unit', user({ id: 'm', roles: ['manager'], managedUnitId: 'st-2' }), false],
    ['a managedUnitId without the manager role', user({ id: 'm', roles: ['resident'], managedUnitId: 'c' }), false],
    ['an admin', user({ id: 'a', roles: ['admin'], managedUnitId: null }), true],
  ]
  it.each(cases)('%s: %s', (_name, viewer, sees) => {
    expect(seesTeamMembers(viewer, t, path)).toBe(sees)
    const listed = teamFor(viewer, t, path)
    if (sees) expect(listed).toEqual(t)
    else expect(listed).toEqual({ id: 't-1', name: t.name, themeIds: t.themeIds, orgUnitId: 'st', leaderId: 'leader', description: '' })
  })
})
