import type { OrderView } from '~types/api'
import type { LedgerEntry } from '~types/domain'
import * as order from '../services/order'
import * as points from '../services/points'
import { createListStore } from './list'

/** 任务大厅: orders dispatched to my teams, plus my own claims. */
export const tasksStore = createListStore<OrderView>((cursor) => order.tasks(cursor))

/** 我的积分: my points ledger. */
export const ledgerStore = createListStore<LedgerEntry>((cursor) => points.ledger(cursor))
