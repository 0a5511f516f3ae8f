import type { PolicyConfig } from '~core/config'
import { DUPLICATE_CANDIDATES_MAX } from '~core/config'
import { fail } from '~core/errors'
import { orderContext } from '~core/lifecycle'
import { resolveLimits } from '~core/limits'
import { dueAtOf, duplicateOwners, duplicatesAmong, isOverdue, normalizeSearch, overviewArms, waitLimitHours } from '~core/overview'
import type { CatalogStore, OrderStore } from '~core/ports'
import { managedUnitOf } from '~core/relations'
import {
  ORDER_STATUSES,
  PAGE_SIZE,
  type OrderStatus,
  type OrgUnit,
  type OverviewItem,
  type OverviewSort,
  type Page,
  type Team,
  type UnitLimits,
  type User,
} from '~types'
import { itemFor } from './order-view'

export type OverviewStores = {
  orders: Pick<OrderStore, 'listOverview' | 'listOpenOf'>
  catalog: Pick<CatalogStore, 'listUnitSettings' | 'listTeams'>
  policy: Pick<PolicyConfig, 'limits'>
}

export interface OverviewInput {
  status?: OrderStatus | OrderStatus[]
  unitId?: string
  themeId?: string
  from?: string
  to?: string
  q?: string
  overdue?: boolean
  sort: OverviewSort
  cursor?: string
  limit?: number
}

const iso = (t: string | undefined) => (t === undefined ? undefined : new Date(t).toISOString())

/**
 * 订单总览: the page of orders of the unit's subtree the filters leave, each with the caller's offer and what the card
 * shows (handling unit, teams, the limit on its wait, 超时, 疑似重复). Who may look: a manager of the unit or a unit
 * above it, and admins (anywhere); another subtree is FORBIDDEN. `units` is the county's unit tree.
 * Store calls: the unit settings and the page (in parallel), then the page's teams and its owners' open orders (in
 * parallel, each only when the page needs it).
 */
export async function overviewPage(
  deps: OverviewStores,
  user: User,
  input: OverviewInput,
  now: Date,
  units: readonly OrgUnit[],
): Promise<Page<OverviewItem>> {
  const isAdmin = user.roles.includes('admin')
  const managed = managedUnitOf(user)
  if (!managed && !isAdmin) fail('FORBIDDEN', '只有实践中心（所、站）管理员可以查看订单总览')
  const root = units.find((u) => u.parentId === null)
  const unitId = input.unitId ?? managed ?? root?.id
  const unit = units.find((u) => u.id === unitId)
  if (!unit) fail('NOT_FOUND', '所选单位不存在')
  if (!isAdmin && !(managed !== null && unit.path.includes(managed))) fail('FORBIDDEN', '只能查看本单位及下级单位的订单')

  const settings = await deps.catalog.listUnitSettings()
  const memo = new Map<string, UnitLimits>()
  const limitsAt = (path: readonly string[]): UnitLimits => {
    const key = path.join('/')
    let limits = memo.get(key)
    if (!limits) memo.set(key, (limits = resolveLimits(path, settings, deps.policy.limits).limits))
    return limits
  }

  const statuses = input.status === undefined ? [...ORDER_STATUSES] : Array.isArray(input.status) ? input.status : [input.status]
  const subtree = units.filter((u) => u.path.includes(unit.id))
  const arms = overviewArms(statuses, input.overdue === true, subtree, (u) => limitsAt(u.path), now)
  const search = input.q === undefined ? '' : normalizeSearch(input.q)
  if (input.q !== undefined && search === '') fail('INVALID_INPUT', '请填写搜索内容')
  const page = await deps.orders.listOverview(
    {
      unitId: unit.id,
      arms,
      themeId: input.themeId,
      from: iso(input.from),
      to: iso(input.to),
      search: search || undefined,
      sort: input.sort,
    },
    { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE },
  )

  const teamIds = [...new Set(page.items.flatMap((o) => o.teamIds))]
  const owners = duplicateOwners(page.items)
  const [teams, candidates] = await Promise.all([
    teamIds.length > 0 ? deps.catalog.listTeams({ ids: teamIds }) : Promise.resolve([] as Team[]),
    owners.length > 0 ? deps.orders.listOpenOf(owners, DUPLICATE_CANDIDATES_MAX) : Promise.resolve([]),
  ])
  const duplicates = duplicatesAmong(page.items, candidates)
  const unitNames = new Map(units.map((u) => [u.id, u.name]))
  const teamNames = new Map(teams.map((t) => [t.id, t.name]))
  const actor = { kind: 'user' as const, user }
  const items = page.items.map((o): OverviewItem => {
    const limits = limitsAt(o.unitPath)
    return {
      ...itemFor(orderContext(actor, o, teams), now.toISOString()),
      unitName: unitNames.get(o.orgUnitId) ?? '',
      teamNames: o.teamIds.map((id) => teamNames.get(id) ?? '已删除的队伍'),
      limitHours: waitLimitHours(o.status, limits),
      dueAt: dueAtOf(o, limits),
      overdue: isOverdue(o, limits, now),
      duplicateOf: duplicates.get(o.id) ?? null,
    }
  })
  return { items, nextCursor: page.nextCursor }
}
