import type { AppNotification, NotificationKind, Order, SubscribeSend, SubscribeTemplate, Team, User } from '~types'
import type { TransitionAction } from './lifecycle'
import type { Stores } from './ports'

/**
 * Who is told what: for every kind of notification, the subscribe-message template it is sent with, who receives it
 * and the short status word (≤ 5 characters, the template's phrase field). Every notification also lands in each
 * recipient's inbox (消息). The person who acted is never told about their own action.
 */
export const WHO_IS_TOLD: Record<NotificationKind, { template: SubscribeTemplate; who: string; phrase: string }> = {
  // order actions (recorded in the same write as the transition)
  dispatched: { template: 'orderProgress', who: '点单群众', phrase: '已派单' },
  claimed: { template: 'orderProgress', who: '点单群众', phrase: '已接单' },
  completed: { template: 'orderProgress', who: '点单群众', phrase: '已完成' },
  cancelled: { template: 'orderProgress', who: '点单群众', phrase: '已取消' },
  rejected: { template: 'orderProgress', who: '点单群众', phrase: '未受理' },
  orderEscalated: { template: 'orderProgress', who: '点单群众', phrase: '已上报' },
  newTask: { template: 'newTask', who: '派往的服务队的队员', phrase: '新任务' },
  taskCancelled: { template: 'reminder', who: '已接单的志愿者', phrase: '已取消' },
  // the scheduled job
  remindUndispatched: { template: 'reminder', who: '承办单位管理员', phrase: '待派单' },
  escalated: { template: 'reminder', who: '上级单位和原承办单位的管理员', phrase: '已上报' },
  remindUnclaimed: { template: 'reminder', who: '服务队队长（没有队长时：承办单位管理员）', phrase: '待接单' },
  recalled: { template: 'reminder', who: '承办单位管理员、服务队队长', phrase: '已退回' },
  alertPreferred: { template: 'reminder', who: '承办单位管理员、已接单的志愿者', phrase: '即将开始' },
}

type Rule = (order: Order, next: Order, teams: readonly Team[]) => Array<{ kind: NotificationKind; userIds: string[]; text: string }>

const teamNames = (next: Order, teams: readonly Team[]) =>
  teams.filter((t) => next.teamIds.includes(t.id)).map((t) => t.name).join('、')

/** What each order action tells whom (actions not listed tell nobody). */
export const ON_ACTION: Partial<Record<TransitionAction, Rule>> = {
  dispatch: (_order, next, teams) => [
    { kind: 'dispatched', userIds: [next.ownerId], text: `「${next.title}」已派给${teamNames(next, teams)}，等待志愿者接单` },
    {
      kind: 'newTask',
      userIds: teams.filter((t) => next.teamIds.includes(t.id)).flatMap((t) => t.memberIds),
      text: `「${next.title}」派给了${teamNames(next, teams)}，需${next.capacity}人，请及时接单`,
    },
  ],
  claim: (_order, next) => {
    const claim = next.claims[next.claims.length - 1]
    const text = `「${next.title}」已由志愿者${claim?.name ?? ''}接单（${next.claims.length}/${next.capacity}）`
    return [{ kind: 'claimed', userIds: [next.ownerId], text }]
  },
  escalate: (_order, next) => [
    { kind: 'orderEscalated', userIds: [next.ownerId], text: `「${next.title}」已上报上级单位，由上级安排志愿服务队` },
  ],
  complete: (_order, next) => [{ kind: 'completed', userIds: [next.ownerId], text: `「${next.title}」服务已完成，请评单` }],
  reject: (_order, next) => [{ kind: 'rejected', userIds: [next.ownerId], text: `「${next.title}」未被受理：${next.reason ?? ''}` }],
  cancel: (order, next) => [
    { kind: 'cancelled', userIds: [next.ownerId], text: `「${next.title}」已取消` },
    {
      kind: 'taskCancelled',
      userIds: order.claims.map((c) => c.volunteerId),
      text: `您接下的「${next.title}」已被群众取消${next.reason ? `：${next.reason}` : ''}`,
    },
  ],
}

/** The notifications an order action records with its transition: keyed by kind, order and new version. */
export function notificationsFor(
  action: TransitionAction,
  order: Order,
  next: Order,
  teams: readonly Team[],
  actorId: string,
  at: string,
): AppNotification[] {
  const rule = ON_ACTION[action]
  if (!rule) return []
  return rule(order, next, teams).flatMap(({ kind, userIds, text }) => {
    const to = [...new Set(userIds)].filter((id) => id !== actorId)
    if (to.length === 0) return []
    return [{ id: `${kind}:${next.id}:v${next.version}`, kind, orderId: next.id, title: next.title, userIds: to, unitIds: [], text, at, dueAt: null, status: 'pending' as const }]
  })
}

/** A notification channel beside the inbox: WeChat subscribe messages (adapters/wechat), or the local no-op. */
export interface SubscribeChannel {
  /** Sends (or records why not) the notification to one person; never throws for a platform refusal. */
  send(notification: AppNotification, user: User, at: string): Promise<SubscribeSend['outcome'] | 'duplicate'>
}

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
  channel: SubscribeChannel,
  at: string,
  batch: number,
): Promise<DeliveryReport> {
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
    for (const id of n.userIds) if (byId.has(id)) out.set(id, byId.get(id)!)
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
