import { create } from 'zustand'
import { OVERVIEW_TABS, type OverviewSort, type OverviewTabKey } from '~types/overview'
import type { OverviewItem } from '~types/api'
import type { ActionInput } from '~types/schemas'
import * as order from '~src/services/order'
import { createListStore } from '~src/stores/list'
import { itemOf, useOrders } from '~src/stores/orders'

/** What the manager filters 订单总览 by; '' means "any". Dates are China-time calendar days (YYYY-MM-DD). */
export interface OverviewFilters {
  tab: OverviewTabKey
  unitId: string
  themeId: string
  fromDate: string
  toDate: string
  overdue: boolean
  q: string
  sort: OverviewSort
}

export const NO_FILTERS: OverviewFilters = {
  tab: 'all',
  unitId: '',
  themeId: '',
  fromDate: '',
  toDate: '',
  overdue: false,
  q: '',
  sort: 'newest',
}

export const useOverviewFilters = create<OverviewFilters>(() => ({ ...NO_FILTERS }))

/** The day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  const next = new Date(Date.UTC(y, m - 1, d + 1))
  return next.toISOString().slice(0, 10)
}

/** The request for these filters: a date range is whole China-time days, the end day included. */
export function overviewRequest(f: OverviewFilters, cursor?: string): ActionInput<'order', 'overview'> {
  const tab = OVERVIEW_TABS.find((t) => t.key === f.tab)
  const q = f.q.trim()
  return {
    // 全部: no status named, the server's default is every status
    ...(tab ? { status: [...tab.statuses] } : {}),
    sort: f.sort,
    ...(f.unitId ? { unitId: f.unitId } : {}),
    ...(f.themeId ? { themeId: f.themeId } : {}),
    ...(f.fromDate ? { from: `${f.fromDate}T00:00:00+08:00` } : {}),
    ...(f.toDate ? { to: `${nextDay(f.toDate)}T00:00:00+08:00` } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(q ? { q } : {}),
    ...(cursor ? { cursor } : {}),
  }
}

/** The overview's pages under the filters in force; an order the cache hears of anew shows as it heard it. */
export const useOverview = createListStore<OverviewItem>((cursor) => order.overview(overviewRequest(useOverviewFilters.getState(), cursor)))

useOrders.subscribe((now, before) => {
  for (const [id, entry] of Object.entries(now.byId)) {
    if (entry === before.byId[id]) continue
    const held = useOverview.getState().items.find((i) => i.id === id)
    if (held) useOverview.getState().replace({ ...held, ...itemOf(entry) })
  }
})

/** Changes some filters and loads the first page under them (what the old filters found leaves the screen at once). */
export function setFilters(change: Partial<OverviewFilters>): void {
  useOverviewFilters.setState(change)
  useOverview.getState().reset()
  void useOverview.getState().reload()
}
