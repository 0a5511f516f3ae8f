import { useEffect, useRef } from 'react'
import type { OrderAnswer } from '~types/api'
import * as orderApi from '../services/order'
import { useOrders } from '../stores/orders'
import { useLoad } from './useLoad'

/** How long an order this phone just heard of (a write's answer, or order.get) counts as fresh. */
const FRESH_MS = 30_000

/**
 * One order on a page: loaded with order.get, and replaced by the answer of each write on it (which carries the
 * actions open now), so a tap costs one request. Both go through the order cache, and the page follows the cache, so
 * a form page that wrote the order (评单, 完成服务) sends back a page that already shows the change.
 */
export function useOrder(orderId: string) {
  // the page's own load puts into the cache too: that put must not count as news from elsewhere, or it would
  // cancel the load that made it (update() drops answers older than itself)
  const loading = useRef(false)
  const load = useLoad(async () => {
    const fresh = await orderApi.get(orderId)
    loading.current = true
    try {
      return useOrders.getState().put(fresh)
    } finally {
      loading.current = false
    }
  })
  const { update, reload } = load
  const shown = useRef(false)

  useEffect(
    () =>
      useOrders.subscribe((now, before) => {
        const entry = now.byId[orderId]
        if (!loading.current && entry && entry !== before.byId[orderId]) update(() => entry)
      }),
    [orderId],
  )

  const apply = (answer: OrderAnswer) => useOrders.getState().put(answer)

  /** For useDidShow: loads on the first show, and again on a later one unless the order was heard of just now. */
  const onShow = () => {
    const heard = useOrders.getState().heardAt[orderId] ?? 0
    if (!shown.current || Date.now() - heard > FRESH_MS) void reload()
    shown.current = true
  }

  return { ...load, apply, onShow }
}
