import type { LedgerEntry, Order } from '~types'
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

/** The ledger entries that close an order's loop (rated or auto-closed), one per claiming volunteer. */
export function awardEntries(order: Order, policy: PolicyConfig['points'], at: string, by: string): LedgerEntry[] {
  const award = awardFor(order, policy)
  const hours = order.completion?.hours ?? 0
  const parts = [`基础${award.base}分`, `服务${hours}小时计${award.hourPoints}分`]
  if (award.bonus > 0) parts.push(`五星好评奖励${award.bonus}分`)
  const reason = `完成「${order.title}」：${parts.join('，')}`
  return order.claims.map((claim) => ({
    id: awardEntryId(order.id, claim.volunteerId),
    userId: claim.volunteerId,
    delta: award.total,
    hours,
    reason,
    orderId: order.id,
    unitPath: claim.unitPath,
    at,
    by,
  }))
}
