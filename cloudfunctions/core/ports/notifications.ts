import type { AppNotification, InboxMessage, Page, SubscribeGrants, SubscribeSend, SubscribeTemplate } from '~types'
import type { PageRequest } from './paging'

/** Notifications, the inbox (消息) and WeChat subscribe-message grants and sends. Every method is one round trip; one that writes several records is atomic. */
export interface NotificationStore {
  /**
   * Records notifications by their deterministic id: one whose id is already stored is left as it was.
   * Returns the ids newly recorded.
   */
  recordNotifications(notifications: AppNotification[]): Promise<string[]>
  /** An order's notifications, oldest first. */
  listOrderNotifications(orderId: string): Promise<AppNotification[]>
  /** Pending notifications, oldest first (at, then id), at most `limit`: the delivery run's batch. */
  listPendingNotifications(limit: number): Promise<AppNotification[]>
  /** Marks these notifications delivered (status 'delivered', deliveredAt); ids not pending are left alone. */
  markNotificationsDelivered(ids: string[], at: string): Promise<void>
  /** Inserts the messages by id (`${notificationId}:${userId}`); one already stored is left alone. Returns the ids new. */
  insertInbox(messages: InboxMessage[]): Promise<string[]>
  /** One person's messages, newest first (at, then id). */
  listInbox(userId: string, page: PageRequest): Promise<Page<InboxMessage>>
  /** How many of one person's messages are unread. */
  countUnread(userId: string): Promise<number>
  /** Marks one person's messages read (ids: those of them; null: all), leaving read ones alone. Returns how many. */
  markRead(userId: string, ids: string[] | null, at: string): Promise<number>
  /** Sends left per template (zeros when the person never granted any). */
  getSubscribeGrants(userId: string): Promise<SubscribeGrants>
  /**
   * Adds one send per template (a template twice: two), atomically, and returns the sends left. With `requestKey`,
   * a repeated request adds nothing and returns the sends left now.
   */
  addSubscribeGrants(userId: string, templates: SubscribeTemplate[], requestKey?: string): Promise<SubscribeGrants>
  /**
   * Atomically: unless a send with this id is recorded ('duplicate', nothing changes), spend one of the person's
   * grants of send.template and record the send as 'reserved' ('reserved'); with no grant left, record it as skipped
   * (reason given in `noGrantReason`) and answer 'noGrant'.
   */
  reserveSend(send: SubscribeSend, noGrantReason: string): Promise<'reserved' | 'noGrant' | 'duplicate'>
  /** Records a send attempt that spends nothing (skipped); false if one with this id is recorded. */
  recordSend(send: SubscribeSend): Promise<boolean>
  /** Replaces a reserved send's outcome; with `refund`, gives the spent grant back in the same transaction. */
  settleSend(send: SubscribeSend, refund: boolean): Promise<void>
  /** The send attempts of one notification, by user id. */
  listSends(notificationId: string): Promise<SubscribeSend[]>
}
