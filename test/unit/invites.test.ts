import { inviteRefusal } from '~core/invites'
import { newInviteCode } from '~functions/shared/ids'
import { formatInviteCode, INVITE_ALPHABET, INVITE_LENGTH, inviteCode, normalizeInviteCode, type Role } from '~types'
import { user } from '~test/support/order-fixture'

const STATION = ['c', 'in', 'st']
const OTHER_STATION = ['c', 'in2', 'st2']
const MANAGER_REFUSAL = '管理员只能邀请本单位及下级单位的代办员'

describe('who may invite whom (core/invites.ts)', () => {
  const admin = user({ id: 'a', roles: ['admin', 'manager'], managedUnitId: 'c' })
  const manager = user({ id: 'm', roles: ['manager'], managedUnitId: 'in' })
  const resident = user({ id: 'r', roles: ['resident'] })
  const leader = user({ id: 'l', roles: ['leader', 'volunteer'] })
  const staleManager = user({ id: 'x', roles: ['resident'], managedUnitId: 'in' })

  const cases: Array<[string, ReturnType<typeof user>, Role[], string[], boolean, string | null]> = [
    ['an admin: any role', admin, ['admin', 'manager'], ['c'], false, null],
    ['an admin: with a team', admin, ['volunteer'], STATION, true, null],
    ['a manager: 代办员 of a station below', manager, ['proxy'], STATION, false, null],
    ['a manager: 代办员 of their own unit', manager, ['proxy'], ['c', 'in'], false, null],
    ['a manager: not a volunteer', manager, ['volunteer'], STATION, false, MANAGER_REFUSAL],
    ['a manager: not a manager', manager, ['proxy', 'manager'], STATION, false, MANAGER_REFUSAL],
    ['a manager: not with a team', manager, ['proxy'], STATION, true, MANAGER_REFUSAL],
    ['a manager: not another 所', manager, ['proxy'], OTHER_STATION, false, MANAGER_REFUSAL],
    ['a manager: not the unit above', manager, ['proxy'], ['c'], false, MANAGER_REFUSAL],
    ['a resident: nobody', resident, ['proxy'], STATION, false, '只有管理员可以发放邀请码'],
    ['a leader: nobody', leader, ['volunteer'], STATION, false, '只有管理员可以发放邀请码'],
    ['a managedUnitId without the manager role: nobody', staleManager, ['proxy'], STATION, false, '只有管理员可以发放邀请码'],
  ]
  test.each(cases)('%s', (_name, inviter, roles, unitPath, withTeam, expected) => {
    expect(inviteRefusal(inviter, roles, unitPath, withTeam)).toBe(expected)
  })
})

describe('invite codes', () => {
  test('12 characters of an alphabet without look-alikes, spread over all of it', () => {
    for (const c of ['0', 'O', '1', 'I', 'L', 'U']) expect(INVITE_ALPHABET).not.toContain(c)
    const codes = Array.from({ length: 2000 }, newInviteCode)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_LENGTH}}$`))
    const seen = new Set(codes.join(''))
    expect(seen.size).toBe(INVITE_ALPHABET.length)
  })

  test('typed in any case, with dashes or spaces, it is the same code', () => {
    const code = 'ABCD2345WXYZ'
    expect(formatInviteCode(code)).toBe('ABCD-2345-WXYZ')
    expect(normalizeInviteCode(' abcd-2345 wxyz ')).toBe(code)
    expect(inviteCode.parse('abcd-2345-wxyz')).toBe(code)
    expect(inviteCode.safeParse('ABCD-2345-WXY0').success).toBe(false)
    expect(inviteCode.safeParse('ABCD').success).toBe(false)
  })
})
