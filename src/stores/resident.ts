import * as order from '../services/order'
import { createOrderList } from './orders'

/** 我的点单: the orders the signed-in person placed, for themselves or (代办员) for someone else. */
export const useResidentOrders = createOrderList((cursor) => order.listMine(cursor))
