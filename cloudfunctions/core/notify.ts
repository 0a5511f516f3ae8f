import type { AppNotification, NotificationKind, Order, SubscribeSend, SubscribeTemplate, Team, User } from '~types'
import { type TransitionAction, rowOf } from './lifecycle'

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
  // 积分超市 (core/mall.ts)
  redemptionExpired: { template: 'reminder', who: '兑换人', phrase: '已退积分' },
  // 回访 and 申诉 (issue 11, core/follow-ups.ts)
  followUpOpened: { template: 'reminder', who: '承办单位管理员', phrase: '待回访' },
  followUpDue: { template: 'reminder', who: '承办单位管理员', phrase: '回访到期' },
  followUpEscalated: { template: 'reminder', who: '上级单位管理员（没有时：县级中心）', phrase: '回访超时' },
  appealed: { template: 'reminder', who: '承办单位的上级单位管理员', phrase: '待处理' },
  appealDecided: { template: 'reminder', who: '申诉的队长', phrase: '已处理' },
}

/** Whom a lifecycle action tells, and what: it sits beside its row in the lifecycle table (core/lifecycle.ts). */
export type NotificationRule = (
  order: Order,
  next: Order,
  teams: readonly Team[],
) => Array<{ kind: NotificationKind; userIds: string[]; text: string; unitIds?: string[] }>

/** The notifications an order action records with its transition (its row's rule): keyed by kind, order and new version. */
export function notificationsFor(
  action: TransitionAction,
  order: Order,
  next: Order,
  teams: readonly Team[],
  actorId: string,
  at: string,
): AppNotification[] {
  const row = rowOf(action)
  const rule = row.notifies
  // a repeat (a claim after dropping the same order) tells no one: the first one did
  if (!rule || row.repeat?.when(order, actorId)) return []
  return rule(order, next, teams).flatMap(({ kind, userIds, text, unitIds = [] }) => {
    const to = [...new Set(userIds)].filter((id) => id !== actorId)
    if (to.length === 0 && unitIds.length === 0) return []
    return [{ id: `${kind}:${next.id}:v${next.version}`, kind, orderId: next.id, title: next.title, userIds: to, unitIds: [...unitIds], text, at, dueAt: null, status: 'pending' as const }]
  })
}

/** A notification channel beside the inbox: WeChat subscribe messages (adapters/wechat), or the local no-op. */
export interface SubscribeChannel {
  /** Sends (or records why not) the notification to one person; never throws for a platform refusal. */
  send(notification: AppNotification, user: User, at: string): Promise<SubscribeSend['outcome'] | 'duplicate'>
}
