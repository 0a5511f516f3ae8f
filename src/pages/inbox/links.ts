import type { InboxMessage, NotificationKind } from '~types/domain'
import { ROUTES, withQuery } from '../../routes'

/** Which page a message opens: the order as the person it was meant for works on it. */
const PAGE_OF_KIND: Record<NotificationKind, string> = {
  // to the resident who placed the order
  dispatched: ROUTES.resident.order,
  claimed: ROUTES.resident.order,
  completed: ROUTES.resident.order,
  cancelled: ROUTES.resident.order,
  rejected: ROUTES.resident.order,
  orderEscalated: ROUTES.resident.order,
  // to managers (the preferred-time alert reaches claimers too; the order page shows them the order as well)
  remindUndispatched: ROUTES.manager.order,
  escalated: ROUTES.manager.order,
  recalled: ROUTES.manager.order,
  alertPreferred: ROUTES.manager.order,
  // to team leaders and volunteers
  newTask: ROUTES.volunteer.task,
  taskCancelled: ROUTES.volunteer.task,
  remindUnclaimed: ROUTES.volunteer.task,
  // 积分超市: the person's redemptions
  redemptionExpired: ROUTES.mall.mine,
  // 回访 and 申诉 (issue 11): managers open the order; the appellant (a team leader) their task
  followUpOpened: ROUTES.manager.order,
  followUpDue: ROUTES.manager.order,
  followUpEscalated: ROUTES.manager.order,
  appealed: ROUTES.manager.order,
  appealDecided: ROUTES.volunteer.task,
}

export function linkOf(message: InboxMessage): string | null {
  if (!message.orderId) return null
  return withQuery(PAGE_OF_KIND[message.kind], { id: message.orderId })
}
