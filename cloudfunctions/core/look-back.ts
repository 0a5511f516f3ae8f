import type { LookBackReason, Order, UnitLimits } from '~types'
import { dayStart, type overdueBounds } from './figures'
import { followUpOverdue } from './follow-ups'
import type { OverviewArm } from './ports'

/**
 * 回头看 (issue 11): which of a month's orders have no resolved outcome, and why. The groups are the statistics'
 * own figures (core/figures.ts lookBackCounts counts them; FIGURES.overdue, rejected, cancelled, followUpOpen define
 * them): an open order past the limits of the unit looked at, a rejected or cancelled one, and one rated poorly whose
 * 回访 is not closed. Pure; stats.lookBack reads them.
 */

/** The China-time month `YYYY-MM` as whole days [fromDay, toDay) and instants [from, to). */
export function monthRange(month: string): { fromDay: string; toDay: string; from: string; to: string } {
  const fromDay = `${month}-01`
  const [y, m] = month.split('-').map(Number)
  const toDay = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  return { fromDay, toDay, from: dayStart(fromDay), to: dayStart(toDay) }
}

type Bounds = ReturnType<typeof overdueBounds>

/**
 * The overview's index ranges of a group (orders.listOverview), oldest placed first; null for 差评未回访, which is read
 * from the 回访 list instead (orders.listFollowUps, soonest due first). The overdue cuts are those of countOverdue.
 */
export function lookBackArms(reason: LookBackReason, bounds: Bounds): OverviewArm[] | null {
  switch (reason) {
    case 'overdue':
      return [
        { status: 'placed', updatedBefore: bounds.placedBefore },
        { status: 'dispatched', updatedBefore: bounds.dispatchedBefore },
        { status: 'claimed', preferredBefore: bounds.preferredBefore },
      ]
    case 'rejected':
    case 'cancelled':
      return [{ status: reason }]
    case 'followUp':
      return null
  }
}

const reasonText = (o: Pick<Order, 'reason'>) => o.reason.trim() || '未说明'

/** Why an order is in its group, in a sentence for the manager. */
export function lookBackDetail(o: Order, reason: LookBackReason, limits: UnitLimits, now: string): string {
  switch (reason) {
    case 'overdue':
      if (o.status === 'placed') return `待派单超过${limits.remindUndispatchedHours}小时`
      if (o.status === 'dispatched') return `派单后超过${limits.remindUnclaimedHours}小时无人接单`
      return '已接单，超过群众期望时间仍未完成'
    case 'rejected':
      return `退回原因：${reasonText(o)}`
    case 'cancelled':
      return `取消原因：${reasonText(o)}`
    case 'followUp': {
      const f = o.followUp
      if (!f) return '差评未回访'
      const tries = f.attempts.length > 0 ? `，已回访${f.attempts.length}次未联系上` : ''
      return `群众评${f.stars}星，${followUpOverdue(f, now) ? '回访已超时' : '待回访'}${tries}`
    }
  }
}
