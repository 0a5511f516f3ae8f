import { CHINA_OFFSET_MS, type LedgerEntry, type Order } from '~types'
import type { PolicyConfig } from './config'
import { creditedHours } from './hours'

export interface AwardBreakdown {
  base: number
  hourPoints: number
  bonus: number
  total: number
}

/** Points for hours (hours above the cap count no further). */
export const hourPointsFor = (hours: number, policy: PolicyConfig['points']) => Math.round(Math.min(hours, policy.hoursCap) * policy.perHour)

/**
 * The points policy, in one place: every volunteer who claimed the order earns the menu item's base points,
 * plus points per hour (hours above the cap count no further), plus a bonus for a five-star rating. The hours are a
 * claimer's credited hours (core/hours.ts: verified on site or approved) when the award is theirs, awardEntries;
 * without `hours`, the order's reported hours (what the order as a whole was worth, for the exports).
 */
export function awardFor(order: Order, policy: PolicyConfig['points'], hours = order.completion?.hours ?? 0): AwardBreakdown {
  const base = order.basePoints
  const hourPoints = hourPointsFor(hours, policy)
  const bonus = order.rating?.stars === 5 ? policy.fiveStarBonus : 0
  return { base, hourPoints, bonus, total: base + hourPoints + bonus }
}

/** How every award's entry id begins (the daily cap sums the entries that do). */
export const AWARD_ID_PREFIX = 'award:'

/** Ledger entry id for an order's award: deterministic, so a retried award is refused as a duplicate. */
export const awardEntryId = (orderId: string, userId: string) => `${AWARD_ID_PREFIX}${orderId}:${userId}`

/**
 * The ledger entries that close an order's loop (rated or auto-closed), one per claiming volunteer: the per-hour part
 * only on that volunteer's credited hours (待核实 hours pay when approved, by a supplementary entry).
 */
export function awardEntries(order: Order, policy: PolicyConfig['points'], at: string, by: string): LedgerEntry[] {
  return order.claims.map((claim) => {
    const hours = creditedHours(claim)
    const award = awardFor(order, policy, hours)
    const parts = [`基础${award.base}分`, `服务${hours}小时计${award.hourPoints}分`]
    if (claim.hours?.status === 'pending') parts.push(`另有${claim.hours.reported}小时待核实`)
    if (award.bonus > 0) parts.push(`五星好评奖励${award.bonus}分`)
    return {
      id: awardEntryId(order.id, claim.volunteerId),
      userId: claim.volunteerId,
      delta: award.total,
      hours,
      reason: `完成「${order.title}」：${parts.join('，')}`,
      orderId: order.id,
      unitPath: claim.unitPath,
      at,
      by,
    }
  })
}

/** The entry id of the points for hours approved after the loop closed: one per order and volunteer, so paid once. */
export const supplementaryEntryId = (orderId: string, userId: string) => `${AWARD_ID_PREFIX}${orderId}:${userId}:补录`

/** The loop has closed (rated or auto-closed): the claimers' awards are paid. */
export const loopClosed = (order: Pick<Order, 'status'>) => order.status === 'rated' || order.status === 'closed'

/**
 * Hours approved (补录) after the loop closed pay their per-hour points now, by one entry with a deterministic id;
 * approved before, they are paid with the award that closes the loop. Null when nothing is owed.
 */
export function supplementaryEntry(order: Order, volunteerId: string, policy: PolicyConfig['points'], at: string, by: string): LedgerEntry | null {
  const claim = order.claims.find((c) => c.volunteerId === volunteerId)
  if (!claim || !loopClosed(order) || claim.hours?.status !== 'approved') return null
  const hours = creditedHours(claim)
  return {
    id: supplementaryEntryId(order.id, volunteerId),
    userId: volunteerId,
    delta: hourPointsFor(hours, policy),
    hours,
    reason: `「${order.title}」补录服务${hours}小时计${hourPointsFor(hours, policy)}分`,
    orderId: order.id,
    unitPath: claim.unitPath,
    at,
    by,
  }
}

const DAY_MS = 24 * 3600 * 1000

/**
 * The China-time day an award falls in, as the instants [from, to) and a key (its China-time date, 2026-03-02): the
 * window of the daily cap.
 */
export function pointsDay(at: string): { key: string; from: string; to: string } {
  const start = Math.floor((Date.parse(at) + CHINA_OFFSET_MS) / DAY_MS) * DAY_MS - CHINA_OFFSET_MS
  const key = new Date(start + CHINA_OFFSET_MS).toISOString().slice(0, 10)
  return { key, from: new Date(start).toISOString(), to: new Date(start + DAY_MS).toISOString() }
}

/**
 * An award under the daily cap, given what its volunteer has already earned by awards that China-time day: paid in
 * full while it fits, else cut to what is left of the cap (0 once it is reached), with the reason saying so. The
 * entry is kept even at 0 points: its id still makes a retried award a duplicate, its hours still count, and the
 * volunteer sees why nothing was paid. A cap of 0 caps nothing. Adapters call it inside the write that pays the
 * award, with the day's sum read in the same transaction, so concurrent awards cannot pass the cap together.
 */
export function capAward(entry: LedgerEntry, earnedToday: number, dailyCap: number): LedgerEntry {
  if (dailyCap <= 0 || entry.delta <= 0) return entry
  const left = Math.max(0, dailyCap - Math.max(0, earnedToday))
  if (entry.delta <= left) return entry
  return { ...entry, delta: left, reason: `${entry.reason}（已达每日上限${dailyCap}分，本次计${left}分）` }
}
