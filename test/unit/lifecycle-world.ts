/**
 * The people and orders the lifecycle unit tests act on, built from the order fixture. Every relation is written out
 * here by hand (RELATIONS), never computed by the code under test.
 */
import type { Actor, Relation } from '~core/relations'
import type { Order, OrderStatus } from '~types'
import { NOW, order, team, user } from '~test/support/order-fixture'

export const STATES: OrderStatus[] = ['placed', 'dispatched', 'claimed', 'completed', 'rated', 'closed', 'rejected', 'cancelled']

const person = (over: Parameters<typeof user>[0]): Actor => ({ kind: 'user', user: user(over) })

/** The order (unitPath c/in/st) belongs to 'owner', is dispatched to 测试队 (t-1, led by 'lead') and claimed by 'claimer'. */
export const ACTORS = {
  owner: person({ id: 'owner', name: '王大爷' }),
  manager: person({ id: 'mgr', name: '所管理员', roles: ['manager'], managedUnitId: 'in' }),
  countyManager: person({ id: 'mgr-c', name: '县中心管理员', roles: ['admin'], managedUnitId: 'c' }),
  otherManager: person({ id: 'mgr-2', name: '外所管理员', roles: ['manager'], managedUnitId: 'other-institute' }),
  member: person({ id: 'vol', name: '李志愿', roles: ['volunteer'], teamIds: ['t-1'] }),
  leader: person({ id: 'lead', name: '赵队长', roles: ['volunteer', 'leader'], teamIds: ['t-1'] }),
  claimer: person({ id: 'claimer', name: '张护士', roles: ['volunteer'], teamIds: ['t-1'] }),
  otherTeamVolunteer: person({ id: 'vol-2', name: '钱志愿', roles: ['volunteer'], teamIds: ['t-2'] }),
  stranger: person({ id: 'x', name: '路人' }),
  system: { kind: 'system' } as Actor,
}
export type ActorName = keyof typeof ACTORS

const withTeams = (s: OrderStatus) => ['dispatched', 'claimed', 'completed', 'rated', 'closed'].includes(s)
const withClaims = (s: OrderStatus) => ['claimed', 'completed', 'rated', 'closed'].includes(s)

/** How each actor stands to the order in each state, by hand. */
export const RELATIONS: Record<ActorName, (s: OrderStatus) => Relation[]> = {
  owner: () => ['owner'],
  manager: () => ['manager'],
  countyManager: () => ['manager'],
  otherManager: () => [],
  member: (s) => (withTeams(s) ? ['member'] : []),
  leader: (s) => (withTeams(s) ? ['member', 'leader'] : []),
  claimer: (s) => (withClaims(s) ? ['member', 'claimer'] : withTeams(s) ? ['member'] : []),
  otherTeamVolunteer: () => [],
  stranger: () => [],
  system: () => ['system'],
}

/** t-1 and t-2 serve the station st (under 所 in); t-county the county center c; t-far a station of another 所. */
export const TEAMS = [
  team({ id: 't-1', name: '测试队', leaderId: 'lead', memberIds: ['lead', 'vol', 'claimer'] }),
  team({ id: 't-2', name: '第二队', leaderId: 'lead-2', memberIds: ['lead-2', 'vol-2'] }),
  team({ id: 't-county', name: '县级队', orgUnitId: 'c', leaderId: null, memberIds: [] }),
  team({ id: 't-far', name: '外所村队', orgUnitId: 'st-far', leaderId: null, memberIds: [] }),
]

/** The unit tree of this world: center c; 所 in with station st; another 所 with station st-far. */
export const UNIT_PATHS = {
  c: ['c'],
  in: ['c', 'in'],
  st: ['c', 'in', 'st'],
  'other-institute': ['c', 'other-institute'],
  'st-far': ['c', 'other-institute', 'st-far'],
}

export const CLAIM = { volunteerId: 'claimer', name: '张护士', at: NOW, unitPath: ['c', 'in', 'st'] }

const completedStates: OrderStatus[] = ['completed', 'rated', 'closed']
const CHECKED_CLAIM = {
  ...CLAIM,
  checkInAt: '2026-03-02T06:00:00.000Z',
  checkOutAt: '2026-03-02T08:00:00.000Z',
  hours: { reported: 2, status: 'verified' as const, credited: 2 },
}

/** The order in a state, as the real actions would have left it (capacity 2, one claim once claimed). */
export function orderIn(status: OrderStatus, over: Partial<Order> = {}): Order {
  return order({
    status,
    version: 5,
    teamIds: withTeams(status) ? ['t-1'] : [],
    capacity: 2,
    // completed on site: checked in and out for the 2 hours reported (verified, core/hours.ts)
    claims: withClaims(status) ? [completedStates.includes(status) ? CHECKED_CLAIM : CLAIM] : [],
    completion: ['completed', 'rated', 'closed'].includes(status) ? { hours: 2, beneficiaryCount: 3, note: '', by: 'claimer', at: NOW } : null,
    rating: status === 'rated' ? { stars: 5, comment: '', at: NOW } : null,
    ...over,
  })
}
