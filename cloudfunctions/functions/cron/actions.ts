import * as z from 'zod'
import { FOLLOW_UP_ESCALATE_HOURS, MALL, PREFERRED_AT_PAST_HOURS } from '~core/config'
import { AppError } from '~core/errors'
import { type Due, dueBeforePreferred, dueUnclaimed, dueUndispatched, dueUnrated, hoursToMs } from '~core/deadlines'
import { deliverPending, localSubscribeChannel } from '~usecases/deliver'
import { largestLimit, limitValues, resolveLimits, smallestLimit } from '~core/limits'
import { SYSTEM_ACTOR } from '~core/relations'
import type { AppNotification, CronReport, LimitKey, Order, OrderStatus, UnitLimits, UnitSettings } from '~types'
import { applyTransition } from '~usecases/transition'
import { STATS_REPAIR_EVERY_MS, STATS_REPAIR_QUIET_MS } from '~core/config'
import { addDays, chinaDay, daysBetween } from '~core/figures'
import { type Call, defineFunction } from '../shared/define'
import { purgeExports } from '../shared/exports'
import { expireRedemptions } from '~usecases/mall'
import { followUpNotices } from '~core/follow-up-due'
import { unitTree } from '../shared/units'

const JOB = 'cron'

/**
 * One sweep per waiting state: the status it reads, the limits that may make an order of it due (the query reads
 * from the smallest of them any unit has in force; each order is then judged under its own unit's limits).
 */
const SWEEPS: Array<{ name: string; status: OrderStatus; keys: Array<{ key: LimitKey; unit: number }> }> = [
  { name: 'completed', status: 'completed', keys: [{ key: 'autoCloseDays', unit: 24 }] },
  {
    name: 'placed',
    status: 'placed',
    keys: [
      { key: 'remindUndispatchedHours', unit: 1 },
      { key: 'escalateUndispatchedHours', unit: 1 },
    ],
  },
  {
    name: 'dispatched',
    status: 'dispatched',
    keys: [
      { key: 'remindUnclaimedHours', unit: 1 },
      { key: 'recallUnclaimedHours', unit: 1 },
    ],
  },
]

/**
 * Applies one transition by the system, on the order as this sweep read it (its deadline was judged on that version),
 * through the one lifecycle use case. A refusal or a conflict (someone acted meanwhile) is not an error for the job:
 * the order is simply no longer due, and its notification is not recorded either (it rides in the same write). A
 * duplicate award means it was already paid.
 */
async function systemTransition(call: Call, order: Order, due: Due & { kind: 'transition' }, at: string): Promise<boolean> {
  try {
    await applyTransition(call.deps, {
      action: due.action,
      actor: SYSTEM_ACTOR,
      input: due.action === 'autoClose' ? {} : { note: due.note },
      order: { snapshot: order },
      // what the job owes (reminders to managers) beside what the action itself tells (the resident of an escalation)
      notifications: due.notification ? [due.notification] : [],
      now: at,
      points: call.deps.policy.points,
    })
    return true
  } catch (e) {
    if (e instanceof AppError) return false
    throw e
  }
}

/** Where a sweep stopped: saved as JSON in the job's state, checked on the way back in. */
const STALE_POSITION = z.object({ updatedAt: z.string(), id: z.string() })
const PREFERRED_POSITION = z.object({ preferredAt: z.string(), id: z.string() })

/** A saved position, or undefined (start over) when there is none or it no longer reads as one. */
function savedPosition<T>(saved: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!saved) return undefined
  try {
    const checked = schema.safeParse(JSON.parse(saved))
    return checked.success ? checked.data : undefined
  } catch {
    return undefined
  }
}

/** The position after the last order of a full batch, to save. */
const positionAfter = (orders: Order[], position: (o: Order) => object) => JSON.stringify(position(orders[orders.length - 1]))

export const cronFunction = defineFunction('cron', {
  /**
   * Run by the platform's timer (and the local host's interval, and POST /api/dev/cron): never by a client.
   *
   * Each sweep reads at most `policy.cron.batch` orders, oldest first, continuing after where the previous run
   * stopped (a cursor per sweep, saved in the store) and starting over once it reaches the end; so orders that stay
   * stale (already reminded, or at the center) never starve the others. Re-reading an order is harmless: reminders are
   * recorded under deterministic keys (an existing key is left alone) and transitions are conditional writes on the
   * order's version, so a second run at the same instant, or a retried one, changes nothing.
   */
  async run(input, call) {
    if (call.ctx.source !== 'system') throw new AppError('FORBIDDEN', '定时任务只能由系统触发')
    const { deps } = call
    const { policy } = deps
    const now = input.now ? new Date(input.now) : call.deps.clock()
    const at = now.toISOString()
    const batch = Math.max(1, Math.floor(policy.cron.batch))
    const [settings, cursors] = await Promise.all([deps.catalog.listUnitSettings(), deps.jobs.getCursors(JOB)])
    const limitsOf = limitsByPath(settings, policy.limits)
    const report: CronReport = {
      now: at,
      autoClosed: 0,
      escalated: 0,
      recalled: 0,
      reminded: 0,
      alerted: 0,
      read: {},
      delivered: 0,
      inboxed: 0,
      sent: 0,
      purged: 0,
      exportsDeleted: 0,
      redemptionsExpired: 0,
    }
    const nextCursors: Record<string, string> = {}

    // listStale is strict (updatedAt < before) and a limit is due when reached: one millisecond later
    const dueBefore = (hours: number) => new Date(now.getTime() - hoursToMs(hours) + 1).toISOString()
    const stalePosition = (o: Order) => ({ updatedAt: o.updatedAt, id: o.id })
    for (const sweep of SWEEPS) {
      // 1. the deadlines passed since the last run, oldest first: per limit and value in force, the orders whose
      // clock passed it after the frontier (the last order this read judged), so a backlog never delays a deadline
      const byId = new Map<string, Order>()
      for (const { key, unit } of sweep.keys) {
        for (const value of limitValues(key, settings, policy.limits)) {
          const name = `${sweep.name}:${key}=${value}`
          const frontier = savedPosition(cursors[name], STALE_POSITION)
          const due = await deps.orders.listStale(sweep.status, dueBefore(value * unit), batch, frontier)
          report.read[name] = due.length
          if (due.length > 0) nextCursors[name] = positionAfter(due, stalePosition)
          else if (cursors[name]) nextCursors[name] = cursors[name]
          for (const o of due) byId.set(o.id, o)
        }
      }
      // 2. the round: every stale order again, a batch per run from where the last run stopped, for what the
      // deadlines cannot see (an order moved behind a frontier by a clock set back)
      const soonest = Math.min(...sweep.keys.map(({ key, unit }) => smallestLimit(key, settings, policy.limits) * unit))
      const round = await deps.orders.listStale(sweep.status, dueBefore(soonest), batch, savedPosition(cursors[sweep.name], STALE_POSITION))
      report.read[sweep.name] = round.length
      if (round.length === batch) nextCursors[sweep.name] = positionAfter(round, stalePosition)
      for (const o of round) if (!byId.has(o.id)) byId.set(o.id, o)
      const orders = [...byId.values()]

      const leaders = sweep.status === 'dispatched' ? await leadersOf(call, orders) : new Map<string, string>()
      const reminders: AppNotification[] = []
      for (const order of orders) {
        const limits = limitsOf(order.unitPath)
        const due =
          sweep.status === 'completed'
            ? dueUnrated(order, limits, now)
            : sweep.status === 'placed'
              ? dueUndispatched(order, limits, now)
              : dueUnclaimed(order, limits, now, order.teamIds.flatMap((t) => (leaders.has(t) ? [leaders.get(t)!] : [])))
        if (due.kind === 'notify') reminders.push(due.notification)
        if (due.kind === 'transition' && (await systemTransition(call, order, due, at))) {
          if (due.action === 'autoClose') report.autoClosed++
          if (due.action === 'escalate') report.escalated++
          if (due.action === 'recall') report.recalled++
        }
      }
      if (reminders.length > 0) report.reminded += (await deps.notifications.recordNotifications(reminders)).length
    }

    // alerts before the preferred time: open orders whose preferred time is within the largest alert window in force
    const window = largestLimit('alertBeforePreferredHours', settings, policy.limits)
    if (window > 0) {
      const until = new Date(now.getTime() + hoursToMs(window) + 1).toISOString()
      // from where the last run stopped, but never before the recent past: an open order whose preferred time is long
      // gone had its alert when it was due, and a backlog of them must not hold back the alert of one about to start
      const recent = { preferredAt: new Date(now.getTime() - hoursToMs(PREFERRED_AT_PAST_HOURS)).toISOString(), id: '' }
      const saved = savedPosition(cursors.preferred, PREFERRED_POSITION)
      const after = saved && saved.preferredAt >= recent.preferredAt ? saved : recent
      const orders = await deps.orders.listPreferredDue(until, batch, after)
      report.read.preferred = orders.length
      if (orders.length === batch) {
        nextCursors.preferred = positionAfter(orders, (o) => ({ preferredAt: o.preferredAt, id: o.id }))
      }
      const alerts = orders.flatMap((order) => {
        const due = dueBeforePreferred(order, limitsOf(order.unitPath), now)
        return due.kind === 'notify' ? [due.notification] : []
      })
      if (alerts.length > 0) report.alerted += (await deps.notifications.recordNotifications(alerts)).length
    }

    // 回访 (issue 11): the open follow-ups due, soonest due first, each gets its reminder at dueAt and its escalation
    // at dueAt + FOLLOW_UP_ESCALATE_HOURS once (deterministic ids). Two frontiers, one per notice: each read goes on
    // from where the last one stopped and never starts over (a short page keeps its cursor), so 回访 left open for
    // weeks are not read again and again, and a newly due one is in the next run's page. A new one is always due after
    // both frontiers (its dueAt is after its rating). One query each on the center's subtree: every unit.
    const root = (await unitTree(deps.catalog)).find((u) => u.parentId === null)
    if (root) {
      const arms = [
        { name: 'followUps', dueBefore: dueBefore(0) },
        { name: 'followUps:escalate', dueBefore: dueBefore(FOLLOW_UP_ESCALATE_HOURS) },
      ]
      const pages = await Promise.all(
        arms.map((arm) =>
          deps.orders.listFollowUps({ unitId: root.id, status: 'open', dueBefore: arm.dueBefore }, { cursor: cursors[arm.name] || undefined, limit: batch }),
        ),
      )
      const due = new Map<string, Order>()
      arms.forEach((arm, i) => {
        report.read[arm.name] = pages[i].items.length
        const cursor = pages[i].nextCursor ?? cursors[arm.name]
        if (cursor) nextCursors[arm.name] = cursor
        for (const o of pages[i].items) due.set(o.id, o)
      })
      const notices = [...due.values()].flatMap((o) => followUpNotices(o, now))
      if (notices.length > 0) report.reminded += (await deps.notifications.recordNotifications(notices)).length
    }

    // the statistics rollups: one day recounted from its orders per run, the days in turn from the first order's,
    // chosen by the run's time slot (no cursor to save: a run that finds nothing wrong writes nothing)
    const firstDay = await deps.stats.firstDay()
    if (firstDay) {
      const span = daysBetween(firstDay, chinaDay(at)) + 1
      const day = addDays(firstDay, Math.floor(now.getTime() / STATS_REPAIR_EVERY_MS) % Math.max(1, span))
      const repaired = await deps.stats.repairDay(day, new Date(now.getTime() - STATS_REPAIR_QUIET_MS).toISOString())
      report.statsRepair = { day, orders: repaired.orders, drift: repaired.drift.length, ...(repaired.skipped ? { skipped: true as const } : {}) }
    }

    if (JSON.stringify(nextCursors) !== JSON.stringify(cursors)) await deps.jobs.saveCursors(JOB, nextCursors)

    // 积分超市: redemptions nobody collected in time, cancelled and refunded (their notices delivered just below)
    report.redemptionsExpired = await expireRedemptions(deps, at, MALL.expireBatch)

    // deliver what is owed (this run's reminders and the order actions' news), a bounded batch per run
    const channel = call.deps.subscribe ?? localSubscribeChannel(deps)
    Object.assign(report, await deliverPending(deps, channel, at, batch))
    // rate-limit buckets whose window is over, oldest first, a bounded batch per run (core/rate-limits.ts)
    report.purged = await deps.rateLimits.purgeExpired(at, Math.max(1, Math.floor(policy.cron.purgeBatch)))
    // exports whose day is over, with their files, the same bounded batch per run
    report.exportsDeleted = await purgeExports(deps, at, Math.max(1, Math.floor(policy.cron.purgeBatch)))
    return report
  },
})

/** Effective limits per unit path, resolved once per unit for the run. */
function limitsByPath(settings: UnitSettings[], defaults: UnitLimits) {
  const byUnit = new Map(settings.map((s) => [s.unitId, s]))
  const memo = new Map<string, UnitLimits>()
  return (path: string[]): UnitLimits => {
    const key = path.join('/')
    let limits = memo.get(key)
    if (!limits) {
      limits = resolveLimits(path, byUnit, defaults).limits
      memo.set(key, limits)
    }
    return limits
  }
}

/** Team id → its leader's user id, for the teams of these orders (one read). */
async function leadersOf(call: Call, orders: Order[]): Promise<Map<string, string>> {
  const teamIds = [...new Set(orders.flatMap((o) => o.teamIds))]
  if (teamIds.length === 0) return new Map()
  const teams = await call.deps.catalog.listTeams({ ids: teamIds })
  return new Map(teams.flatMap((t) => (t.leaderId ? [[t.id, t.leaderId] as [string, string]] : [])))
}
