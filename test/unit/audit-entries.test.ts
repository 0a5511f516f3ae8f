/**
 * What the audit log records, at the level of core/audit.ts: which answers are contact reveals (table-driven, by the
 * viewer's relation to the order), the reveal's id per viewer, order and China-time day, and the entries' summaries.
 */
import { chinaDay, contactRevealOf, leaderChangeEntry, limitsChangeEntry, revealId, roleChangeEntry, signInEntry } from '~core/audit'
import { orderContext } from '~core/lifecycle'
import { ACTORS, type ActorName, TEAMS, orderIn } from './lifecycle-world'
import { user } from '~test/support/order-fixture'

const AT = '2026-03-02T09:00:00.000Z'

describe('contactRevealOf: a contact shown to anyone but the owner', () => {
  const CASES: Array<[ActorName, 'claimed' | 'dispatched', string | null]> = [
    ['owner', 'claimed', null],
    ['manager', 'dispatched', '管理员'],
    ['claimer', 'claimed', '已接单志愿者'],
    ['member', 'dispatched', null],
    ['leader', 'dispatched', null],
    ['system', 'claimed', null],
  ]
  it.each(CASES)('%s on a %s order: %s', (actor, status, role) => {
    const entry = contactRevealOf(orderContext(ACTORS[actor], orderIn(status), TEAMS), AT)
    expect(entry?.actorRole ?? null).toBe(role)
    if (entry) expect(entry).toMatchObject({ kind: 'contactRevealed', targetId: 'o-1', at: AT })
  })

  it('a manager who also claimed it is recorded as the claimer', () => {
    const both = orderIn('claimed', { claims: [{ volunteerId: 'mgr', name: '所管理员', at: AT, unitPath: [] }] })
    expect(contactRevealOf(orderContext(ACTORS.manager, both, TEAMS), AT)?.actorRole).toBe('已接单志愿者')
  })

  it('one id per viewer, order and China-time day (the day turns at 16:00 UTC)', () => {
    expect(chinaDay('2026-03-02T15:59:59.000Z')).toBe('2026-03-02')
    expect(chinaDay('2026-03-02T16:00:00.000Z')).toBe('2026-03-03')
    expect(revealId('o-1', 'u-1', '2026-03-02T01:00:00.000Z')).toBe(revealId('o-1', 'u-1', '2026-03-02T15:00:00.000Z'))
    expect(revealId('o-1', 'u-1', '2026-03-02T01:00:00.000Z')).not.toBe(revealId('o-1', 'u-1', '2026-03-02T17:00:00.000Z'))
    expect(revealId('o-1', 'u-1', AT)).not.toBe(revealId('o-1', 'u-2', AT))
  })
})

describe('the other entries say what changed, in the field’s words', () => {
  const admin = user({ id: 'a', name: '周主任', roles: ['admin', 'manager'] })
  const target = user({ id: 't', name: '李奶奶', roles: ['resident'], orgUnitId: 'st' })
  it.each([
    ['grant', roleChangeEntry({ id: 'x', by: admin, target, role: 'manager', grant: true, unitId: 'st', at: AT }), 'roleGranted', '授予角色：李奶奶「管理员」（管理单位st）'],
    ['revoke', roleChangeEntry({ id: 'x', by: admin, target, role: 'proxy', grant: false, unitId: null, at: AT }), 'roleRevoked', '撤销角色：李奶奶「代办员」'],
    [
      'leader',
      leaderChangeEntry({ id: 'x', by: admin, team: TEAMS[0], from: null, to: target, at: AT }),
      'leaderChanged',
      '「测试队」队长：无 → 李奶奶',
    ],
    [
      'limits',
      limitsChangeEntry({ id: 'x', by: admin, unit: { id: 'st', name: '滩尾村' }, change: { autoCloseDays: 3, remindUnclaimedHours: null }, at: AT }),
      'limitsChanged',
      '滩尾村：接单提醒时限（小时）改为继承上级，评单期限（天）改为3',
    ],
    ['sign-in', signInEntry({ user: target, deviceKey: 'd1', label: 'Chrome · Android', at: AT }), 'signInNewDevice', '李奶奶在新设备上登录：Chrome · Android'],
  ])('%s', (_label, entry, kind, summary) => {
    expect(entry).toMatchObject({ kind, summary, at: AT })
  })

  it('a sign-in entry is keyed by person and device: the same device again is the same entry', () => {
    const a = signInEntry({ user: target, deviceKey: 'd1', label: 'x', at: AT })
    const b = signInEntry({ user: target, deviceKey: 'd1', label: 'y', at: '2026-04-01T00:00:00.000Z' })
    expect(a.id).toBe(b.id)
    expect(signInEntry({ user: target, deviceKey: 'd2', label: 'x', at: AT }).id).not.toBe(a.id)
  })
})
