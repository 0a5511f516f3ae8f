import { PAGE_SIZE } from '~types'
import { defineFunction } from '../shared/define'

/**
 * 消息: the caller's own inbox. Identity comes from the call only; every notification the delivery run hands out
 * lands here (see core/notify.ts), whether or not a WeChat subscribe message could be sent too.
 */
export const inboxFunction = defineFunction('inbox', {
  async list(input, call) {
    const user = await call.user()
    const { deps } = call
    const [page, unread] = await Promise.all([
      deps.notifications.listInbox(user.id, { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE }),
      deps.notifications.countUnread(user.id),
    ])
    return { ...page, unread }
  },

  async unread(_input, call) {
    const user = await call.user()
    return { unread: await call.deps.notifications.countUnread(user.id) }
  },

  async read(input, call) {
    const user = await call.user()
    const { deps } = call
    await deps.notifications.markRead(user.id, input.all ? null : (input.ids ?? []), call.now)
    return { unread: await deps.notifications.countUnread(user.id) }
  },
})
