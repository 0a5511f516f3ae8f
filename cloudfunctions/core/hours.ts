import type { Claim, HoursStatus } from '~types'

/** Hours that count toward a volunteer's record, points and certificate: verified on site, or approved (补录). */
export const CREDITED_HOURS_STATUSES: readonly HoursStatus[] = ['verified', 'approved']

/** A claimer's credited hours: 0 until their hours are verified or approved (and for orders completed before issue 10). */
export function creditedHours(claim: Pick<Claim, 'hours'>): number {
  const h = claim.hours
  return h && CREDITED_HOURS_STATUSES.includes(h.status) ? h.credited : 0
}
