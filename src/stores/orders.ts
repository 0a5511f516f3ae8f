import { create } from 'zustand'
import type { OrderAnswer, OrderHandling, OrderItem, OrderOffer, OrderView } from '~types/api'
import type { Page } from '~types/domain'
import { createListStore } from './list'

/** One order as this phone last heard of it: the view, and what the signed-in person may do with it. */
export type OrderEntry = { order: OrderView } & OrderOffer

interface OrdersState {
  byId: Record<string, OrderEntry>
  /** who handles each order and by when, as order.get last told its owner (kept across later writes) */
  handling: Record<string, OrderHandling>
  /** when this phone last heard of each order (Date.now()) */
  heardAt: Record<string, number>
  /** keep what an order.get or an order write answered (or a list item), and hand back the entry */
  put: (fresh: OrderAnswer | OrderItem) => OrderEntry
  get: (id: string) => OrderEntry | undefined
  /** forget every order (signing out: the entries were answered for that person) */
  clear: () => void
}

/** the code screen's offer rides along only when present (order.checkinCode, issue 10) */
const codeOffer = (o: OrderOffer) => (o.showsCheckinCode ? { showsCheckinCode: true as const } : {})

function entryOf(fresh: OrderAnswer | OrderItem): OrderEntry {
  if ('order' in fresh) return { order: fresh.order, actions: fresh.actions, reasonRequired: fresh.reasonRequired, ...codeOffer(fresh) }
  const { actions, reasonRequired, showsCheckinCode, ...order } = fresh
  return { order, actions, reasonRequired, ...codeOffer({ actions, reasonRequired, showsCheckinCode }) }
}

/**
 * A list shows the contact masked to all but the owner (the order page shows it, and the server records who saw it):
 * a list item of the very version held keeps the phone and address the order page was answered with.
 */
function keepShownContact(held: OrderEntry | undefined, entry: OrderEntry): OrderEntry {
  if (!held || held.order.version !== entry.order.version || !held.order.contactVisible || entry.order.contactVisible) return entry
  const { phone, address } = held.order
  return { ...entry, order: { ...entry.order, phone, address, contactVisible: true } }
}

/** The entry as a list shows it: the order's fields with its offer beside them. */
export function itemOf(entry: OrderEntry): OrderItem {
  return { ...entry.order, actions: entry.actions, reasonRequired: entry.reasonRequired, ...codeOffer(entry) }
}

/**
 * The order cache, keyed by id: every order.get and every order write puts its answer here, and the order lists
 * follow it, so a page never reaches into another page's store to say what changed.
 */
export const useOrders = create<OrdersState>()((set, get) => ({
  byId: {},
  heardAt: {},
  handling: {},
  put(fresh) {
    const id = entryOf(fresh).order.id
    const handling = 'handling' in fresh ? fresh.handling : undefined
    if (handling) set((s) => ({ handling: { ...s.handling, [id]: handling } }))
    const held = get().byId[id]
    const entry = 'order' in fresh ? entryOf(fresh) : keepShownContact(held, entryOf(fresh))
    // an answer that left before a newer one came back (a reload overtaken by a tap) never replaces it
    if (held && held.order.version > entry.order.version) return held
    set((s) => ({ byId: { ...s.byId, [id]: entry }, heardAt: { ...s.heardAt, [id]: Date.now() } }))
    return entry
  },
  get: (id) => get().byId[id],
  clear: () => set({ byId: {}, heardAt: {}, handling: {} }),
}))

/** A paginated list of orders that shows each order as the cache last heard of it once it changes. */
export function createOrderList(fetchPage: (cursor?: string) => Promise<Page<OrderItem>>) {
  const list = createListStore<OrderItem>(fetchPage)
  useOrders.subscribe((now, before) => {
    for (const [id, entry] of Object.entries(now.byId)) {
      if (entry !== before.byId[id] && list.getState().items.some((i) => i.id === id)) list.getState().replace(itemOf(entry))
    }
  })
  return list
}
