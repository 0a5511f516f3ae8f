import type { OrderStatus } from './domain'

/**
 * The tabs of 订单总览 (order.overview): each a label and the statuses it shows. One definition for the page and the
 * tests; every status belongs to exactly one tab.
 */
export const OVERVIEW_TABS = [
  { key: 'placed', label: '待派单', statuses: ['placed'] },
  { key: 'dispatched', label: '待接单', statuses: ['dispatched'] },
  { key: 'claimed', label: '已接单', statuses: ['claimed'] },
  { key: 'completed', label: '待评单', statuses: ['completed'] },
  { key: 'done', label: '已完成', statuses: ['rated', 'closed'] },
  { key: 'ended', label: '已退回/已取消', statuses: ['rejected', 'cancelled'] },
] as const satisfies ReadonlyArray<{ key: string; label: string; statuses: readonly OrderStatus[] }>

export type OverviewTab = (typeof OVERVIEW_TABS)[number]

/** The tab before them that shows every status (the page opens on it, so a search finds an order in any state). */
export const OVERVIEW_ALL_TAB = { key: 'all', label: '全部' } as const

export type OverviewTabKey = OverviewTab['key'] | (typeof OVERVIEW_ALL_TAB)['key']

/** The order of the overview's pages: by the time the order was placed. */
export const OVERVIEW_SORTS = ['newest', 'oldest'] as const
export type OverviewSort = (typeof OVERVIEW_SORTS)[number]

export const OVERVIEW_SORT_LABELS: Record<OverviewSort, string> = { newest: '最新在前', oldest: '最早在前' }

/** The longest search text of order.overview and user.search. */
export const SEARCH_MAX = 40
