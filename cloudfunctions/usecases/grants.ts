import { roleChangeEntry } from '~core/audit'
import { AppError, fail } from '~core/errors'
import type { AuditStore, CatalogStore, MembershipStore, UserStore } from '~core/ports'
import type { Membership, Role, Team, User } from '~types'

/** Roles that manage a unit: granting one names the unit (managedUnitId). */
export const isScopedRole = (role: Role) => role === 'manager' || role === 'admin'

export interface RoleGrant {
  userId: string
  role: Role
  revoke: boolean
  /** the managed unit of a manager or admin grant */
  unitId?: string
}

/** Who decided a grant, for its audit entry (`auditId` keyed by the request, so a retry lands on the same entry). */
export interface GrantAuthor {
  by: User
  auditId: string
  at: string
}

/**
 * The one way a role is granted or revoked, whoever decided it may be (user.grantRole by an admin, an invite's roles
 * when its person registers): a manager or admin grant names an existing unit, and the user must exist. The audit
 * entry is recorded right after the change (one insert).
 */
export async function applyRoleGrant(
  deps: { users: Pick<UserStore, 'setRole'>; catalog: Pick<CatalogStore, 'getUnit'>; audit: Pick<AuditStore, 'record'> },
  grant: RoleGrant,
  author: GrantAuthor,
): Promise<User> {
  const scoped = isScopedRole(grant.role)
  if (scoped && !grant.revoke && !grant.unitId) fail('INVALID_INPUT', '授予管理员角色时请选择管理单位')
  if (scoped && grant.unitId && !(await deps.catalog.getUnit(grant.unitId))) fail('NOT_FOUND', '管理单位不存在')
  const updated = await deps.users.setRole(grant.userId, grant.role, !grant.revoke, scoped ? (grant.unitId ?? null) : undefined)
  if (!updated) throw new AppError('NOT_FOUND', '用户不存在')
  const unitId = scoped && grant.unitId ? grant.unitId : null
  await deps.audit.record([
    roleChangeEntry({ id: author.auditId, by: author.by, target: updated, role: grant.role, grant: !grant.revoke, unitId, at: author.at }),
  ])
  return updated
}

/** A person's application to join a team (user.applyTeam), pending until approved. */
export function applicationOf(team: Team, user: User, at: string): Membership {
  return {
    id: `${team.id}:${user.id}`,
    teamId: team.id,
    userId: user.id,
    userName: user.name,
    status: 'pending',
    appliedAt: at,
    approvedAt: null,
    approvedBy: null,
  }
}

/**
 * A person joins a team as an active member, approved by `approvedBy` (the inviter of an invite that names the team):
 * the application and its approval as user.applyTeam and user.approveMember make them, which also grants volunteer.
 */
export async function joinTeam(
  deps: { memberships: Pick<MembershipStore, 'applyMembership' | 'approveMembership'> },
  team: Team,
  user: User,
  approvedBy: string,
  at: string,
): Promise<Membership> {
  await deps.memberships.applyMembership(applicationOf(team, user, at))
  const approved = await deps.memberships.approveMembership(team.id, user.id, approvedBy, at)
  if (!approved) throw new Error(`joinTeam: no membership ${team.id}:${user.id}`)
  return approved
}
