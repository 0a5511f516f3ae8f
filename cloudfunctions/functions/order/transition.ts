import { notificationsFor } from '~core/notify'
import { awardEntries } from '~core/points'
import { decide, type TransitionAction, type TransitionInput } from '~core/lifecycle'
import { AppError, fail } from '~core/errors'
import { viewOrder } from '~core/privacy'
import { type Actor, canSeeContact, relationsOf } from '~core/relations'
import type { LedgerEntry, OrderView, Team } from '~types'
import type { Call } from '../shared/define'
import { createKeyedQueue } from '../shared/keyed-queue'

/** A version conflict means someone else moved the order first: decide again on what is there now. */
const MAX_ATTEMPTS = 8

/** Lifecycle actions on one order take turns within this process (see keyed-queue.ts for why). */
const oneOrderAtATime = createKeyedQueue()

export interface TransitionResult {
  order: OrderView
  awards: LedgerEntry[]
}

/**
 * One lifecycle action by a signed-in user, in three store round trips when uncontended:
 * the caller's profile, the order (with the teams that matter and any earlier answer to the same requestId),
 * and the conditional write that also pays the points, records the answer and the notifications it owes.
 */
export async function runTransition<A extends TransitionAction>(
  call: Call,
  action: A,
  input: { orderId: string; requestId?: string } & TransitionInput[A],
  targetTeamIds: readonly string[] = [],
): Promise<TransitionResult> {
  const user = await call.user()
  const actor = { kind: 'user' as const, user }
  const requestKey = input.requestId ? `${user.id}:order.${action}:${input.requestId}` : undefined
  const teamIds = [...new Set([...user.teamIds, ...targetTeamIds])]
  return oneOrderAtATime(input.orderId, () => decideAndWrite(call, action, input, actor, teamIds, requestKey))
}

async function decideAndWrite<A extends TransitionAction>(
  call: Call,
  action: A,
  input: TransitionInput[A] & { orderId: string },
  actor: Actor & { kind: 'user' },
  teamIds: string[],
  requestKey: string | undefined,
): Promise<TransitionResult> {
  const { deps } = call
  const { policy } = deps
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const loaded = await deps.orders.loadOrder(input.orderId, { teamIds, requestKey })
    if (loaded.replay !== undefined) return loaded.replay as TransitionResult
    if (!loaded.order) fail('NOT_FOUND', '订单不存在')
    const order = loaded.order!
    const next = decide(action, order, actor, loaded.teams, input, call.now)
    const awards = action === 'rate' ? awardEntries(next, policy.points, call.now, actor.user.id) : []
    const result: TransitionResult = { order: viewFor(actor, next, loaded.teams), awards }
    const outcome = await deps.orders.transition({
      orderId: order.id,
      expectedVersion: order.version,
      next,
      awards,
      request: requestKey ? { key: requestKey, response: result } : undefined,
      // who is told (core/notify.ts), in the same conditional write: a lost race tells nobody
      notifications: notificationsFor(action, order, next, loaded.teams, actor.user.id, call.now),
    })
    if (outcome === 'ok') return result
    if (outcome === 'duplicate') throw new AppError('CONFLICT', '积分已经发放过了')
  }
  throw new AppError('CONFLICT', '同时操作的人较多，请稍后再试')
}

export function viewFor(actor: Actor, order: Parameters<typeof viewOrder>[0], teams: readonly Team[]): OrderView {
  return viewOrder(order, canSeeContact(relationsOf(actor, order, teams)))
}
