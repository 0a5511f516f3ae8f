import { CHECKIN_CODE_DIGITS, type Claim, type ClaimHours, type HoursStatus, type Order } from '~types'
import { CHECKIN } from './config'

/** Hours that count toward a volunteer's record, points and certificate: verified on site, or approved (补录). */
export const CREDITED_HOURS_STATUSES: readonly HoursStatus[] = ['verified', 'approved']

/** A claimer's credited hours: 0 until their hours are verified or approved (and for orders completed before issue 10). */
export function creditedHours(claim: Pick<Claim, 'hours'>): number {
  const h = claim.hours
  return h && CREDITED_HOURS_STATUSES.includes(h.status) ? h.credited : 0
}

/**
 * The hours an order credits in all, as the statistics, the exports and the certificates count them: the sum of its
 * claimers' credited hours (待核实 and 不予认定 hours count nothing until a manager approves them).
 */
export function orderCreditedHours(order: Pick<Order, 'claims'>): number {
  return order.claims.reduce((sum, claim) => sum + creditedHours(claim), 0)
}

// ---- the check-in code ------------------------------------------------------------------------------------------

/**
 * A keyed MAC of a message (HMAC-SHA-256 with the server's check-in secret): given by the function layer, which has
 * the secret and the crypto library, so that the rule here stays plain.
 */
export type CodeMac = (message: string) => Uint8Array

/** The time slot an instant falls in: a new code every CHECKIN.periodSeconds. */
export function codeSlot(at: string, periodSeconds: number = CHECKIN.periodSeconds): number {
  return Math.floor(Date.parse(at) / (periodSeconds * 1000))
}

/** When a slot's code stops being the current one (it is still accepted for one more slot). */
export function slotEndsAt(slot: number, periodSeconds: number = CHECKIN.periodSeconds): string {
  return new Date((slot + 1) * periodSeconds * 1000).toISOString()
}

/** What is signed for an order's code in a slot: the order and the slot, so a code is good for one order only. */
export const codeMessage = (orderId: string, slot: number) => `checkin|${orderId}|${slot}`

/** The digits of a MAC by RFC 4226's dynamic truncation (as authenticator apps do), zero-padded. */
export function digitsOf(mac: Uint8Array, digits: number = CHECKIN_CODE_DIGITS): string {
  const offset = mac[mac.length - 1] & 0x0f
  const bin = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3]
  return String(bin % 10 ** digits).padStart(digits, '0')
}

/** An order's code in a slot. */
export function codeFor(mac: CodeMac, orderId: string, slot: number): string {
  return digitsOf(mac(codeMessage(orderId, slot)))
}

/** Whether a typed or scanned code is this order's code now or in the slot just before. */
export function codeMatches(mac: CodeMac, orderId: string, code: string, now: string, periodSeconds: number = CHECKIN.periodSeconds): boolean {
  const slot = codeSlot(now, periodSeconds)
  return [slot, slot - 1].some((s) => codeFor(mac, orderId, s) === code)
}

// ---- hours that count --------------------------------------------------------------------------------------------

/** How long a claimer was on site by their check-in and check-out (ms), or null without both. */
export function onSiteMs(claim: Pick<Claim, 'checkInAt' | 'checkOutAt'>): number | null {
  if (!claim.checkInAt || !claim.checkOutAt) return null
  return Math.max(0, Date.parse(claim.checkOutAt) - Date.parse(claim.checkInAt))
}

/**
 * A claimer's hours at completion: verified (信用时长) when they checked in and out and the time between covers at
 * least CHECKIN.onSiteShare of the reported hours, else pending (待核实, counting nothing until a manager decides).
 */
export function hoursAtCompletion(claim: Pick<Claim, 'checkInAt' | 'checkOutAt'>, reported: number, share: number = CHECKIN.onSiteShare): ClaimHours {
  const onSite = onSiteMs(claim)
  const verified = onSite !== null && onSite >= share * reported * 3600_000
  return { reported, status: verified ? 'verified' : 'pending', credited: verified ? reported : 0 }
}

/** Whether a claimer's hours wait for a manager's decision (待核实). */
export const hoursPending = (claim: Pick<Claim, 'hours'>) => claim.hours?.status === 'pending'

/** A manager's decision on pending hours: approved (补录, the hours given) or rejected (不予认定, none). */
export function decidedHours(
  hours: ClaimHours,
  decision: { approve: true; hours: number } | { approve: false },
  by: string,
  at: string,
  reason: string,
): ClaimHours {
  return decision.approve
    ? { ...hours, status: 'approved', credited: decision.hours, decidedBy: by, decidedAt: at, reason }
    : { ...hours, status: 'rejected', credited: 0, decidedBy: by, decidedAt: at, reason }
}
