import {
  SUBSCRIBE_TEMPLATES,
  type AppNotification,
  type InboxMessage,
  type SubscribeGrants,
  type SubscribeSend,
  type SubscribeTemplate,
} from '~types'
import type { NotificationStore } from '~core/ports'
import {
  all,
  type Database,
  decodeKey,
  HIGH,
  keyParams,
  one,
  parseDoc,
  parseDocs,
  perDatabase,
  prepareAll,
  requestRows,
  toPage,
  writeTx,
} from './db'

export const NOTIFICATIONS_SQL = {
  insertNotification: `
    INSERT INTO notifications (id, order_id, at, status, doc) VALUES (@id, @orderId, @at, @status, @doc)
    ON CONFLICT (id) DO NOTHING`,
  notificationsByOrder: `SELECT doc FROM notifications WHERE order_id = @orderId ORDER BY at, id`,
  pendingNotifications: `SELECT doc FROM notifications WHERE status = 'pending' ORDER BY at, id LIMIT @limit`,
  markNotificationDelivered: `
    UPDATE notifications SET status = 'delivered', doc = json_set(doc, '$.status', 'delivered', '$.deliveredAt', @at)
    WHERE id = @id AND status = 'pending'`,
  insertInbox: `
    INSERT INTO inbox (id, user_id, at, read_at, doc) VALUES (@id, @userId, @at, @readAt, @doc) ON CONFLICT (id) DO NOTHING`,
  inboxPage: `
    SELECT at, id, doc FROM inbox WHERE user_id = @userId AND (at, id) < (@afterAt, @afterId)
    ORDER BY at DESC, id DESC LIMIT @limit`,
  countUnread: `SELECT COUNT(*) AS n FROM inbox WHERE user_id = @userId AND read_at IS NULL`,
  markReadIds: `
    UPDATE inbox SET read_at = @at, doc = json_set(doc, '$.readAt', @at)
    WHERE user_id = @userId AND read_at IS NULL AND id IN (SELECT value FROM json_each(@ids))`,
  markReadAll: `
    UPDATE inbox SET read_at = @at, doc = json_set(doc, '$.readAt', @at) WHERE user_id = @userId AND read_at IS NULL`,
  grantsByUser: `SELECT doc FROM subscribe_grants WHERE user_id = @userId`,
  putGrants: `
    INSERT INTO subscribe_grants (user_id, doc) VALUES (@userId, @doc) ON CONFLICT (user_id) DO UPDATE SET doc = excluded.doc`,
  sendById: `SELECT doc FROM subscribe_sends WHERE id = @id`,
  insertSend: `
    INSERT INTO subscribe_sends (id, notification_id, doc) VALUES (@id, @notificationId, @doc) ON CONFLICT (id) DO NOTHING`,
  updateSend: `UPDATE subscribe_sends SET doc = @doc WHERE id = @id`,
  sendsByNotification: `SELECT doc FROM subscribe_sends WHERE notification_id = @notificationId ORDER BY id`,
}

function noGrants(): SubscribeGrants {
  return Object.fromEntries(SUBSCRIBE_TEMPLATES.map((t) => [t, 0])) as SubscribeGrants
}

/** Notification rows, for the transition that records an action's notifications in its own transaction. */
export const notificationRows = perDatabase((db) => {
  const s = prepareAll(db, NOTIFICATIONS_SQL)
  return {
    s,
    /** Inserts the notification unless its id is stored; true if it was inserted. Call inside a write transaction. */
    insert(n: AppNotification): boolean {
      const row = { id: n.id, orderId: n.orderId, at: n.at, status: n.status, doc: JSON.stringify(n) }
      return s.insertNotification.run(row).changes > 0
    },
  }
})

/** Notifications and their delivery: the pending list, the inbox, subscribe-message grants and send attempts. */
export function createNotificationStore(db: Database.Database): NotificationStore {
  const rows = notificationRows(db)
  const requests = requestRows(db)
  const { s } = rows

  const record = writeTx(db, (notifications: AppNotification[]): string[] =>
    notifications.filter((n) => rows.insert(n)).map((n) => n.id),
  )

  const readGrants = (userId: string): SubscribeGrants => ({
    ...noGrants(),
    ...parseDoc<SubscribeGrants>(one(s.grantsByUser, { userId })),
  })
  const putGrants = (userId: string, grants: SubscribeGrants) => s.putGrants.run({ userId, doc: JSON.stringify(grants) })
  const insertSend = (send: SubscribeSend) =>
    s.insertSend.run({ id: send.id, notificationId: send.notificationId, doc: JSON.stringify(send) }).changes > 0

  const markDelivered = writeTx(db, (ids: string[], at: string) => {
    for (const id of ids) s.markNotificationDelivered.run({ id, at })
  })

  const insertInbox = writeTx(db, (messages: InboxMessage[]): string[] =>
    messages
      .filter(
        (m) =>
          s.insertInbox.run({ id: m.id, userId: m.userId, at: m.at, readAt: m.readAt, doc: JSON.stringify(m) })
            .changes > 0,
      )
      .map((m) => m.id),
  )

  const addGrants = writeTx(db, (userId: string, templates: SubscribeTemplate[], requestKey?: string): SubscribeGrants => {
    if (requestKey !== undefined) {
      if (requests.response(requestKey) !== undefined) return readGrants(userId)
      requests.insert(requestKey, 'null', new Date().toISOString())
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
    async recordNotifications(notifications) {
      if (notifications.length === 0) return []
      return record(notifications)
    },
    async listOrderNotifications(orderId) {
      return parseDocs<AppNotification>(all(s.notificationsByOrder, { orderId }))
    },
    async listPendingNotifications(limit) {
      if (limit <= 0) return []
      return parseDocs<AppNotification>(all(s.pendingNotifications, { limit: Math.floor(limit) }))
    },
    async markNotificationsDelivered(ids, at) {
      if (ids.length > 0) markDelivered(ids, at)
    },
    async insertInbox(messages) {
      return messages.length === 0 ? [] : insertInbox(messages)
    },
    async listInbox(userId, page) {
      const found = all<{ at: string; id: string; doc: string }>(s.inboxPage, {
        userId,
        ...keyParams(decodeKey(page.cursor, HIGH)),
        limit: page.limit + 1,
      })
      return toPage(parseDocs<InboxMessage>(found), found, page.limit)
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
