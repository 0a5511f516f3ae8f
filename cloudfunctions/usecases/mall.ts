import { expiredNotification, refundEntry } from '~core/mall'
import type { EndResult, Stores } from '~core/ports'
import type { Redemption } from '~types'

const WHY: Record<NonNullable<Redemption['cancelledBy']>, string> = {
  self: '本人取消',
  manager: '管理员取消',
  expired: '超过领取期限未领取',
}

/** Cancels a reserved redemption: the points back as a refund entry (once) and the stock restored, in one write. */
export function cancelRedemption(
  stores: Pick<Stores, 'mall'>,
  r: Redemption,
  by: NonNullable<Redemption['cancelledBy']>,
  byId: string,
  at: string,
  reason?: string,
): Promise<EndResult> {
  return stores.mall.cancel(r.id, { at, by, byId, reason }, refundEntry(r, at, byId, WHY[by]))
}

/**
 * The scheduled job's part: reserved redemptions past their expiresAt (soonest first, `batch` a run) cancelled and
 * refunded, each person told (a notification keyed by the redemption, recorded once). A redemption collected or
 * cancelled meanwhile loses the conditional write and is left alone. Returns how many this run cancelled.
 */
export async function expireRedemptions(stores: Pick<Stores, 'mall' | 'notifications'>, at: string, batch: number): Promise<number> {
  const due = await stores.mall.listExpired(at, batch)
  let cancelled = 0
  const told = []
  for (const r of due) {
    const res = await cancelRedemption(stores, r, 'expired', 'system', at)
    if (res.kind !== 'ok') continue
    cancelled++
    told.push(expiredNotification(res.redemption, at))
  }
  if (told.length > 0) await stores.notifications.recordNotifications(told)
  return cancelled
}
