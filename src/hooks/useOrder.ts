import { useRef } from 'react'
import type { OrderAnswer, OrderView } from '~types/api'
import type { OrderAction } from '~types/domain'
import { ACTION_LABELS } from '~types/labels'
import * as orderApi from '../services/order'
import { useOrders } from '../stores/orders'
import { useSession } from '../stores/session'
import { useLoad } from './useLoad'

/** How long an order this phone just heard of (a write's answer, or order.get) counts as fresh. */
const FRESH_MS = 30_000

/** "您已接单", "您已完成服务": what the person is told once a write whose reply was lost turns out done. */
export function doneText(action: OrderAction): string {
  return `您已${ACTION_LABELS[action]}`
}

/**
 * Whether `me` did `action` on the order, as `fresh` shows it, since the phone held `heldEntries` timeline entries.
 * 接单 and 放弃接单 are read from the claims (a repeat claim's entry may be taken back by a later drop).
 */
export function didHappen(action: OrderAction, fresh: OrderView, heldEntries: number, me: string): boolean {
  const mine = fresh.claims.some((c) => c.volunteerId === me)
  if (action === 'claim') return mine
  if (action === 'unclaim') return !mine
  return fresh.timeline.slice(heldEntries).some((e) => e.action === action && e.actorId === me)
}

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

  /**
   * After a write of `action` whose reply was lost (NETWORK, TIMEOUT): reads the order again, shows it as it is
   * now, and answers it when the write was done after all (null when it was not, or the order cannot be read).
   */
  const recover = async (action: OrderAction): Promise<OrderAnswer | null> => {
    const heldEntries = useOrders.getState().byId[orderId]?.order.timeline.length ?? 0
    const me = useSession.getState().profile?.id ?? ''
    try {
      const fresh = await orderApi.get(orderId)
      useOrders.getState().put(fresh)
      return me && didHappen(action, fresh.order, heldEntries, me) ? fresh : null
    } catch {
      return null
    }
  }

  // nothing before the first load has answered; from then on, the cache (which that load filled)
  return { ...load, data: load.data === null ? null : (cached ?? load.data), apply, onShow, recover }
}
