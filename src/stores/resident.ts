import type { OrderView } from '~types/api'
import * as order from '../services/order'
import { createListStore } from './list'

/** 我的点单: the orders the signed-in person placed, for themselves or (代办员) for someone else. */
export const useResidentOrders = createListStore<OrderView>((cursor) => order.listMine(cursor))
