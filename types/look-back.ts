import type { OrderStatus } from './domain'

/**
 * 回头看 (issue 11): a month's orders that have no resolved outcome, grouped by why. Each order of the month is in at
 * most one group: an open one past its limits cannot be rejected, cancelled or rated.
 */
export const LOOK_BACK_REASONS = ['overdue', 'rejected', 'cancelled', 'followUp'] as const
export type LookBackReason = (typeof LOOK_BACK_REASONS)[number]

export const LOOK_BACK_LABELS: Record<LookBackReason, { title: string; hint: string }> = {
  overdue: { title: '超时未办', hint: '待派单、待接单超过本单位时限，或已接单超过群众期望时间' },
  rejected: { title: '已退回', hint: '审核后退回给群众的点单，看看能否换个方式满足' },
  cancelled: { title: '群众取消', hint: '群众自己取消的点单，看看是不是等得太久' },
  followUp: { title: '差评未回访', hint: '群众评3星及以下，回访还没有办结' },
}

/** How many orders a group shows at first; the rest page by the group's cursor. */
export const LOOK_BACK_PAGE = 20

/** `YYYY-MM`, the month a look-back covers (China time). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/

/** One order of a group: enough to recognise it and open it. */
export interface LookBackItem {
  orderId: string
  title: string
  status: OrderStatus
  createdAt: string
  unitName: string
  /** why it is here, in a sentence: the wait past its limit, the reason given, or the 回访's deadline */
  detail: string
}

export interface LookBackGroup {
  reason: LookBackReason
  /** every order of the month in the group (from the statistics rollups, not from the page) */
  count: number
  items: LookBackItem[]
  nextCursor: string | null
}

export interface LookBackAnswer {
  unitId: string
  month: string
  /** the month's orders in all groups: what the monthly statistics show as 待回头看 */
  total: number
  /** every group, or only the one asked for (with its next page) */
  groups: LookBackGroup[]
}
