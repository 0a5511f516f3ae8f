import { SUBSCRIBE_TEMPLATES, type AppNotification, type InboxMessage, type SubscribeGrants, type SubscribeSend, type SubscribeTemplate, type User } from '~types'
import type { Store } from '~core/store'
import { decodeCursor, HIGH, keyParams, toPage } from './cursor'
import { all, one, parseDoc, parseDocs, type Context, writeTx } from './db'

type NotifyMethods = Pick<
  Store,
  | 'listPendingNotifications'
  | 'markNotificationsDelivered'
  | 'listManagersOf'
  | 'insertInbox'
  | 'listInbox'
  | 'countUnread'
  | 'markRead'
  | 'getSubscribeGrants'
  | 'addSubscribeGrants'
  | 'reserveSend'
  | 'recordSend'
  | 'settleSend'
  | 'listSends'
>

export function noGrants(): SubscribeGrants {
  return Object.fromEntries(SUBSCRIBE_TEMPLATES.map((t) => [t, 0])) as SubscribeGrants
}

/** The delivery of notifications: pending list, inbox, subscribe-message grants and send attempts. */
export function notifyMethods(ctx: Context): NotifyMethods {
  const { db, s } = ctx

  const readGrants = (userId: string): SubscribeGrants => ({ ...noGrants(), ...parseDoc<SubscribeGrants>(one(s.grantsByUser, { userId })) })
  const putGrants = (userId: string, grants: SubscribeGrants) => s.putGrants.run({ userId, doc: JSON.stringify(grants) })
  const insertSend = (send: SubscribeSend) =>
    s.insertSend.run({ id: send.id, notificationId: send.notificationId, doc: JSON.stringify(send) }).changes > 0

  const markDelivered = writeTx(db, (ids: string[], at: string) => {
    for (const id of ids) if (s.deletePending.run({ id }).changes > 0) s.markNotificationDelivered.run({ id, at })
  })

  const insertInbox = writeTx(db, (messages: InboxMessage[]): string[] =>
    messages
      .filter((m) => s.insertInbox.run({ id: m.id, userId: m.userId, at: m.at, readAt: m.readAt, doc: JSON.stringify(m) }).changes > 0)
      .map((m) => m.id),
  )

  const addGrants = writeTx(db, (userId: string, templates: SubscribeTemplate[], requestKey?: string): SubscribeGrants => {
    if (requestKey !== undefined) {
      if (one(s.requestByKey, { key: requestKey })) return readGrants(userId)
      s.insertRequest.run({ key: requestKey, response: 'null', at: new Date().toISOString() })
    }
    const grants = readGrants(userId)
    for (const t of templates) grants[t] += 1
    putGrants(userId, grants)
    return grants
  })

  const reserve = writeTx(db, (send: SubscribeSend, noGrantReason: string): 'reserved' | 'noGrant' | 'duplicate' => {
    if (one(s.sendById, { id: send.id })) return 'duplicate'
    const grants = readGrants(send.userId)
    if (grants[send.template] < 1) {
      insertSend({ ...send, outcome: 'skipped', reason: noGrantReason, errCode: null })
      return 'noGrant'
    }
    grants[send.template] -= 1
    putGrants(send.userId, grants)
    insertSend({ ...send, outcome: 'reserved', reason: null, errCode: null })
    return 'reserved'
  })

  const settle = writeTx(db, (send: SubscribeSend, refund: boolean) => {
    const stored = parseDoc<SubscribeSend>(one(s.sendById, { id: send.id }))
    if (!stored || stored.outcome !== 'reserved') return
    s.updateSend.run({ id: send.id, doc: JSON.stringify(send) })
    if (refund) {
      const grants = readGrants(send.userId)
      grants[send.template] += 1
      putGrants(send.userId, grants)
    }
  })

  return {
    async listPendingNotifications(limit) {
      if (limit <= 0) return []
      return parseDocs<AppNotification>(all(s.pendingNotifications, { limit: Math.floor(limit) }))
    },
    async markNotificationsDelivered(ids, at) {
      if (ids.length > 0) markDelivered(ids, at)
    },
    async listManagersOf(unitIds) {
      if (unitIds.length === 0) return []
      const users = parseDocs<User>(all(s.managersOf, { unitIds: JSON.stringify([...new Set(unitIds)]) }))
      return users.filter((u) => u.roles.includes('manager') || u.roles.includes('admin'))
    },
    async insertInbox(messages) {
      return messages.length === 0 ? [] : insertInbox(messages)
    },
    async listInbox(userId, page) {
      const rows = all<{ at: string; id: string; doc: string }>(s.inboxPage, {
        userId,
        ...keyParams(decodeCursor(page.cursor, HIGH)),
        limit: page.limit + 1,
      })
      return toPage(parseDocs<InboxMessage>(rows), rows, page.limit)
    },
    async countUnread(userId) {
      return one<{ n: number }>(s.countUnread, { userId })?.n ?? 0
    },
    async markRead(userId, ids, at) {
      if (ids === null) return s.markReadAll.run({ userId, at }).changes
      if (ids.length === 0) return 0
      return s.markReadIds.run({ userId, at, ids: JSON.stringify([...new Set(ids)]) }).changes
    },
    async getSubscribeGrants(userId) {
      return readGrants(userId)
    },
    async addSubscribeGrants(userId, templates, requestKey) {
      return addGrants(userId, templates, requestKey)
    },
    async reserveSend(send, noGrantReason) {
      return reserve(send, noGrantReason)
    },
    async recordSend(send) {
      return insertSend(send)
    },
    async settleSend(send, refund) {
      settle(send, refund)
    },
    async listSends(notificationId) {
      return parseDocs<SubscribeSend>(all(s.sendsByNotification, { notificationId }))
    },
  }
}
