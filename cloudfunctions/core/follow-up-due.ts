import type { AppNotification, Order } from '~types'
import { FOLLOW_UP_ESCALATE_HOURS } from './config'
import { chinaTime } from './deadlines'

const HOUR_MS = 3_600_000

/** Deterministic ids: once per order and 回访 (its openedAt), whatever happens to the order meanwhile. */
export const followUpNoticeKey = {
  followUpDue: (o: Order) => `followUp:due:${o.id}:${o.followUp?.openedAt ?? ''}`,
  followUpEscalated: (o: Order) => `followUp:escalated:${o.id}:${o.followUp?.openedAt ?? ''}`,
}

/** The unit whose managers an overdue 回访 of `unitId` goes up to: its parent on the order's path, the center when none. */
export function escalationUnitOf(order: Order, unitId: string): string {
  const at = order.unitPath.indexOf(unitId)
  if (at > 0) return order.unitPath[at - 1]
  return order.unitPath[0] ?? unitId
}

/**
 * What the scheduled job owes an open 回访 at `now`: at its dueAt a reminder to the handling unit's managers
 * (followUpDue); at dueAt + FOLLOW_UP_ESCALATE_HOURS also an escalation to the parent unit's managers (the center's
 * when there is none: followUpEscalated). None for a closed one or before dueAt. Recorded under deterministic ids,
 * so a second run records nothing new.
 */
export function followUpNotices(order: Order, now: Date): AppNotification[] {
  const f = order.followUp
  if (!f || f.status !== 'open') return []
  const due = Date.parse(f.dueAt)
  if (now.getTime() < due) return []
  const base = { orderId: order.id, title: order.title, userIds: [], at: now.toISOString(), status: 'pending' as const }
  const out: AppNotification[] = [
    {
      ...base,
      id: followUpNoticeKey.followUpDue(order),
      kind: 'followUpDue',
      unitIds: [f.unitId],
      text: `「${order.title}」的回访已到期（${chinaTime(f.dueAt)}），请尽快回访居民`,
      dueAt: f.dueAt,
    },
  ]
  const escalateAt = due + FOLLOW_UP_ESCALATE_HOURS * HOUR_MS
  if (now.getTime() >= escalateAt) {
    out.push({
      ...base,
      id: followUpNoticeKey.followUpEscalated(order),
      kind: 'followUpEscalated',
      unitIds: [escalationUnitOf(order, f.unitId)],
      text: `「${order.title}」的回访已超时${FOLLOW_UP_ESCALATE_HOURS}小时仍未完成，请督促承办单位回访`,
      dueAt: new Date(escalateAt).toISOString(),
    })
  }
  return out
}
