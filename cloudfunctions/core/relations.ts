import type { Order, OrgUnit, Team, User } from '~types'
import { fail } from './errors'

/** How an actor stands to an order. The lifecycle table grants actions to relations, never to raw roles. */
export type Relation = 'owner' | 'manager' | 'member' | 'leader' | 'claimer' | 'system'

export const RELATION_LABELS: Record<Relation, string> = {
  owner: '下单人',
  manager: '承办单位（或上级）管理员',
  member: '受派志愿服务队队员',
  leader: '受派志愿服务队队长',
  claimer: '已接单志愿者',
  system: '系统定时任务',
}

export type Actor = { kind: 'user'; user: User } | { kind: 'system' }

export const SYSTEM_ACTOR: Actor = { kind: 'system' }

export function actorId(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : actor.user.id
}

export function actorName(actor: Actor): string {
  return actor.kind === 'system' ? '系统' : actor.user.name
}

/** The unit a manager or admin manages, or null for anyone else: the one definition of "is a manager". */
export function managedUnitOf(user: User): string | null {
  return user.roles.includes('manager') || user.roles.includes('admin') ? user.managedUnitId : null
}

/**
 * The unit a manager asks about in a list of their unit and below (theirs by default), from the county's tree:
 * FORBIDDEN for anyone who manages no unit ('只有实践中心（所、站）管理员可以' + `may`) and for a unit outside their
 * subtree ('只能' + `within`), NOT_FOUND for an unknown one.
 */
export function subtreeUnitFor(user: User, unitId: string | undefined, units: readonly OrgUnit[], words: { may: string; within: string }): OrgUnit {
  const managed = managedUnitOf(user)
  if (!managed) fail('FORBIDDEN', `只有实践中心（所、站）管理员可以${words.may}`)
  const unit = units.find((u) => u.id === (unitId ?? managed))
  if (!unit) fail('NOT_FOUND', '所选单位不存在')
  if (!unit.path.includes(managed)) fail('FORBIDDEN', `只能${words.within}`)
  return unit
}

/** A manager or admin may act on anything placed at their unit or below it. */
export function managesUnitPath(user: User, unitPath: readonly string[]): boolean {
  const unitId = managedUnitOf(user)
  return unitId !== null && unitPath.includes(unitId)
}

/** Each unit's path (center first), by unit id: what mayDispatchTo reads. */
export type UnitPaths = Readonly<Record<string, readonly string[]>>

export function unitPathsOf(units: readonly OrgUnit[]): UnitPaths {
  return Object.fromEntries(units.map((u) => [u.id, u.path]))
}

/**
 * Whether a manager may dispatch to a team of the unit `teamUnitId`: a team of their own unit or below it, or of a
 * unit above theirs (the county's teams serve everyone), never one of another 所 or 站.
 */
export function mayDispatchTo(user: User, teamUnitId: string, paths: UnitPaths): boolean {
  const unitId = managedUnitOf(user)
  if (unitId === null) return false
  return (paths[teamUnitId] ?? []).includes(unitId) || (paths[unitId] ?? []).includes(teamUnitId)
}

/** `teams` must hold the teams the actor belongs to or leads (at least those among order.teamIds). */
export function relationsOf(actor: Actor, order: Order, teams: readonly Team[]): Set<Relation> {
  const relations = new Set<Relation>()
  if (actor.kind === 'system') {
    relations.add('system')
    return relations
  }
  const { user } = actor
  if (order.ownerId === user.id) relations.add('owner')
  if (managesUnitPath(user, order.unitPath)) relations.add('manager')
  if (user.roles.includes('volunteer') && user.teamIds.some((id) => order.teamIds.includes(id))) {
    relations.add('member')
  }
  if (teams.some((t) => order.teamIds.includes(t.id) && t.leaderId === user.id)) relations.add('leader')
  if (order.claims.some((c) => c.volunteerId === user.id)) relations.add('claimer')
  return relations
}

/** Phone and exact address: managers of the handling unit, claimers, and the person who placed the order. */
export function canSeeContact(relations: ReadonlySet<Relation>): boolean {
  return relations.has('owner') || relations.has('manager') || relations.has('claimer')
}

/** Anyone with a stake in the order may read it; strangers may not. */
export function canView(relations: ReadonlySet<Relation>): boolean {
  return relations.size > 0
}
