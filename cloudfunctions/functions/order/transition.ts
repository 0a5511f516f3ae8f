import type { TransitionAction, TransitionInput } from '~core/lifecycle'
import type { OrderAnswer } from '~types'
import { applyTransition, type TransitionAnswer, type TransitionOutcome } from '~usecases/transition'
import type { Call } from '../shared/define'
import { knownReveals } from '../shared/audit'
import { createKeyedQueue } from '../shared/keyed-queue'

/** Lifecycle actions on one order take turns within this process (see keyed-queue.ts for why). */
const oneOrderAtATime = createKeyedQueue()

/**
 * One lifecycle action by the signed-in caller, in three store round trips when uncontended (plus the rate-limit hit
 * the router makes before it, functions/shared/rate-limit.ts): the caller's profile,
 * then the use case's read (the order, the teams that matter, any earlier answer to the same requestId) and its
 * conditional write.
 */
export async function runTransition<A extends TransitionAction>(
  call: Call,
  action: A,
  input: { orderId: string; requestId?: string } & TransitionInput[A],
  targetTeamIds: readonly string[] = [],
): Promise<TransitionOutcome> {
  const user = await call.user()
  const { deps } = call
  const { policy } = deps
  const request = {
    action,
    actor: { kind: 'user' as const, user },
    input,
    order: { id: input.orderId },
    teamIds: [...user.teamIds, ...targetTeamIds],
    // bound to the person, function and action here, and to the order by the stored answer (usecases/transition.ts)
    requestKey: input.requestId ? `${user.id}:order.${action}:${input.requestId}` : undefined,
    now: call.now,
    points: policy.points,
    knownReveals: knownReveals(deps.audit),
  }
  return oneOrderAtATime(input.orderId, () => applyTransition(deps, request))
}

/** The answer a client gets: without what only the server needs (the order as it was). */
export function forClient(outcome: TransitionOutcome): TransitionAnswer {
  const { previous: _previous, ...answer } = outcome
  return answer
}

/** The answer of every lifecycle write but rate, which alone also says what it paid. */
export async function answerOf(answer: Promise<TransitionOutcome>): Promise<OrderAnswer> {
  const { awards: _awards, previous: _previous, ...rest } = await answer
  return rest
}
