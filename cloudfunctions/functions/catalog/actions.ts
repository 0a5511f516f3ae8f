import { AppError, fail } from '~core/errors'
import { limitsProblem, mergeOwnLimits, resolveLimits } from '~core/limits'
import { managedUnitOf, managesUnitPath, unitPathsOf } from '~core/relations'
import { teamFor } from '~core/team-view'
import { noFigures, teamFiguresLine } from '~core/team-figures'
import { LIMIT_KEYS, type EffectiveLimits, type OrgUnit, type Team, type User } from '~types'
import { leaderChangeEntry, limitsChangeEntry } from '~core/audit'
import { recordAudit } from '../shared/audit'
import { boundWrite } from '../shared/bound-request'
import { type Call, defineFunction } from '../shared/define'
import { teamFiguresFor } from '../shared/team-figures'
import { unitTree } from '../shared/units'
import { keyedId, newId } from '../shared/ids'

/** The unit, which must lie in the caller's managed subtree. */
async function requireManagedUnit(call: Call, user: User, unitId: string, what: string): Promise<OrgUnit> {
  const unit = await call.deps.catalog.getUnit(unitId)
  if (!unit) throw new AppError('NOT_FOUND', '所属单位不存在')
  if (!managesUnitPath(user, unit.path)) fail('FORBIDDEN', `只能维护本单位及下级单位的${what}`)
  return unit
}

async function requireThemes(call: Call, themeIds: string[]) {
  const themes = await call.deps.catalog.listThemes()
  if (!themeIds.every((id) => themes.some((t) => t.id === id))) fail('NOT_FOUND', '服务主题不存在')
}

/** The signed-in caller, or null for a call without a known person (the team list is open to them, without members). */
async function signedInOrNull(call: Call): Promise<User | null> {
  try {
    return await call.user()
  } catch (err) {
    if (err instanceof AppError && err.code === 'UNAUTHENTICATED') return null
    throw err
  }
}

/** The unit's limits in force: its path's settings (one read) over the deployment's defaults. */
async function effectiveLimits(call: Call, unit: OrgUnit): Promise<EffectiveLimits> {
  const settings = await call.deps.catalog.getUnitSettings(unit.path)
  return resolveLimits(unit.path, settings, call.deps.policy.limits)
}

/**
 * A team's leader is one of its active members (team.memberIds: who applied themself and was approved), so naming
 * a leader never makes anyone a member or a volunteer. A new team has no members, hence no leader yet.
 * INVALID_INPUT: the manager may maintain the team; it is the person named who does not qualify.
 */
function requireLeaderAmong(memberIds: readonly string[], leaderId: string | null | undefined): void {
  if (!leaderId || memberIds.includes(leaderId)) return
  fail(
    'INVALID_INPUT',
    memberIds.length === 0
      ? '队伍还没有队员，不能指定队长：请先建队，待本人申请入队并通过审核后再指定队长'
      : '队长须是本队的在队队员：请本人先申请入队并通过审核',
  )
}

/**
 * A team's leader named, replaced or cleared: one read of the two people (for their names in the log) and one insert,
 * after the team is saved. A new team never has a leader, so only an edit gets here.
 */
async function recordLeaderChange(call: Call, by: User, team: Team, before: string | null, requestId: string | undefined) {
  const people = await call.deps.users.getUsers([before, team.leaderId].filter((x): x is string => x !== null))
  const find = (id: string | null) => (id === null ? null : (people.find((u) => u.id === id) ?? null))
  const id = requestId ? keyedId('audit', by.id, 'catalog.upsertTeam', requestId) : newId('audit')
  await recordAudit(call.deps, leaderChangeEntry({ id, by, team, from: find(before), to: find(team.leaderId), at: call.now }))
}

const sameLimits = (a: Partial<Record<string, unknown>>, b: Partial<Record<string, unknown>>) =>
  LIMIT_KEYS.every((k) => (a[k] ?? null) === (b[k] ?? null))

/**
 * What a menu or team save's requestId is bound to (boundWrite): the record (its id, which for a new one is derived
 * from the person and the requestId) in its unit. A retry answers what its first attempt saved; the same requestId
 * for another record or unit is refused with nothing written.
 */
const targetOf = (saved: { id: string; orgUnitId: string }) => `${saved.id}@${saved.orgUnitId}`

export const catalogFunction = defineFunction('catalog', {
  tree: async (_input, call) => unitTree(call.deps.catalog),

  themes: async (_input, call) => call.deps.catalog.listThemes(),

  /** What the caller's unit and its ancestors offer (or a chosen unit's, for browsing). */
  async menu(input, call) {
    const { deps } = call
    let path: string[]
    if (input.includeInactive) {
      if (!input.unitId) fail('INVALID_INPUT', '请选择要维护菜单的单位')
      path = (await requireManagedUnit(call, await call.user(), input.unitId, '服务菜单')).path
    } else if (input.unitId) {
      const unit = await deps.catalog.getUnit(input.unitId)
      if (!unit) throw new AppError('NOT_FOUND', '单位不存在')
      path = unit.path
    } else {
      const user = await call.user()
      path = user.unitPath.length > 0 ? user.unitPath : (await unitTree(deps.catalog)).filter((u) => u.parentId === null).map((u) => u.id)
    }
    const [themes, items] = await Promise.all([deps.catalog.listThemes(), deps.catalog.listMenuItems(path)])
    return { themes, items: input.includeInactive ? items : items.filter((i) => i.active) }
  },

  /**
   * Teams by unit or theme, each with its figures of the last 12 months (one batched read for all); member ids only
   * for those who manage the team or lead it (core/team-view.ts).
   */
  async teams(input, call) {
    const { deps } = call
    const [teams, viewer] = await Promise.all([
      deps.catalog.listTeams({ unitIds: input.unitId ? [input.unitId] : undefined, themeId: input.themeId }),
      signedInOrNull(call),
    ])
    // a manager (not an admin, who sees all) needs the teams' unit paths: one read of the unit tree
    const needsPaths = viewer !== null && !viewer.roles.includes('admin') && managedUnitOf(viewer) !== null
    const [paths, figures] = await Promise.all([
      needsPaths ? unitTree(deps.catalog).then(unitPathsOf) : ({} as ReturnType<typeof unitPathsOf>),
      teamFiguresFor(deps, teams.map((t) => t.id), new Date(call.now)),
    ])
    return teams.map((t) => {
      const f = figures[t.id] ?? noFigures()
      return { ...teamFor(viewer, t, paths[t.orgUnitId] ?? [t.orgUnitId]), figures: f, figuresLine: teamFiguresLine(f) }
    })
  },

  async upsertMenuItem(input, call) {
    const { deps } = call
    const user = await call.user()
    await requireManagedUnit(call, user, input.orgUnitId, '服务菜单')
    await requireThemes(call, [input.themeId])
    if (input.id) {
      const existing = await deps.catalog.getMenuItem(input.id)
      if (!existing) throw new AppError('NOT_FOUND', '服务菜单不存在')
      await requireManagedUnit(call, user, existing.orgUnitId, '服务菜单')
    }
    const id = input.id ?? (input.requestId ? keyedId('m', user.id, input.requestId) : newId('m'))
    const wanted = {
      id,
      title: input.title,
      description: input.description,
      themeId: input.themeId,
      orgUnitId: input.orgUnitId,
      points: input.points,
      active: input.active,
    }
    const request = { name: 'catalog.upsertMenuItem', requestId: input.requestId, target: targetOf(wanted), reused: '该请求编号已用于另一项服务菜单，请刷新页面后重新提交' }
    return boundWrite(call, user, request, async () => ({ item: await deps.catalog.saveMenuItem(wanted) }))
  },

  async upsertTeam(input, call) {
    const { deps } = call
    const user = await call.user()
    await requireManagedUnit(call, user, input.orgUnitId, '志愿服务队')
    await requireThemes(call, input.themeIds)
    let memberIds: string[] = []
    let leaderBefore: string | null = null
    if (input.id) {
      const [existing] = await deps.catalog.listTeams({ ids: [input.id] })
      if (!existing) throw new AppError('NOT_FOUND', '志愿服务队不存在')
      await requireManagedUnit(call, user, existing.orgUnitId, '志愿服务队')
      memberIds = existing.memberIds
      leaderBefore = existing.leaderId
    }
    requireLeaderAmong(memberIds, input.leaderId)
    const id = input.id ?? (input.requestId ? keyedId('t', user.id, input.requestId) : newId('t'))
    const wanted = {
      id,
      name: input.name,
      themeIds: input.themeIds,
      orgUnitId: input.orgUnitId,
      leaderId: input.leaderId ?? null,
      memberIds,
      description: input.description,
    }
    const request = { name: 'catalog.upsertTeam', requestId: input.requestId, target: targetOf(wanted), reused: '该请求编号已用于另一支志愿服务队，请刷新页面后重新提交' }
    return boundWrite(call, user, request, async () => {
      const team = await deps.catalog.saveTeam(wanted)
      if (team.leaderId !== leaderBefore) await recordLeaderChange(call, user, team, leaderBefore, input.requestId)
      return { team }
    })
  },

  /**
   * Anyone signed in may read a unit's limits: they are no secret, and the order pages show how long an order has
   * waited against them. Only managers of the unit or above change them (updateLimits).
   */
  async limits(input, call) {
    await call.user()
    const unit = await call.deps.catalog.getUnit(input.unitId)
    if (!unit) throw new AppError('NOT_FOUND', '单位不存在')
    return effectiveLimits(call, unit)
  },

  /**
   * Sets or clears some of a unit's own limits. The requestId is bound to the unit (boundWrite): a retry answers the
   * first answer, the same requestId for another unit is refused.
   */
  async updateLimits(input, call) {
    const user = await call.user()
    const unit = await requireManagedUnit(call, user, input.unitId, '时限设置')
    const settings = await call.deps.catalog.getUnitSettings(unit.path)
    const change = Object.fromEntries(LIMIT_KEYS.map((k) => [k, input[k]]))
    const ownBefore = settings.find((s) => s.unitId === unit.id)?.limits ?? {}
    const own = mergeOwnLimits(ownBefore, change)
    const saved = { unitId: unit.id, limits: own, updatedAt: call.now, updatedBy: user.id }
    const next = resolveLimits(unit.path, [...settings.filter((s) => s.unitId !== unit.id), saved], call.deps.policy.limits)
    const problem = limitsProblem(next.limits)
    if (problem) fail('INVALID_INPUT', problem)
    const request = { name: 'catalog.updateLimits', requestId: input.requestId, target: unit.id, reused: '该请求编号已用于另一单位的时限设置，请刷新页面后重新保存' }
    return boundWrite(call, user, request, async () => {
      await call.deps.catalog.saveUnitSettings(saved)
      // a change that sets what was already set (a retry) changes nothing and is not logged again
      if (!sameLimits(ownBefore, own)) {
        const id = input.requestId ? keyedId('audit', user.id, 'catalog.updateLimits', input.requestId) : newId('audit')
        await recordAudit(call.deps, limitsChangeEntry({ id, by: user, unit, change, at: call.now }))
      }
      return next
    })
  },
})
