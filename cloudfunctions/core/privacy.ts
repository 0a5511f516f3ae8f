import type { OrderView } from '~types'
import type { Order } from '~types'

export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****'
}

/** Keeps the village-level start of an address (enough to plan a trip) and hides the house. */
export function maskAddress(address: string): string {
  const keep = Math.min(6, Math.ceil(address.length / 2))
  return `${address.slice(0, keep)}****`
}

/** The order as a viewer may see it. `contactVisible` comes from relations.canSeeContact. */
export function viewOrder(order: Order, contactVisible: boolean): OrderView {
  const { originPath: _originPath, ...rest } = order
  return contactVisible
    ? { ...rest, contactVisible }
    : { ...rest, phone: maskPhone(order.phone), address: maskAddress(order.address), contactVisible }
}
