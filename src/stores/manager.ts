import type { OrderView } from '~types/api'
import * as order from '../services/order'
import { createListStore } from './list'

/** 派单台: the orders waiting to be dispatched in the manager's subtree, oldest first as the API returns them. */
export const useQueue = createListStore<OrderView>((cursor) => order.queue(cursor))
