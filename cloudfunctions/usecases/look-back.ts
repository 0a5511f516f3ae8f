import type { PolicyConfig } from '~core/config'
import { lookBackCounts, lookBackTotal, overdueBounds } from '~core/figures'
import { resolveLimits } from '~core/limits'
import { lookBackArms, lookBackDetail, monthRange } from '~core/look-back'
import type { CatalogStore, OrderStore, StatsStore } from '~core/ports'
import { subtreeUnitFor } from '~core/relations'
import {
  LOOK_BACK_PAGE,
  LOOK_BACK_REASONS,
  type LookBackAnswer,
  type LookBackGroup,
  type LookBackReason,
  type Order,
  type OrgUnit,
  type Page,
  type User,
} from '~types'

export type LookBackStores = {
  orders: Pick<OrderStore, 'listOverview' | 'listFollowUps'>
  catalog: Pick<CatalogStore, 'getUnitSettings'>
  stats: Pick<StatsStore, 'sums' | 'countOverdue'>
  policy: Pick<PolicyConfig, 'limits'>
}

export interface LookBackInput {
  unitId?: string
  month: string
  reason?: LookBackReason
  cursor?: string
}

/**
 * 回头看: the month's orders of the unit's subtree without a resolved outcome, by group, each group's count from the
 * rollups (and the live overdue count) and its first page (or, with `reason`, that group's page from `cursor`).
 * Who may look: a manager of the unit or a unit above it; another subtree is FORBIDDEN. `units` is the county's tree.
 * Store calls: the unit's settings and the month's rollup sums (in parallel), then the overdue count and the
 * groups' pages (in parallel).
 */
export async function lookBackOf(deps: LookBackStores, user: User, input: LookBackInput, now: Date, units: readonly OrgUnit[]): Promise<LookBackAnswer> {
  const unit = subtreeUnitFor(user, input.unitId, units, { may: '回头看', within: '回头看本单位及下级单位的点单' })

  const range = monthRange(input.month)
  const [settings, sums] = await Promise.all([
    deps.catalog.getUnitSettings(unit.path),
    deps.stats.sums({ unitId: unit.id, fromDay: range.fromDay, toDay: range.toDay }),
  ])
  const { limits } = resolveLimits(unit.path, settings, deps.policy.limits)
  const bounds = overdueBounds(limits, now)
  const reasons = input.reason ? [input.reason] : [...LOOK_BACK_REASONS]
  const page = { cursor: input.reason ? input.cursor : undefined, limit: LOOK_BACK_PAGE }

  const pageOf = (reason: LookBackReason): Promise<Page<Order>> => {
    const arms = lookBackArms(reason, bounds)
    return arms
      ? deps.orders.listOverview({ unitId: unit.id, arms, from: range.from, to: range.to, sort: 'oldest' }, page)
      : deps.orders.listFollowUps({ unitId: unit.id, status: 'open', createdFrom: range.from, createdTo: range.to }, page)
  }
  const [overdue, ...pages] = await Promise.all([
    deps.stats.countOverdue({ unitId: unit.id, from: range.from, to: range.to, ...bounds }),
    ...reasons.map(pageOf),
  ])

  const counts = lookBackCounts(sums.total, overdue)
  const unitNames = new Map(units.map((u) => [u.id, u.name]))
  const at = now.toISOString()
  const groups = reasons.map(
    (reason, i): LookBackGroup => ({
      reason,
      count: counts[reason],
      items: pages[i].items.map((o) => ({
        orderId: o.id,
        title: o.title,
        status: o.status,
        createdAt: o.createdAt,
        unitName: unitNames.get(o.orgUnitId) ?? '',
        detail: lookBackDetail(o, reason, limits, at),
      })),
      nextCursor: pages[i].nextCursor,
    }),
  )
  return { unitId: unit.id, month: input.month, total: lookBackTotal(counts), groups }
}
