import { create } from 'zustand'
import type { FollowUpItem } from '~types/api'
import type { FollowUpStatus } from '~types/domain'
import * as order from '~src/services/order'
import { createListStore } from '~src/stores/list'

/** The tabs of the 回访 list, in the server's statuses (order.followUps). */
export const FOLLOW_UP_TABS: ReadonlyArray<{ key: FollowUpStatus; label: string }> = [
  { key: 'open', label: '待回访' },
  { key: 'overdue', label: '已超时' },
  { key: 'closed', label: '已回访' },
]

export const useFollowUpTab = create<{ tab: FollowUpStatus }>(() => ({ tab: 'open' }))

export type FollowUpRow = FollowUpItem & { id: string }

export const useFollowUps = createListStore<FollowUpRow>(async (cursor) => {
  const page = await order.followUps({ status: useFollowUpTab.getState().tab, ...(cursor ? { cursor } : {}) })
  return { items: page.items.map((i) => ({ ...i, id: i.orderId })), nextCursor: page.nextCursor }
})
