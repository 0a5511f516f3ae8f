import type { OrderView } from '~types/api'

/** Places still open on an order: "还差2人", or "名额已满". */
export function placesLeft(order: OrderView): string {
  const left = order.capacity - order.claims.length
  return left > 0 ? `还差${left}人` : '名额已满'
}

export function claimedBy(order: OrderView, userId: string): boolean {
  return order.claims.some((c) => c.volunteerId === userId)
}
