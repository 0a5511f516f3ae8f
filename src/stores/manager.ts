import * as order from '../services/order'
import { createOrderList } from './orders'

/** 派单台: the orders waiting to be dispatched in the manager's subtree, oldest first as the API returns them. */
export const useQueue = createOrderList((cursor) => order.queue(cursor))
