import { useRef } from 'react'
import type { OrderAnswer } from '~types/api'
import * as orderApi from '../services/order'
import { useOrders } from '../stores/orders'
import { useLoad } from './useLoad'

/** How long an order this phone just heard of (a write's answer, or order.get) counts as fresh. */
const FRESH_MS = 30_000

/**
 * One order on a page: loaded with order.get, then shown as the order cache holds it, which every write's answer
 * updates (with the actions open now), so a tap costs one request, and a form page that wrote the order (评单,
 * 完成服务) sends back a page that already shows the change.
 */
export function useOrder(orderId: string) {
  const load = useLoad(async () => useOrders.getState().put(await orderApi.get(orderId)))
  const cached = useOrders((s) => s.byId[orderId])
  const shown = useRef(false)

  const apply = (answer: OrderAnswer) => useOrders.getState().put(answer)

  /** For useDidShow: loads on the first show, and again on a later one unless the order was heard of just now. */
  const onShow = () => {
    const heard = useOrders.getState().heardAt[orderId] ?? 0
    if (!shown.current || Date.now() - heard > FRESH_MS) void load.reload()
    shown.current = true
  }

  // nothing before the first load has answered; from then on, the cache (which that load filled)
  return { ...load, data: load.data === null ? null : (cached ?? load.data), apply, onShow }
}
