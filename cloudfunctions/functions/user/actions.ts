import { SIGN_IN } from '~core/config'
import { AppError, fail } from '~core/errors'
import { inviteRefusal } from '~core/invites'
import { managedUnitOf, managesUnitPath } from '~core/relations'
import { applicationOf, applyRoleGrant, isScopedRole } from '~usecases/grants'
import { PAGE_SIZE, type Team, type User } from '~types'
import { boundWrite } from '../shared/bound-request'
import { type Call, defineFunction } from '../shared/define'
import { unitTree } from '../shared/units'
import { keyedId, newId, newInviteCode } from '../shared/ids'
import { forgetClient } from '~core/proxy-clients'
import { toProfile } from '../shared/profile'

async function loadTeam(call: Call, teamId: string): Promise<Team> {
  const [team] = await call.deps.catalog.listTeams({ ids: [teamId] })
  if (!team) throw new AppError('NOT_FOUND', '志愿服务队不存在')
  return team
}

/** The team's leader, or a manager of the team's unit or above. */
async function requireTeamApprover(call: Call, user: User, team: Team) {
  if (team.leaderId === user.id) return
  const unit = await call.deps.catalog.getUnit(team.orgUnitId)
  if (!unit || !managesUnitPath(user, unit.path)) fail('FORBIDDEN', '只有队长或所属单位管理员可以审核入队申请')
}

export const userFunction = defineFunction('user', {
  async login(_input, call) {
    const { deps } = call
    if (!call.ctx.openid) throw new AppError('UNAUTHENTICATED')
    const existing = await deps.users.getUserByOpenid(call.ctx.openid)
    if (existing) return { user: toProfile(existing) }
    const created = await deps.users.createUser({
      id: keyedId('u', call.ctx.openid),
      openid: call.ctx.openid,
      name: '微信用户',
      phone: '',
      roles: ['resident'],
      orgUnitId: null,
      unitPath: [],
      managedUnitId: null,
      teamIds: [],
      createdAt: call.now,
    })
    return { user: toProfile(created) }
  },

  async updateProfile(input, call) {
    const { deps } = call
    const user = await call.user()
    let unitPath: string[] | undefined
    if (input.orgUnitId) {
      const unit = await deps.catalog.getUnit(input.orgUnitId)
      if (!unit) fail('NOT_FOUND', '所选站点不存在')
      unitPath = unit.path
    }
    const proxyClients = input.forgetClient === undefined ? undefined : (forgetClient(user, input.forgetClient) ?? undefined)
    const updated = await deps.users.updateProfile(user.id, {
      name: input.name,
      phone: input.phone,
      orgUnitId: input.orgUnitId,
      unitPath,
      proxyClients,
    })
    if (!updated) throw new AppError('NOT_FOUND', '用户不存在')
    return { user: toProfile(updated) }
  },

  async applyTeam(input, call) {
    const user = await call.user()
    const request = { name: 'user.applyTeam', requestId: input.requestId, target: input.teamId, reused: '该请求编号已用于申请另一支队伍，请刷新页面后重新申请' }
    return boundWrite(call, user, request, async () => {
      const team = await loadTeam(call, input.teamId)
      if (user.teamIds.includes(team.id)) fail('CONFLICT', '您已经是该队队员了')
      const membership = await call.deps.memberships.applyMembership(applicationOf(team, user, call.now))
      return { membership }
    })
  },

  async approveMember(input, call) {
    const { deps } = call
    const user = await call.user()
    const target = `${input.teamId}/${input.userId}`
    const request = { name: 'user.approveMember', requestId: input.requestId, target, reused: '该请求编号已用于审核另一份入队申请，请刷新页面后重新审核' }
    return boundWrite(call, user, request, async () => {
      const team = await loadTeam(call, input.teamId)
      await requireTeamApprover(call, user, team)
      if (input.approve) {
        // approveMembership reads the membership itself (and answers null when there is none): no read before it
        const membership = await deps.memberships.approveMembership(team.id, input.userId, user.id, call.now)
        if (!membership) fail('NOT_FOUND', '没有找到这份入队申请')
        return { membership }
      }
      const pending = await deps.memberships.getMembership(team.id, input.userId)
      if (!pending) fail('NOT_FOUND', '没有找到这份入队申请')
      if (pending.status === 'active') fail('CONFLICT', '该志愿者已经入队，不能再拒绝申请')
      await deps.memberships.declineMembership(team.id, input.userId)
      return { membership: pending }
    })
  },

  async memberships(_input, call) {
    const user = await call.user()
    return { items: await call.deps.memberships.listMembershipsOfUser(user.id) }
  },

  async applications(_input, call) {
    const { deps } = call
    const user = await call.user()
    const managed = managedUnitOf(user)
    const [teams, units] = await Promise.all([deps.catalog.listTeams({}), managed ? unitTree(deps.catalog) : Promise.resolve([])])
    const managedUnits = new Set(units.filter((u) => managed && u.path.includes(managed)).map((u) => u.id))
    const teamIds = teams.filter((t) => t.leaderId === user.id || managedUnits.has(t.orgUnitId)).map((t) => t.id)
    if (teamIds.length === 0) fail('FORBIDDEN', '只有队长或管理员可以审核入队申请')
    return { items: await deps.memberships.listMemberships(teamIds, 'pending') }
  },

  /**
   * What the person answered to Taro.requestSubscribeMessage: each accepted template allows one more send of it
   * (a retried request with the same requestId adds nothing).
   */
  async grantSubscribe(input, call) {
    const user = await call.user()
    const { deps } = call
    const accepted = input.templates.filter((t) => t.accepted).map((t) => t.template)
    if (accepted.length === 0) return { grants: await deps.notifications.getSubscribeGrants(user.id) }
    const requestKey = input.requestId ? `${user.id}:user.grantSubscribe:${input.requestId}` : undefined
    return { grants: await deps.notifications.addSubscribeGrants(user.id, accepted, requestKey) }
  },

  /** 人员与角色: find a person by the start of their name or phone (admins only). */
  async search(input, call) {
    const user = await call.user()
    if (!user.roles.includes('admin')) fail('FORBIDDEN', '只有中心管理员可以查找人员')
    const page = await call.deps.users.searchUsers(input.q, { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE })
    return { items: page.items.map((u) => ({ ...toProfile(u), unitPath: u.unitPath })), nextCursor: page.nextCursor }
  },

  async grantRole(input, call) {
    const { deps } = call
    const user = await call.user()
    if (!user.roles.includes('admin')) fail('FORBIDDEN', '只有中心管理员可以授予角色')
    if (input.revoke && input.role === 'admin' && input.userId === user.id) fail('CONFLICT', '不能撤销自己的中心管理员角色')
    const scoped = isScopedRole(input.role)
    const target = `${input.userId}/${input.role}/${scoped ? (input.unitId ?? '') : ''}`
    const request = { name: 'user.grantRole', requestId: input.requestId, target, reused: '该请求编号已用于另一项角色授予，请刷新页面后重新操作' }
    return boundWrite(call, user, request, async () => {
      // a retry with the same requestId lands on the same audit entry
      const auditId = input.requestId ? keyedId('audit', user.id, 'user.grantRole', input.requestId) : newId('audit')
      const grant = { userId: input.userId, role: input.role, revoke: input.revoke, unitId: input.unitId }
      const updated = await applyRoleGrant(deps, grant, { by: user, auditId, at: call.now })
      return { user: toProfile(updated) }
    })
  },

  /** The audit log for admins: newest first, of one kind or one unit when asked (one read). */
  async audit(input, call) {
    const user = await call.user()
    if (!user.roles.includes('admin')) fail('FORBIDDEN', '只有中心管理员可以查看审计日志')
    return call.deps.audit.list({ kind: input.kind, unitId: input.unitId }, { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE })
  },

  /**
   * An invite code for one person (single use, SIGN_IN.inviteDays days): registering with it on the local host grants
   * its roles through applyRoleGrant, and its team through joinTeam (usecases/grants.ts). An admin may invite to any
   * role; a manager only 代办员 of their unit or below (core/invites.ts). A retry with the same requestId answers the
   * same code.
   */
  async invite(input, call) {
    const { deps } = call
    const user = await call.user()
    const unit = await deps.catalog.getUnit(input.orgUnitId)
    if (!unit) fail('NOT_FOUND', '单位不存在')
    const refusal = inviteRefusal(user, input.roles, unit.path, input.teamId !== undefined)
    if (refusal) fail('FORBIDDEN', refusal)
    if (input.teamId !== undefined) await loadTeam(call, input.teamId)
    const expiresAt = new Date(Date.parse(call.now) + SIGN_IN.inviteDays * 24 * 3600 * 1000).toISOString()
    const target = `${[...input.roles].sort().join(',')}@${unit.id}/${input.teamId ?? ''}`
    const request = { name: 'user.invite', requestId: input.requestId, target, reused: '该请求编号已用于另一份邀请，请刷新页面后重新生成' }
    // bound to what it invites to; the invite's own request key keeps a retry from making a second code
    return boundWrite(call, user, request, async () => {
      const requestKey = input.requestId ? `${user.id}:user.invite:${input.requestId}` : undefined
      const invite = await deps.credentials.createInvite(
        {
          code: newInviteCode(),
          roles: [...input.roles],
          orgUnitId: unit.id,
          teamId: input.teamId ?? null,
          createdBy: user.id,
          createdAt: call.now,
          expiresAt,
          usedBy: null,
          usedAt: null,
        },
        requestKey,
      )
      return { code: invite.code, expiresAt: invite.expiresAt }
    })
  },
})
