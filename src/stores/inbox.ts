import { create } from 'zustand'
import type { InboxMessage } from '~types/domain'
import * as inbox from '../services/inbox'
import { createListStore } from './list'

/** 消息: my inbox, newest first. */
export const useInbox = createListStore<InboxMessage>(async (cursor) => {
  const page = await inbox.list(cursor)
  useUnread.setState({ unread: page.unread })
  return page
})

/** The unread count for the badge on the home page; a failed refresh keeps the last count. */
export const useUnread = create<{ unread: number; refresh: () => Promise<void> }>()((set) => ({
  unread: 0,
  async refresh() {
    try {
      set({ unread: (await inbox.unread()).unread })
    } catch {
      // the badge is a hint: the inbox page itself shows errors
    }
  },
}))
