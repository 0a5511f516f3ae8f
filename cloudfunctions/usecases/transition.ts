import { contactRevealOf } from '~core/audit'
import type { PolicyConfig } from '~core/config'
import { AppError, fail } from '~core/errors'
import { decide, orderContext, rowOf, type OrderContext, type TransitionAction, type TransitionInput } from '~core/lifecycle'
import { notificationsFor } from '~core/notify'
import { awardEntries } from '~core/points'
import { type Actor, actorId } from '~core/relations'
import type { OrderStore } from '~core/ports'
import type { AppNotification, AuditEntry, LedgerEntry, Order, OrderAnswer, Team } from '~types'
import { answerFor } from './order-view'

/** The store ports this use case needs: the orders port's one read and one conditional write. */
export type TransitionStores = { orders: Pick<OrderStore, 'loadOrder' | 'transition'> }

export interface TransitionRequest<A extends TransitionAction> {
  action: A
  actor: Actor
  input: TransitionInput[A]
  /**
   * The order to act on. By id: read it (with `teamIds` and the replay of `requestKey`), and read it again after a
   * lost race, because a person's tap means "this action on the order as it is now". As a snapshot the caller has
   * already read: one attempt on that version, because the caller judged that version (the job's deadlines); it is
   * decided with the teams given beside it (none for the system, which needs none).
   */
  order: { id: string } | { snapshot: Order; teams?: readonly Team[] }
  /** by id: the teams to read with the order (the actor's, and any the action names, as dispatch does) */
  teamIds?: readonly string[]
  /**
   * a retried request (same key) gets the first answer again instead of a second effect. The key names the person,
   * the function and action, and the requestId, not the order: the order it was first used on is the one in the
   * stored answer, so the same requestId sent for another order is told so (replayOn) instead of being answered
   * with the first order or acting anew.
   */
  requestKey?: string
  /** what the caller owes beside the row's own notifications (the job's reminders) */
  notifications?: readonly AppNotification[]
  now: string
  points: PolicyConfig['points']
  /**
   * the contact reveals (by id) the caller's instance knows are stored: a write does not carry one again, and the
   * reveal a successful write carries is added
   */
  knownReveals?: Set<string>
}

/** The answer for the caller: the order after the action, their next actions, and the points paid (rate). */
export type TransitionAnswer = OrderAnswer & { awards: LedgerEntry[] }

/**
 * What applyTransition hands back: the answer, and on a fresh write (not a replay) the order as it stood before,
 * which the caller may need (the unclaim's claim bar reads when the dropped claim was made). Never sent to a client.
 */
export type TransitionOutcome = TransitionAnswer & { previous?: Order }

/**
 * Who decides a version conflict, from the fastest to the deciding one:
 * - the caller's in-process queue (functions/order) lets taps on one order take turns, so a burst in one process
 *   rarely loses a race at all;
 * - the adapter's conditional write ("from version v") is what decides, also across processes and instances (how it
 *   gets there, a pre-check or transaction retries, is the adapter's own business);
 * - this retry loop re-decides on a fresh read when a by-id request lost the write to another process, so the second
 *   claimer of a capacity-3 order succeeds; MAX_ATTEMPTS only bounds it under a storm of such races.
 */
const MAX_ATTEMPTS = 8

/**
 * One lifecycle action on one order, for any actor (a person or the system): load, decide from LIFECYCLE, compute
 * the consequences (points when the row closes the loop, the row's notifications and the caller's), one conditional
 * write that also stores the answer under the request key, and the view for the caller.
 * Store calls when uncontended: loadOrder and transition (transition only, for a snapshot).
 * Throws AppError: the refusal of the table, NOT_FOUND, or CONFLICT when the order moved and cannot be re-decided.
 */
export async function applyTransition<A extends TransitionAction>(
  stores: TransitionStores,
  req: TransitionRequest<A>,
): Promise<TransitionOutcome> {
  if ('snapshot' in req.order) {
    const { snapshot, teams = [] } = req.order
    const written = await decideAndWrite(stores, req, orderContext(req.actor, snapshot, teams))
    if (written === 'conflict') fail('CONFLICT', '订单刚刚有了变化，请刷新后再试')
    return written
  }
  const teamIds = [...new Set(req.teamIds ?? [])]
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const loaded = await stores.orders.loadOrder(req.order.id, { teamIds, requestKey: req.requestKey })
    if (loaded.replay !== undefined) return replayOn(req.order.id, loaded.replay as TransitionAnswer)
    if (!loaded.order) fail('NOT_FOUND', '订单不存在')
    const written = await decideAndWrite(stores, req, orderContext(req.actor, loaded.order, loaded.teams))
    if (written !== 'conflict') return written
  }
  throw new AppError('CONFLICT', '同时操作的人较多，请稍后再试')
}

/** The stored answer of a retried request, if it was given for this order; a requestId reused on another is refused. */
function replayOn(orderId: string, stored: TransitionAnswer): TransitionAnswer {
  if (stored.order?.id !== orderId) fail('INVALID_INPUT', '该请求编号已用于另一张订单，请刷新页面后重新操作')
  return stored
}

const auditOf = (recorded: AuditEntry[], reveal: AuditEntry | null) => {
  const all = reveal ? [...recorded, reveal] : recorded
  return all.length > 0 ? all : undefined
}

async function decideAndWrite<A extends TransitionAction>(
  stores: TransitionStores,
  req: TransitionRequest<A>,
  ctx: OrderContext,
): Promise<TransitionOutcome | 'conflict'> {
  const { action, actor, now } = req
  const { order, teams } = ctx
  const next = decide(action, ctx, req.input, now)
  const by = actorId(actor)
  const row = rowOf(action)
  // the award closing the loop, or what the row pays besides (补录 hours after the loop closed)
  const awards = row.closesLoop ? awardEntries(next, req.points, now, by) : (row.pays?.(next, req.input, req.points, now, by) ?? [])
  const recorded = row.audits?.(order, req.input, { actor, teams, relations: ctx.relations, now }) ?? []
  const after = orderContext(actor, next, teams)
  const view = answerFor(after, now)
  // the answer shows the contact to a claimer or a manager: recorded in the same write (once per viewer a day)
  const reveal = contactRevealOf(after, now)
  // the awards as paid are decided inside the write (the daily cap): the answer is made from them there
  let answer: TransitionAnswer = { ...view, awards }
  const outcome = await stores.orders.transition({
    orderId: order.id,
    expectedVersion: order.version,
    prev: order,
    next,
    awards,
    dailyCap: req.points.dailyCap,
    answer: (paid) => (answer = { ...view, awards: paid }),
    request: req.requestKey ? { key: req.requestKey } : undefined,
    // who is told, in the same conditional write: a lost race tells nobody
    notifications: [...(req.notifications ?? []), ...notificationsFor(action, order, next, teams, by, now)],
    audit: auditOf(recorded, reveal && !req.knownReveals?.has(reveal.id) ? reveal : null),
  })
  if (outcome === 'ok' && reveal) req.knownReveals?.add(reveal.id)
  if (outcome === 'duplicate') fail('CONFLICT', '积分已经发放过了')
  return outcome === 'ok' ? { ...answer, previous: order } : 'conflict'
}
