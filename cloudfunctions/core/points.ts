import { CHINA_OFFSET_MS, type LedgerEntry, type Order } from '~types'
import type { PolicyConfig } from './config'

export interface AwardBreakdown {
  base: number
  hourPoints: number
  bonus: number
  total: number
}

/**
 * The points policy, in one place: every volunteer who claimed the order earns the menu item's base points,
 * plus points per reported hour (hours above the cap count no further), plus a bonus for a five-star rating.
 */
export function awardFor(order: Order, policy: PolicyConfig['points']): AwardBreakdown {
  const hours = order.completion?.hours ?? 0
  const base = order.basePoints
  const hourPoints = Math.round(Math.min(hours, policy.hoursCap) * policy.perHour)
  const bonus = order.rating?.stars === 5 ? policy.fiveStarBonus : 0
  return { base, hourPoints, bonus, total: base + hourPoints + bonus }
}

/** Ledger entry id for an order's award: deterministic, so a retried award is refused as a duplicate. */
export const awardEntryId = (orderId: string, userId: string) => `award:${orderId}:${userId}`

/** The start of the China-time day of `at` (as an ISO instant): the daily cap counts points earned since then. */
export function dayStartOf(at: string): string {
  const day = 24 * 3600 * 1000
  const local = Date.parse(at) + CHINA_OFFSET_MS
  return new Date(local - (((local % day) + day) % day) - CHINA_OFFSET_MS).toISOString()
}

/** What the daily cap leaves of an award for a volunteer who has already earned `earnedToday` points today. */
export function cappedDelta(total: number, earnedToday: number, dailyCap: number): number {
  return Math.max(0, Math.min(total, dailyCap - earnedToday))
}

/**
 * The ledger entries that close an order's loop (rated or auto-closed), one per claiming volunteer. `earnedToday`
 * holds the points each claimer has already earned this China-time day (dayStartOf): an award that would pass the
 * daily cap is cut to what is left (possibly 0: the entry still records the hours) and its reason says so.
 */
export function awardEntries(
  order: Order,
  policy: PolicyConfig['points'],
  at: string,
  by: string,
  earnedToday: Readonly<Record<string, number>> = {},
): LedgerEntry[] {
  const award = awardFor(order, policy)
  const hours = order.completion?.hours ?? 0
  const parts = [`基础${award.base}分`, `服务${hours}小时计${award.hourPoints}分`]
  if (award.bonus > 0) parts.push(`五星好评奖励${award.bonus}分`)
  const reason = `完成「${order.title}」：${parts.join('，')}`
  return order.claims.map((claim) => {
    const delta = cappedDelta(award.total, earnedToday[claim.volunteerId] ?? 0, policy.dailyCap)
    return {
      id: awardEntryId(order.id, claim.volunteerId),
      userId: claim.volunteerId,
      delta,
      hours,
      reason: delta < award.total ? `${reason}（已达每日积分上限${policy.dailyCap}分，本次计${delta}分）` : reason,
      orderId: order.id,
      unitPath: claim.unitPath,
      at,
      by,
    }
  })
}
