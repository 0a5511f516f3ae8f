/**
 * The notifications port (notifications, delivery, inbox, subscribe grants and sends):
 * its documented behaviour for any adapter, run by ./index.ts.
 */
import type { Stores } from '~core/ports'
import type { InboxMessage, SubscribeSend } from '~types'
import { advance, at, collectPages, ids, makeOrder } from '../fixtures'
import { freshStores, type MakeStores, makeNotification } from './helpers'

export function notificationsContract(make: MakeStores): void {
  describe('notifications', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('recordNotifications records each id once and says which were new', async () => {
      const a = makeNotification('o-1', 'remind:a')
      const b = makeNotification('o-1', 'remind:b', at(3))
      const c = makeNotification('o-2', 'remind:c')
      expect(await stores.notifications.recordNotifications([])).toEqual([])
      expect((await stores.notifications.recordNotifications([b, a])).sort()).toEqual(['remind:a', 'remind:b'])
      expect(await stores.notifications.recordNotifications([{ ...a, text: '第二次' }, c])).toEqual(['remind:c'])
      expect(await stores.notifications.listOrderNotifications('o-1')).toEqual([a, b])
      expect(await stores.notifications.listOrderNotifications('o-2')).toEqual([c])
      expect(await stores.notifications.listOrderNotifications('o-none')).toEqual([])
    })

    describe('delivery: pending list, inbox, subscribe grants and sends', () => {
      const message = (userId: string, n: number, over: Partial<InboxMessage> = {}): InboxMessage => ({
        id: `note-${n}:${userId}`,
        userId,
        notificationId: `note-${n}`,
        kind: 'dispatched',
        orderId: 'o-1',
        title: '健康义诊',
        text: `第${n}条`,
        at: at(n),
        readAt: null,
        ...over,
      })

      const send = (notificationId: string, userId: string, over: Partial<SubscribeSend> = {}): SubscribeSend => ({
        id: `${notificationId}:${userId}`,
        notificationId,
        userId,
        template: 'orderProgress',
        outcome: 'reserved',
        reason: null,
        errCode: null,
        at: at(1),
        ...over,
      })

      test('pending notifications: oldest first, bounded, and gone once delivered (also when recorded by a transition)', async () => {
        const a = makeNotification('o-1', 'n:a', at(3))
        const b = makeNotification('o-1', 'n:b', at(1))
        const c = makeNotification('o-2', 'n:c', at(2))
        await stores.notifications.recordNotifications([a, b, c])
        expect(ids(await stores.notifications.listPendingNotifications(2))).toEqual(['n:b', 'n:c'])
        expect(ids(await stores.notifications.listPendingNotifications(10))).toEqual(['n:b', 'n:c', 'n:a'])
        await stores.notifications.markNotificationsDelivered(['n:b', 'n:none'], at(9))
        await stores.notifications.markNotificationsDelivered(['n:b'], at(10))
        expect(ids(await stores.notifications.listPendingNotifications(10))).toEqual(['n:c', 'n:a'])
        expect(await stores.notifications.listOrderNotifications('o-1')).toEqual([{ ...b, status: 'delivered', deliveredAt: at(9) }, a])
        // recorded again after delivery: left as it is, not pending again
        expect(await stores.notifications.recordNotifications([b])).toEqual([])
        expect(ids(await stores.notifications.listPendingNotifications(10))).toEqual(['n:c', 'n:a'])

        const order = makeOrder({ status: 'placed' })
        await stores.orders.insertOrder(order)
        const v2 = advance(order, { status: 'rejected' })
        const n = makeNotification(order.id, 'n:t', at(0))
        expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: v2, notifications: [n] })).toBe('ok')
        expect(ids(await stores.notifications.listPendingNotifications(10))).toEqual(['n:t', 'n:c', 'n:a'])
      })

      test('inbox: each message once, newest first in pages, unread count, read by ids or all (own messages only)', async () => {
        const mine = [1, 2, 3, 4, 5].map((n) => message('u1', n))
        expect(await stores.notifications.insertInbox([])).toEqual([])
        expect((await stores.notifications.insertInbox(mine)).length).toBe(5)
        expect(await stores.notifications.insertInbox([{ ...mine[0], text: '再次投递' }, message('u2', 1)])).toEqual(['note-1:u2'])
        const pages = await collectPages((cursor) => stores.notifications.listInbox('u1', { cursor, limit: 2 }))
        expect(pages.flat().map((m) => m.id)).toEqual(['note-5:u1', 'note-4:u1', 'note-3:u1', 'note-2:u1', 'note-1:u1'])
        expect((await stores.notifications.listInbox('u1', { limit: 10 })).items[4]).toEqual(mine[0])
        expect(await stores.notifications.countUnread('u1')).toBe(5)
        expect(await stores.notifications.countUnread('nobody')).toBe(0)
        // someone else's message is not theirs to mark
        expect(await stores.notifications.markRead('u1', ['note-1:u1', 'note-2:u1', 'note-1:u2'], at(20))).toBe(2)
        expect(await stores.notifications.markRead('u1', ['note-1:u1'], at(21))).toBe(0)
        expect(await stores.notifications.countUnread('u1')).toBe(3)
        expect(await stores.notifications.countUnread('u2')).toBe(1)
        const read = (await stores.notifications.listInbox('u1', { limit: 10 })).items.find((m) => m.id === 'note-1:u1')
        expect(read?.readAt).toBe(at(20))
        expect(await stores.notifications.markRead('u1', null, at(22))).toBe(3)
        expect(await stores.notifications.countUnread('u1')).toBe(0)
        expect(await stores.notifications.markRead('u1', [], at(23))).toBe(0)
      })

      test('subscribe grants: zeros at first, one per accepted template, a keyed request adds once', async () => {
        expect(await stores.notifications.getSubscribeGrants('u1')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
        expect(await stores.notifications.addSubscribeGrants('u1', ['orderProgress', 'reminder'])).toEqual({ orderProgress: 1, newTask: 0, reminder: 1 })
        expect(await stores.notifications.addSubscribeGrants('u1', ['orderProgress'], 'k1')).toEqual({ orderProgress: 2, newTask: 0, reminder: 1 })
        expect(await stores.notifications.addSubscribeGrants('u1', ['orderProgress'], 'k1')).toEqual({ orderProgress: 2, newTask: 0, reminder: 1 })
        expect(await stores.notifications.getSubscribeGrants('u1')).toEqual({ orderProgress: 2, newTask: 0, reminder: 1 })
        expect(await stores.notifications.getSubscribeGrants('u2')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
      })

      test('sends: a grant allows exactly one, a send id spends once, no grant records the reason, refunds on settle', async () => {
        await stores.notifications.addSubscribeGrants('u1', ['orderProgress'])
        expect(await stores.notifications.reserveSend(send('n1', 'u1'), '未订阅')).toBe('reserved')
        expect(await stores.notifications.reserveSend(send('n1', 'u1'), '未订阅')).toBe('duplicate')
        expect(await stores.notifications.getSubscribeGrants('u1')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
        expect(await stores.notifications.reserveSend(send('n2', 'u1'), '未订阅')).toBe('noGrant')
        expect(await stores.notifications.listSends('n2')).toEqual([send('n2', 'u1', { outcome: 'skipped', reason: '未订阅' })])
        // settled as sent: nothing given back; settling again changes nothing
        await stores.notifications.settleSend(send('n1', 'u1', { outcome: 'sent' }), false)
        await stores.notifications.settleSend(send('n1', 'u1', { outcome: 'failed', errCode: 1 }), true)
        expect(await stores.notifications.listSends('n1')).toEqual([send('n1', 'u1', { outcome: 'sent' })])
        expect(await stores.notifications.getSubscribeGrants('u1')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
        // a failure the platform did not count gives the grant back
        await stores.notifications.addSubscribeGrants('u1', ['orderProgress'])
        expect(await stores.notifications.reserveSend(send('n3', 'u1'), '未订阅')).toBe('reserved')
        await stores.notifications.settleSend(send('n3', 'u1', { outcome: 'failed', reason: '47003', errCode: 47003 }), true)
        expect(await stores.notifications.getSubscribeGrants('u1')).toEqual({ orderProgress: 1, newTask: 0, reminder: 0 })
        // a skip that spends nothing is recorded once
        const skipped = send('n4', 'u2', { outcome: 'skipped', reason: '未配置模板' })
        expect(await stores.notifications.recordSend(skipped)).toBe(true)
        expect(await stores.notifications.recordSend({ ...skipped, reason: '另一次' })).toBe(false)
        expect(await stores.notifications.reserveSend(send('n4', 'u2'), '未订阅')).toBe('duplicate')
        expect(await stores.notifications.listSends('n4')).toEqual([skipped])
        expect(await stores.notifications.listSends('none')).toEqual([])
      })
    })
  })
}
