import type { LedgerEntry } from '~types/domain'
import * as order from '../services/order'
import * as points from '../services/points'
import { createListStore } from './list'
import { createOrderList } from './orders'

/** 任务大厅: orders dispatched to my teams, plus my own claims. */
export const tasksStore = createOrderList((cursor) => order.tasks(cursor))

/** 我的积分: my points ledger. */
export const ledgerStore = createListStore<LedgerEntry>((cursor) => points.ledger(cursor))
