import { AppError, fail } from '~core/errors'
import { chinaDay, dayStart, IDLE_TEAM_DAYS, MAX_PERIOD_DAYS, nextDay, overdueBounds, summaryOf } from '~core/figures'
import { resolveLimits } from '~core/limits'
import { managedUnitOf, managesUnitPath } from '~core/relations'
import type { OrgUnit, User } from '~types'
import { type Call, defineFunction } from '../shared/define'
import { yearRange } from '../shared/period'
import { unitTree } from '../shared/units'
import { lookBackOf } from '~usecases/look-back'

const DAY_MS = 86_400_000

/** The unit asked about (default: the caller's), for managers of it or of a unit above it, and admins. */
async function unitFor(call: Call, unitId: string | undefined): Promise<{ user: User; unit: OrgUnit }> {
  const user = await call.user()
  const managed = managedUnitOf(user)
  const id = unitId ?? managed
  if (!managed || !id) fail('FORBIDDEN', '只有实践中心（所、站）管理员可以查看统计')
  const unit = await call.deps.catalog.getUnit(id)
  if (!unit) throw new AppError('NOT_FOUND', '单位不存在')
  if (!managesUnitPath(user, unit.path)) fail('FORBIDDEN', '只能查看本单位及下级单位的统计')
  return { user, unit }
}

/**
 * The period as whole China-time days: from the day `from` falls on to the end of the day before `to` (a `to` at
 * midnight China time ends there). At most MAX_PERIOD_DAYS.
 */
function periodOf(input: { from?: string; to?: string }, now: Date) {
  const year = yearRange(now)
  const from = new Date(input.from ?? year.from).toISOString()
  const to = new Date(input.to ?? year.to).toISOString()
  if (from >= to) fail('INVALID_INPUT', '结束时间应晚于开始时间')
  const fromDay = chinaDay(from)
  const toDay = dayStart(chinaDay(to)) === to ? chinaDay(to) : nextDay(chinaDay(to))
  if ((Date.parse(dayStart(toDay)) - Date.parse(dayStart(fromDay))) / DAY_MS > MAX_PERIOD_DAYS) {
    fail('INVALID_INPUT', '统计期间最长3年，请缩短起止时间')
  }
  return { fromDay, toDay, from: dayStart(fromDay), to: dayStart(toDay) }
}

export const statsFunction = defineFunction('stats', {
  /**
   * The figures of a unit's orders placed in a period (core/figures.ts FIGURES), from the rollups: the cost grows
   * with the days of the period, not with the orders. 超时 is counted live on the open orders under the unit's limits.
   */
  async summary(input, call) {
    const { deps } = call
    const { unit } = await unitFor(call, input.unitId)
    const period = periodOf(input, deps.clock())
    const now = deps.clock()
    const [sums, overdue] = await Promise.all([
      deps.stats.sums({ unitId: unit.id, fromDay: period.fromDay, toDay: period.toDay }),
      deps.catalog.getUnitSettings(unit.path).then((settings) => {
        const { limits } = resolveLimits(unit.path, settings, deps.policy.limits)
        return deps.stats.countOverdue({ unitId: unit.id, from: period.from, to: period.to, ...overdueBounds(limits, now) })
      }),
    ])
    return { unitId: unit.id, from: period.from, to: period.to, stats: summaryOf(sums, overdue, period) }
  },

  /** 回头看 (issue 11): the month's orders without a resolved outcome, by group (usecases/look-back.ts). */
  async lookBack(input, call) {
    const { deps } = call
    const [user, units] = await Promise.all([call.user(), unitTree(deps.catalog)])
    return lookBackOf(deps, user, input, deps.clock(), units)
  },

  /** Teams of the unit and the units below it with no served order in the last IDLE_TEAM_DAYS days, longest idle first. */
  async idleTeams(input, call) {
    const { deps } = call
    const { unit } = await unitFor(call, input.unitId)
    const since = new Date(deps.clock().getTime() - IDLE_TEAM_DAYS * DAY_MS).toISOString()
    const units = await unitTree(deps.catalog)
    const below = units.filter((u) => u.path.includes(unit.id)).map((u) => u.id)
    const teams = await deps.catalog.listTeams({ unitIds: below })
    const last = teams.length > 0 ? await deps.stats.teamsLastServed(teams.map((t) => t.id)) : {}
    const idle = teams
      .map((t) => ({ id: t.id, name: t.name, orgUnitId: t.orgUnitId, lastServedAt: last[t.id] ?? null }))
      .filter((t) => t.lastServedAt === null || t.lastServedAt < since)
      .sort((a, b) => (a.lastServedAt ?? '').localeCompare(b.lastServedAt ?? '') || a.name.localeCompare(b.name, 'zh'))
    return { unitId: unit.id, since, teams: idle }
  },
})
