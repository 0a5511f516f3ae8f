import { createHmac } from 'node:crypto'
import { CHECKIN } from '~core/config'
import { fail } from '~core/errors'
import { codeFor, codeMatches, codeSlot, type CodeMac, slotEndsAt } from '~core/hours'
import { checkinCodeRefusal, type OrderContext } from '~core/lifecycle'
import { wrongCheckinCodeRules } from '~core/rate-limits'
import type { CheckinCodeAnswer, OrderAnswer } from '~types'
import type { Call } from '../shared/define'
import type { Deps } from '../shared/deps'
import { answerOf, runTransition } from './transition'

/** HMAC-SHA-256 under the deployment's check-in secret (deps.secrets.checkin): never a built-in default. */
export function codeMacOf(deps: Pick<Deps, 'secrets'>): CodeMac {
  const secret = deps.secrets?.checkin
  if (!secret) fail('INTERNAL', '签到码尚未配置，请联系管理员（缺少签到密钥 SIDAN_CHECKIN_SECRET）')
  return (message) => createHmac('sha256', secret).update(message).digest()
}

/** order.checkinCode: the code of the current slot, for those who may show it (core/lifecycle.ts checkinCodeRefusal). */
export function checkinCodeFor(call: Call, ctx: OrderContext): CheckinCodeAnswer {
  const refusal = checkinCodeRefusal(ctx)
  if (typeof refusal === 'string') fail('CONFLICT', refusal)
  if (refusal) fail(refusal.code, refusal.message)
  const slot = codeSlot(call.now)
  return { code: codeFor(codeMacOf(call.deps), ctx.order.id, slot), expiresAt: slotEndsAt(slot), periodSeconds: CHECKIN.periodSeconds }
}

export const WRONG_CODE = '签到码不对或已过期，请扫描或输入现场最新的签到码'

/**
 * order.checkIn / checkOut: the code is judged first (this order's, now or the slot before), under a limit on wrong
 * codes per person, order and hour that is checked before the code is judged and counted after a wrong one; then
 * the lifecycle row records the time on the caller's claim in the order's one conditional write. A wrong code
 * writes nothing but the count. Store calls: the profile, the limit's check, loadOrder and transition.
 */
export async function checkInOrOut(
  call: Call,
  action: 'checkIn' | 'checkOut',
  input: { orderId: string; code: string; requestId?: string },
): Promise<OrderAnswer> {
  const { deps } = call
  const user = await call.user()
  const mac = codeMacOf(deps)
  const rules = wrongCheckinCodeRules(deps.policy.rateLimits, user.id, input.orderId, call.now)
  if (rules) {
    const checked = await deps.rateLimits.hit([rules.check.bucket])
    if (!checked.allowed) fail('RATE_LIMITED', rules.check.message)
  }
  if (!codeMatches(mac, input.orderId, input.code, call.now)) {
    if (rules) await deps.rateLimits.hit([rules.count])
    fail('INVALID_INPUT', WRONG_CODE)
  }
  return answerOf(runTransition(call, action, input))
}
