import type { InboxMessage } from '../../../types/domain'
import { ROUTES, withQuery } from '../../routes'

/** Which page a message opens: the order as the person it was meant for works on it. */
const PAGE_OF_KIND: Record<string, string> = {
  // to managers
  remindUndispatched: ROUTES.manager.order,
  escalated: ROUTES.manager.order,
  recalled: ROUTES.manager.order,
  alertPreferred: ROUTES.manager.order,
  // to team leaders and volunteers
  remindUnclaimed: ROUTES.volunteer.task,
}

export function linkOf(message: InboxMessage): string | null {
  if (!message.orderId) return null
  return withQuery(PAGE_OF_KIND[message.kind] ?? ROUTES.resident.order, { id: message.orderId })
}
