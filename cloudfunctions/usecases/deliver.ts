import { type SubscribeChannel, WHO_IS_TOLD } from '~core/notify'
import type { Stores } from '~core/ports'
import type { AppNotification, SubscribeSend, User } from '~types'

export const LOCAL_REASON = '本地环境不发送订阅消息'

/** The local host's channel: records, once per notification and person, that nothing was sent. */
export function localSubscribeChannel(stores: Pick<Stores, 'notifications'>): SubscribeChannel {
  return {
    async send(n, user, at) {
      const send: SubscribeSend = {
        id: `${n.id}:${user.id}`,
        notificationId: n.id,
        userId: user.id,
        template: WHO_IS_TOLD[n.kind].template,
        outcome: 'skipped',
        reason: LOCAL_REASON,
        errCode: null,
        at,
      }
      return (await stores.notifications.recordSend(send)) ? 'skipped' : 'duplicate'
    },
  }
}

export interface DeliveryReport {
  /** notifications marked delivered */
  delivered: number
  /** inbox messages newly put in */
  inboxed: number
  /** subscribe messages sent */
  sent: number
}

/**
 * The delivery run: the oldest `batch` pending notifications, each to its people (userIds, and the managers of its
 * unitIds as they are now): one inbox message per person (keyed, so a retry puts it in once), one subscribe attempt
 * per person (keyed, so a retry never spends twice); then delivered. A notification whose delivery fails midway stays
 * pending and the next run completes it.
 */
export async function deliverPending(
  stores: Pick<Stores, 'notifications' | 'users'>,
  channel: SubscribeChannel, at: string, batch: number): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, inboxed: 0, sent: 0 }
  const pending = await stores.notifications.listPendingNotifications(batch)
  if (pending.length === 0) return report
  const [managers, named] = await Promise.all([
    stores.users.listManagersOf([...new Set(pending.flatMap((n) => n.unitIds))]),
    stores.users.getUsers([...new Set(pending.flatMap((n) => n.userIds))]),
  ])
  const byId = new Map(named.map((u) => [u.id, u]))
  const recipients = (n: AppNotification): User[] => {
    const out = new Map<string, User>()
    for (const id of n.userIds) if (byId.has(id)) out.set(id, byId.get(id) as User)
    for (const m of managers) if (m.managedUnitId && n.unitIds.includes(m.managedUnitId)) out.set(m.id, m)
    return [...out.values()]
  }
  const plan = pending.map((n) => ({ n, people: recipients(n) }))
  const messages = plan.flatMap(({ n, people }) =>
    people.map((u) => ({
      id: `${n.id}:${u.id}`,
      userId: u.id,
      notificationId: n.id,
      kind: n.kind,
      orderId: n.orderId,
      title: n.title,
      text: n.text,
      at: n.at,
      readAt: null,
    })),
  )
  report.inboxed = (await stores.notifications.insertInbox(messages)).length
  const done: string[] = []
  for (const { n, people } of plan) {
    try {
      for (const u of people) if ((await channel.send(n, u, at)) === 'sent') report.sent++
      done.push(n.id)
    } catch (e) {
      console.error('[notify] delivery of', n.id, 'failed; it stays pending', e)
    }
  }
  await stores.notifications.markNotificationsDelivered(done, at)
  report.delivered = done.length
  return report
}
