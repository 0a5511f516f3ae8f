import { SUBSCRIBE_TEMPLATES } from '~types'
import type { AppNotification, InboxMessage, SubscribeGrants, SubscribeSend, SubscribeTemplate } from '~types'
import type { NotificationStore } from '~core/ports'
import type { DocData } from './db-types'
import { body, chunks, cmpKey, type Conn, fromDoc, PAGE, sdk } from './db'
import { flushOutboxes, outboxNotifications } from './orders'

const oldestFirst = (a: AppNotification, b: AppNotification) => cmpKey(a.at, b.at) || cmpKey(a.id, b.id)

function toGrants(doc: DocData | null): SubscribeGrants {
  const grants = Object.fromEntries(SUBSCRIBE_TEMPLATES.map((t) => [t, 0])) as SubscribeGrants
  for (const t of SUBSCRIBE_TEMPLATES) grants[t] = Number(doc?.[t] ?? 0)
  return grants
}

/**
 * How many keys of keyed grants a grants document keeps: a retry comes seconds after its request, and a person grants
 * once per subscription prompt, so a retry behind 20 later keyed grants of the same person does not happen.
 */
const ANSWERED_KEYS = 20
/** Reads and guarded updates of one grants document before a keyed grant gives up. */
const GRANT_ATTEMPTS = 5

const answeredKeys = (doc: DocData | null): string[] => (Array.isArray(doc?.requestKeys) ? (doc.requestKeys as string[]) : [])

export function createNotificationStore(c: Conn): NotificationStore {
  return {
    /**
     * One insert per notification (deterministic _id): a duplicate write means it was recorded before. The outboxes
     * of their orders are moved first, so that a notification a transition recorded earlier stays the first one.
     */
    async recordNotifications(notifications) {
      if (notifications.length === 0) return []
      await flushOutboxes(c, notifications.map((n) => n.orderId))
      return c.insertEach('notifications', notifications)
    },

    /**
     * Index orderId + at, plus what the order's outbox still holds (the first of an id stays); an order has a
     * handful of notifications, sorted here.
     */
    async listOrderNotifications(orderId) {
      const [docs, outbox] = await Promise.all([c.readAll('notifications', { orderId }), outboxNotifications(c, orderId)])
      const byId = new Map<string, AppNotification>()
      for (const n of [...docs.map((d) => fromDoc<AppNotification>(d)), ...outbox]) if (!byId.has(n.id)) byId.set(n.id, n)
      return [...byId.values()].sort(oldestFirst)
    },

    /**
     * Index status + at, after moving the order outboxes into the collection (the delivery run's batch, so every
     * transition's notifications are in it).
     */
    async listPendingNotifications(limit) {
      if (limit <= 0) return []
      await flushOutboxes(c)
      const docs = await c.readSorted('notifications', { status: 'pending' }, 'at', 'asc', Math.floor(limit), null)
      return docs.map((d) => fromDoc<AppNotification>(d))
    },

    /** One conditional update per PAGE ids: only pending ones change (those still in an outbox are moved first). */
    async markNotificationsDelivered(ids, at) {
      if (ids.length === 0) return
      await flushOutboxes(c)
      for (const chunk of chunks([...new Set(ids)], PAGE)) {
        await sdk(
          c
            .col('notifications')
            .where({ _id: c._.in(chunk), status: 'pending' })
            .update({ data: { status: 'delivered', deliveredAt: at } }),
        )
      }
    },

    /** One insert per message (deterministic _id): a duplicate write means it was delivered before. */
    async insertInbox(messages) {
      return c.insertEach('inbox', messages)
    },

    /** Index userId + at desc. */
    async listInbox(userId, page) {
      return c.page<InboxMessage>('inbox', { userId }, 'at', 'desc', page)
    },

    /** Index userId + readAt: the server counts, nothing travels back. */
    async countUnread(userId) {
      const res = await sdk(c.col('inbox').where({ userId, readAt: null }).count())
      return Number(res.total ?? 0)
    },

    /** One conditional batch update (ids in chunks of PAGE): only this person's unread messages change. */
    async markRead(userId, ids, at) {
      if (ids === null) {
        const res = await sdk(c.col('inbox').where({ userId, readAt: null }).update({ data: { readAt: at } }))
        return res.stats.updated
      }
      let updated = 0
      for (const chunk of chunks([...new Set(ids)], PAGE)) {
        const res = await sdk(
          c.col('inbox').where({ _id: c._.in(chunk), userId, readAt: null }).update({ data: { readAt: at } }),
        )
        updated += res.stats.updated
      }
      return updated
    },

    async getSubscribeGrants(userId) {
      return toGrants(await c.getDoc('subscribe_grants', userId))
    },

    /**
     * Unkeyed: one increment of the person's grants document (created on the first grant), then a read of what is
     * left. Keyed: the grants document also holds the keys of the person's last ANSWERED_KEYS keyed grants, so one read
     * tells a retry, and one update guarded by everything it read (counts and keys) adds the grants and the key: one
     * document, no transaction. A guard that fails means the document changed in between: read again.
     */
    async addSubscribeGrants(userId, templates, requestKey) {
      const added: Partial<Record<SubscribeTemplate, number>> = {}
      for (const tpl of templates) added[tpl] = (added[tpl] ?? 0) + 1
      const inc = Object.fromEntries(Object.entries(added).map(([tpl, n]) => [tpl, c._.inc(n as number)]))
      if (requestKey === undefined) {
        if (templates.length > 0) {
          const grants = c.col('subscribe_grants').doc(userId)
          const created = { id: userId, ...toGrants(null), ...added }
          // a person's first grant creates the document; if someone else just did, the increment applies to theirs
          const increment = async () => (await sdk(grants.update({ data: inc }))).stats.updated > 0
          if (!(await increment()) && !(await c.insert('subscribe_grants', created))) await increment()
        }
        return toGrants(await c.getDoc('subscribe_grants', userId))
      }
      for (let attempt = 1; ; attempt++) {
        const doc = await c.getDoc('subscribe_grants', userId)
        const keys = answeredKeys(doc)
        if (keys.includes(requestKey)) return toGrants(doc)
        const grants = toGrants(doc)
        for (const tpl of templates) grants[tpl] += 1
        const requestKeys = [...keys, requestKey].slice(-ANSWERED_KEYS)
        if (!doc) {
          const created = { id: userId, ...grants, requestKeys }
          if (await c.insert('subscribe_grants', created)) return grants
        } else {
          const asRead: Record<string, unknown> = { _id: userId, requestKeys: c._.eq(doc.requestKeys ?? null) }
          for (const tpl of SUBSCRIBE_TEMPLATES) asRead[tpl] = c._.eq(doc[tpl] ?? null)
          const res = await sdk(c.col('subscribe_grants').where(asRead).update({ data: { ...inc, requestKeys } }))
          if (res.stats.updated > 0) return grants
        }
        if (attempt >= GRANT_ATTEMPTS) throw new Error(`addSubscribeGrants: grants of ${userId} kept changing`)
      }
    },

    /** One transaction: the send's own document (its id keys the spend) and the person's grants. */
    async reserveSend(send, noGrantReason) {
      return c.runTx(async (t) => {
        if (await c.txGet(t, 'subscribe_sends', send.id)) return 'duplicate' as const
        const grants = toGrants(await c.txGet(t, 'subscribe_grants', send.userId))
        if (grants[send.template] < 1) {
          const skipped: SubscribeSend = { ...send, outcome: 'skipped', reason: noGrantReason, errCode: null }
          await sdk(t.collection('subscribe_sends').doc(send.id).set({ data: body(skipped) }))
          return 'noGrant' as const
        }
        // an increment keeps the rest of the document (the keys of keyed grants)
        await sdk(t.collection('subscribe_grants').doc(send.userId).update({ data: { [send.template]: c._.inc(-1) } }))
        const reserved: SubscribeSend = { ...send, outcome: 'reserved', reason: null, errCode: null }
        await sdk(t.collection('subscribe_sends').doc(send.id).set({ data: body(reserved) }))
        return 'reserved' as const
      })
    },

    async recordSend(send) {
      return c.insert('subscribe_sends', send)
    },

    async settleSend(send, refund) {
      await c.runTx(async (t) => {
        const stored = await c.txGet(t, 'subscribe_sends', send.id)
        if (!stored || stored.outcome !== 'reserved') return
        await sdk(t.collection('subscribe_sends').doc(send.id).set({ data: body(send) }))
        if (refund) {
          // the reservation took this grant from an existing document: give it back by an increment, keeping the rest
          await sdk(t.collection('subscribe_grants').doc(send.userId).update({ data: { [send.template]: c._.inc(1) } }))
        }
      })
    },

    /** Index notificationId. */
    async listSends(notificationId) {
      const docs = await c.readAll('subscribe_sends', { notificationId })
      return docs.map((d) => fromDoc<SubscribeSend>(d))
    },
  }
}
