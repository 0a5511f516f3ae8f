import type { AppNotification, NotificationKind, Order, UnitLimits } from '~types'

/**
 * What the scheduled job owes a waiting order, as of `now`, under the limits of the unit handling it. Pure: the job
 * (functions/cron) reads the orders and writes what this decides.
 *
 * Every clock starts at the order's last transition (updatedAt): a waiting period is one version of the order, so the
 * keys below name the version, and the same period never gets the same reminder or escalation twice. A transition
 * (dispatch, escalation, recall, an unclaim back to nobody …) starts a new period with a new version.
 */
export type Due =
  | { kind: 'none' }
  | { kind: 'notify'; notification: AppNotification }
  | { kind: 'transition'; action: 'escalate' | 'recall'; note: string; notification: AppNotification }
  | { kind: 'transition'; action: 'autoClose'; note: string; notification: null }

const HOUR_MS = 3600 * 1000

export const hoursToMs = (hours: number) => hours * HOUR_MS

/** Deterministic notification ids: the event, the order and the waiting period (version). */
export const notificationKey = {
  remindUndispatched: (o: Order) => `remind:undispatched:${o.id}:v${o.version}`,
  escalated: (o: Order) => `escalated:${o.id}:v${o.version}`,
  remindUnclaimed: (o: Order) => `remind:unclaimed:${o.id}:v${o.version}`,
  recalled: (o: Order) => `recalled:${o.id}:v${o.version}`,
  /** once per order and preferred time, whatever transitions happen meanwhile */
  alertPreferred: (o: Order) => `alert:preferred:${o.id}:${o.preferredAt}`,
} satisfies Partial<Record<NotificationKind, (o: Order) => string>>

function waitedMs(order: Order, now: Date): number {
  return now.getTime() - Date.parse(order.updatedAt)
}

function dueAt(order: Order, hours: number): string {
  return new Date(Date.parse(order.updatedAt) + hoursToMs(hours)).toISOString()
}

/** A time as the county reads it (China Standard Time), e.g. 3月5日09:00. */
export function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * HOUR_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

function notification(
  order: Order,
  kind: keyof typeof notificationKey,
  to: { unitIds?: string[]; userIds?: string[] },
  text: string,
  now: Date,
  hours: number,
  due: string = dueAt(order, hours),
): AppNotification {
  return {
    id: notificationKey[kind](order),
    kind,
    orderId: order.id,
    title: order.title,
    userIds: to.userIds ?? [],
    unitIds: to.unitIds ?? [],
    text,
    at: now.toISOString(),
    dueAt: due,
    status: 'pending',
  }
}

/**
 * An order waiting to be dispatched (placed): escalated to the parent unit once the escalation limit has passed,
 * unless it is at the center, which is only reminded; otherwise its unit's managers are reminded once the reminder
 * limit has passed.
 */
export function dueUndispatched(order: Order, limits: UnitLimits, now: Date): Due {
  const waited = waitedMs(order, now)
  const atCenter = order.unitPath.length < 2
  if (!atCenter && waited >= hoursToMs(limits.escalateUndispatchedHours)) {
    const parent = order.unitPath[order.unitPath.length - 2]
    const h = limits.escalateUndispatchedHours
    const text = `「${order.title}」超过${h}小时未派单，已自动上报，请尽快派单`
    return {
      kind: 'transition',
      action: 'escalate',
      note: `超过派单时限（${h}小时）未派单，自动上报上级单位`,
      notification: notification(order, 'escalated', { unitIds: [parent, order.orgUnitId] }, text, now, h),
    }
  }
  if (waited >= hoursToMs(limits.remindUndispatchedHours)) {
    const h = limits.remindUndispatchedHours
    const text = `「${order.title}」已等待派单超过${h}小时，请尽快派单`
    return { kind: 'notify', notification: notification(order, 'remindUndispatched', { unitIds: [order.orgUnitId] }, text, now, h) }
  }
  return { kind: 'none' }
}

/**
 * An order dispatched that nobody has claimed: back to the dispatching unit's queue once the recall limit has passed
 * (the lifecycle's recall, by the system); otherwise the leaders of its teams are reminded once the reminder limit has
 * passed (the unit's managers when no team has a leader). `leaderIds`: the leaders of the order's teams.
 */
export function dueUnclaimed(order: Order, limits: UnitLimits, now: Date, leaderIds: readonly string[]): Due {
  const waited = waitedMs(order, now)
  if (order.claims.length > 0) return { kind: 'none' }
  if (waited >= hoursToMs(limits.recallUnclaimedHours)) {
    const h = limits.recallUnclaimedHours
    const text = `「${order.title}」派单后超过${h}小时无人接单，已退回派单台，请重新派单`
    return {
      kind: 'transition',
      action: 'recall',
      note: `超过接单时限（${h}小时）无人接单，自动退回派单台`,
      notification: notification(order, 'recalled', { unitIds: [order.orgUnitId], userIds: [...leaderIds] }, text, now, h),
    }
  }
  if (waited >= hoursToMs(limits.remindUnclaimedHours)) {
    const h = limits.remindUnclaimedHours
    const text = `「${order.title}」派单后已超过${h}小时无人接单，请组织队员接单`
    const to = leaderIds.length > 0 ? { userIds: [...leaderIds] } : { unitIds: [order.orgUnitId] }
    return { kind: 'notify', notification: notification(order, 'remindUnclaimed', to, text, now, h) }
  }
  return { kind: 'none' }
}

/** A completed order nobody rated: closed (with points) once the rating period has passed. */
export function dueUnrated(order: Order, limits: UnitLimits, now: Date): Due {
  if (waitedMs(order, now) < hoursToMs(limits.autoCloseDays * 24)) return { kind: 'none' }
  return { kind: 'transition', action: 'autoClose', note: '', notification: null }
}

/**
 * An open order with a preferred time, from `alertBeforePreferredHours` before that time (0: never), once: while it is
 * still short of volunteers (not dispatched, or fewer claims than it needs) its unit's managers are alerted, and the
 * volunteers who already hold it are told it is about to start, full or not.
 */
export function dueBeforePreferred(order: Order, limits: UnitLimits, now: Date): Due {
  const h = limits.alertBeforePreferredHours
  if (h <= 0 || order.preferredAt === null || !['placed', 'dispatched', 'claimed'].includes(order.status)) {
    return { kind: 'none' }
  }
  const alertAt = Date.parse(order.preferredAt) - hoursToMs(h)
  if (now.getTime() < alertAt) return { kind: 'none' }
  const due = new Date(alertAt).toISOString()
  const claimers = order.claims.map((c) => c.volunteerId)
  if (order.claims.length >= order.capacity) {
    const text = `「${order.title}」将于${chinaTime(order.preferredAt)}开始服务，请按时到达`
    return { kind: 'notify', notification: notification(order, 'alertPreferred', { userIds: claimers }, text, now, h, due) }
  }
  const short =
    order.status === 'placed' ? '尚未派单' : `还差${order.capacity - order.claims.length}名志愿者接单`
  const text = `「${order.title}」期望${chinaTime(order.preferredAt)}服务，${short}，请尽快安排`
  const to = { unitIds: [order.orgUnitId], userIds: claimers }
  return { kind: 'notify', notification: notification(order, 'alertPreferred', to, text, now, h, due) }
}
