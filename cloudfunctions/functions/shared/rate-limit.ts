import type * as z from 'zod'
import { AppError } from '~core/errors'
import { claimBarRule, droppedClaimBucket, exportRule, placeRule, type RateRule, writeRule } from '~core/rate-limits'
import type { FunctionName, TimelineEntry } from '~types'
import type { Call } from './define'

/**
 * The one definition of a write, for the rate limit on writes: an action whose request schema carries `requestId`
 * (every action that changes something a retry could repeat: the lifecycle, place, team and menu upkeep, roles,
 * grants). Reads carry none and are not limited; nor are user.login, user.updateProfile and inbox.read, which only
 * set the caller's own profile or read marks, whatever the number of calls.
 */
export function isWriteAction(schema: z.ZodType): boolean {
  const shape = (schema as { shape?: Record<string, unknown> }).shape
  return !!shape && Object.hasOwn(shape, 'requestId')
}

/** The buckets a write hits: writes per minute, plus place (or export) per hour, plus the claim bar (checked, not counted). */
function rulesFor(call: Call, fn: FunctionName, action: string, userId: string): RateRule[] {
  const p = call.deps.policy.rateLimits
  const rules = [writeRule(p, userId, call.now)]
  if (fn === 'order' && action === 'place') rules.push(placeRule(p, userId, call.now))
  if (fn === 'order' && action === 'claim') rules.push(claimBarRule(p, userId, call.now))
  if (fn === 'export' && action === 'create') rules.push(exportRule(p, userId, call.now))
  return rules.filter((r): r is RateRule => r !== null)
}

/**
 * Counts a client's write against the caller's limits in one store call, before the action runs (its refusal changes
 * nothing else). A write with a requestId is counted once per window: the same requestId again (a retry, which the
 * action answers from its stored answer) is let through without counting, so a retry is never refused because of
 * its own first attempt; a retry in a later window counts once there, like any request.
 */
export async function enforceRateLimits(call: Call, fn: FunctionName, action: string, input: { requestId?: string }): Promise<void> {
  if (call.ctx.source !== 'client') return
  const user = await call.user()
  const rules = rulesFor(call, fn, action, user.id)
  if (rules.length === 0) return
  const token = input.requestId === undefined ? undefined : `${fn}.${action}:${input.requestId}`
  const res = await call.deps.rateLimits.hit(
    rules.map((r) => r.bucket),
    token,
  )
  if (!res.allowed) throw new AppError('RATE_LIMITED', rules.find((r) => r.bucket.key === res.refusedKey)?.message)
}

/**
 * After an unclaim: counts it as a dropped claim when the claim it drops was made less than quickUnclaimMinutes ago
 * (the volunteer's last claim on the order's timeline), one store call then and none otherwise. Counted once per
 * requestId, so a retried unclaim (answered from its first answer) does not count twice.
 */
export async function countDroppedClaim(call: Call, timeline: readonly TimelineEntry[], requestId: string | undefined): Promise<void> {
  if (call.ctx.source !== 'client') return
  const user = await call.user()
  const claim = [...timeline].reverse().find((e) => e.action === 'claim' && e.actorId === user.id)
  const bucket = droppedClaimBucket(call.deps.policy.rateLimits, user.id, claim, call.now)
  if (bucket) await call.deps.rateLimits.hit([bucket], requestId === undefined ? undefined : `order.unclaim:${requestId}`)
}
