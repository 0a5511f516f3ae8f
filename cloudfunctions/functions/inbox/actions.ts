import { PAGE_SIZE } from '~types'
import { defineFunction } from '../shared/define'

/**
 * 消息: the caller's own inbox. Identity comes from the call only; every notification the delivery run hands out
 * lands here (see core/notify.ts), whether or not a WeChat subscribe message could be sent too.
 */
export const inboxFunction = defineFunction('inbox', {
  async list(input, call) {
    const user = await call.user()
    const { store } = call.deps
    const [page, unread] = await Promise.all([
      store.listInbox(user.id, { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE }),
      store.countUnread(user.id),
    ])
    return { ...page, unread }
  },

  async unread(_input, call) {
    const user = await call.user()
    return { unread: await call.deps.store.countUnread(user.id) }
  },

  async read(input, call) {
    const user = await call.user()
    const { store } = call.deps
    await store.markRead(user.id, input.all ? null : (input.ids ?? []), call.now)
    return { unread: await store.countUnread(user.id) }
  },
})
