import { AppError } from '../../core/errors'
import { decide } from '../../core/lifecycle'
import { awardEntries } from '../../core/points'
import { SYSTEM_ACTOR } from '../../core/relations'
import type { Order } from '../../../types'
import { type Call, defineFunction } from '../shared/define'

const HOUR_MS = 3600 * 1000

/**
 * Applies one transition by the system. A conflict (someone acted meanwhile) is not an error for the job:
 * the order is simply no longer due. A duplicate award means it was already paid.
 */
async function systemTransition(call: Call, action: 'autoClose' | 'escalate', order: Order, now: string) {
  const next = decide(action, order, SYSTEM_ACTOR, [], {}, now)
  const awards = action === 'autoClose' ? awardEntries(next, call.deps.policy.points, now, 'system') : []
  return (await call.deps.store.transition({ orderId: order.id, expectedVersion: order.version, next, awards })) === 'ok'
}

export const cronFunction = defineFunction('cron', {
  /** Run by the platform's timer (and the local host's interval): never by a client. */
  async run(input, call) {
    if (call.ctx.source !== 'system') throw new AppError('FORBIDDEN', '定时任务只能由系统触发')
    const { store, policy } = call.deps
    const now = input.now ? new Date(input.now) : call.deps.clock()
    const at = now.toISOString()
    const batch = policy.limits.cronBatch

    const closeBefore = new Date(now.getTime() - policy.limits.autoCloseDays * 24 * HOUR_MS).toISOString()
    let autoClosed = 0
    for (const order of await store.listStale('completed', closeBefore, batch)) {
      if (await systemTransition(call, 'autoClose', order, at)) autoClosed++
    }

    // Orders already at the center cannot escalate further; read past them so they do not starve the rest.
    const escalateBefore = new Date(now.getTime() - policy.limits.escalateAfterHours * HOUR_MS).toISOString()
    const stale = await store.listStale('placed', escalateBefore, batch * 4)
    let escalated = 0
    for (const order of stale.filter((o) => o.unitPath.length > 1).slice(0, batch)) {
      if (await systemTransition(call, 'escalate', order, at)) escalated++
    }
    return { now: at, autoClosed, escalated }
  },
})
