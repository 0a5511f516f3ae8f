import { create } from 'zustand'
import type { OrderView } from '../../types/api'
import type { LedgerEntry } from '../../types/domain'
import * as order from '../services/order'
import * as points from '../services/points'
import { toApiCallError } from '../services/transport'
import { createListStore } from './list'

/**
 * Whether the task hall was refused because the person is in no 志愿服务队 yet (FORBIDDEN): the page then offers
 * 加入志愿服务队 next to the message. The list store keeps only the message, so the code is noted here.
 */
export const useTasksRefused = create<{ refused: boolean }>(() => ({ refused: false }))

/** 任务大厅: orders dispatched to my teams, plus my own claims. */
export const tasksStore = createListStore<OrderView>(async (cursor) => {
  try {
    const page = await order.tasks(cursor)
    useTasksRefused.setState({ refused: false })
    return page
  } catch (err) {
    useTasksRefused.setState({ refused: toApiCallError(err).code === 'FORBIDDEN' })
    throw err
  }
})

/** 我的积分: my points ledger. */
export const ledgerStore = createListStore<LedgerEntry>((cursor) => points.ledger(cursor))
