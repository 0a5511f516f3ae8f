import { type OrderContext, offerFor } from '~core/lifecycle'
import { viewOrder } from '~core/privacy'
import { canSeeContact } from '~core/relations'
import type { OrderAnswer, OrderItem, OrderView } from '~types'

/** The order as this actor may see it (contact masked unless their relations allow it). */
export function viewOf(ctx: OrderContext): OrderView {
  return viewOrder(ctx.order, canSeeContact(ctx.relations))
}

/** The answer of order.get and of every order write: the view and the caller's offer at `now` (ISO). */
export function answerFor(ctx: OrderContext, now: string): OrderAnswer {
  return { order: viewOf(ctx), ...offerFor(ctx, now) }
}

/**
 * An order in a list: the view with the caller's offer (at `now`, ISO) beside its fields. A list shows the contact
 * only to the order's owner: to anyone else it is masked (the start of the address is enough to choose), and shown,
 * and recorded as a reveal, by the order page (order.get) or an action's answer, so a list page reveals nothing and
 * writes nothing.
 */
export function itemFor(ctx: OrderContext, now: string): OrderItem {
  return { ...viewOrder(ctx.order, ctx.relations.has('owner')), ...offerFor(ctx, now) }
}
