import type { OrderAnswer } from '~types/api'
import * as orderApi from '../services/order'
import { useOrders } from '../stores/orders'
import { useLoad } from './useLoad'

/**
 * One order on a page: loaded with order.get, and replaced by the answer of each write on it (which carries the
 * actions open now), so a tap costs one request. Both go through the order cache, so lists show the change too.
 */
export function useOrder(orderId: string) {
  const load = useLoad(async () => useOrders.getState().put(await orderApi.get(orderId)))
  const { update } = load
  const apply = (answer: OrderAnswer) => {
    const entry = useOrders.getState().put(answer)
    update(() => entry)
    return entry
  }
  return { ...load, apply }
}
