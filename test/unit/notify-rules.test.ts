import { DEFAULT_POLICY } from '~core/config'
/**
 * Who each lifecycle action tells, and what, at the level of core/notify.ts (the rules sit beside the rows of
 * LIFECYCLE). The expected notifications are written out here by hand; the next order comes from decide, as in the
 * pipeline.
 */
import { type TransitionAction, decide, orderContext } from '~core/lifecycle'
import { notificationsFor } from '~core/notify'
import { type Actor, actorId } from '~core/relations'
import type { NotificationKind, Order, Team } from '~types'
import { ACTORS, type ActorName, CLAIM, TEAMS, UNIT_PATHS, orderIn } from './lifecycle-world'
import { user } from '~test/support/order-fixture'

const AT = '2026-03-02T09:00:00.000Z'

function told(action: TransitionAction, order: Order, actor: ActorName, input: object, teams: readonly Team[] = TEAMS) {
  const next = decide(action, orderContext(ACTORS[actor], order, teams), input as never, AT)
  return notificationsFor(action, order, next, teams, actorId(ACTORS[actor]), AT).map((n) => ({
    id: n.id,
    kind: n.kind,
    userIds: n.userIds,
    text: n.text,
  }))
}

type Told = { id: string; kind: NotificationKind; userIds: string[]; text: string }
const CASES: Array<[label: string, run: () => Told[], expected: Told[]]> = [
  [
    'dispatch tells the resident, and every member of the teams but the one who dispatched',
    () => told('dispatch', orderIn('placed'), 'manager', { teamIds: ['t-1'], capacity: 2, unitPaths: UNIT_PATHS }),
    [
      { id: 'dispatched:o-1:v6', kind: 'dispatched', userIds: ['owner'], text: '「健康义诊」已派给测试队，等待志愿者接单' },
      { id: 'newTask:o-1:v6', kind: 'newTask', userIds: ['lead', 'vol', 'claimer'], text: '「健康义诊」派给了测试队，需2人，请及时接单' },
    ],
  ],
  [
    'dispatch to two teams names both and tells both teams',
    () => told('dispatch', orderIn('placed'), 'manager', { teamIds: ['t-1', 't-2'], capacity: 3, unitPaths: UNIT_PATHS }),
    [
      { id: 'dispatched:o-1:v6', kind: 'dispatched', userIds: ['owner'], text: '「健康义诊」已派给测试队、第二队，等待志愿者接单' },
      { id: 'newTask:o-1:v6', kind: 'newTask', userIds: ['lead', 'vol', 'claimer', 'lead-2', 'vol-2'], text: '「健康义诊」派给了测试队、第二队，需3人，请及时接单' },
    ],
  ],
  [
    'claim tells the resident who claimed and how many of how many',
    () => told('claim', orderIn('claimed'), 'member', {}),
    [{ id: 'claimed:o-1:v6', kind: 'claimed', userIds: ['owner'], text: '「健康义诊」已由志愿者李志愿接单（2/2）' }],
  ],
  [
    'escalate by a manager tells the resident',
    () => told('escalate', orderIn('placed'), 'manager', {}),
    [{ id: 'orderEscalated:o-1:v6', kind: 'orderEscalated', userIds: ['owner'], text: '「健康义诊」已上报上级单位，由上级安排志愿服务队' }],
  ],
  [
    'escalate by the system tells the resident too',
    () => told('escalate', orderIn('placed'), 'system', { note: '超过派单时限' }, []),
    [{ id: 'orderEscalated:o-1:v6', kind: 'orderEscalated', userIds: ['owner'], text: '「健康义诊」已上报上级单位，由上级安排志愿服务队' }],
  ],
  [
    'complete tells the resident to rate',
    () => told('complete', orderIn('claimed'), 'claimer', { hours: 2, beneficiaryCount: 3 }),
    [{ id: 'completed:o-1:v6', kind: 'completed', userIds: ['owner'], text: '「健康义诊」服务已完成，请评单' }],
  ],
  [
    'reject tells the resident why',
    () => told('reject', orderIn('placed'), 'manager', { reason: '不属于志愿服务范围' }),
    [{ id: 'rejected:o-1:v6', kind: 'rejected', userIds: ['owner'], text: '「健康义诊」未被受理：不属于志愿服务范围' }],
  ],
  [
    'cancel by the resident tells the claimers why, and not the resident who acted',
    () => told('cancel', orderIn('claimed'), 'owner', { reason: '已经看过了' }),
    [{ id: 'taskCancelled:o-1:v6', kind: 'taskCancelled', userIds: ['claimer'], text: '您接下的「健康义诊」已被群众取消：已经看过了' }],
  ],
  [
    'cancel before anyone claimed tells nobody',
    () => told('cancel', orderIn('placed'), 'owner', {}),
    [],
  ],
  ['recall tells nobody', () => told('recall', orderIn('claimed'), 'manager', {}), []],
  ['decline tells nobody', () => told('decline', orderIn('dispatched'), 'leader', { reason: '人手不足' }), []],
  ['unclaim tells nobody', () => told('unclaim', orderIn('claimed'), 'claimer', {}), []],
  ['rate (5 stars) tells nobody', () => told('rate', orderIn('completed'), 'owner', { stars: 5, comment: '', followUps: { settings: [], defaults: DEFAULT_POLICY.limits } }), []],
  ['autoClose tells nobody', () => told('autoClose', orderIn('completed'), 'system', {}, []), []],
]

describe('who each action tells', () => {
  it.each(CASES)('%s', (_label, run, expected) => {
    expect(run()).toEqual(expected)
  })

  it('a person who is told as a member but acted is left out (the leader dispatching as a manager)', () => {
    const leaderManager: Actor = {
      kind: 'user',
      user: user({ id: 'lead', name: '赵队长', roles: ['manager', 'leader', 'volunteer'], managedUnitId: 'st', teamIds: ['t-1'] }),
    }
    const order = orderIn('placed')
    const next = decide('dispatch', orderContext(leaderManager, order, TEAMS), { teamIds: ['t-1'], capacity: 1, unitPaths: UNIT_PATHS }, AT)
    const newTask = notificationsFor('dispatch', order, next, TEAMS, 'lead', AT).find((n) => n.kind === 'newTask')
    expect(newTask?.userIds).toEqual(['vol', 'claimer'])
  })

  it('a notification is pending, for the order at its new version, with no unit recipients', () => {
    const order = orderIn('claimed', { claims: [CLAIM] })
    const next = decide('complete', orderContext(ACTORS.claimer, order, TEAMS), { hours: 1, beneficiaryCount: 1 }, AT)
    expect(notificationsFor('complete', order, next, TEAMS, 'claimer', AT)).toEqual([
      { id: 'completed:o-1:v6', kind: 'completed', orderId: 'o-1', title: '健康义诊', userIds: ['owner'], unitIds: [], text: '「健康义诊」服务已完成，请评单', at: AT, dueAt: null, status: 'pending' },
    ])
  })
})
