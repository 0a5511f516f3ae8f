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

/** How every award's entry id begins (the daily cap sums the entries that do). */
export const AWARD_ID_PREFIX = 'award:'

/** Ledger entry id for an order's award: deterministic, so a retried award is refused as a duplicate. */
export const awardEntryId = (orderId: string, userId: string) => `${AWARD_ID_PREFIX}${orderId}:${userId}`

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
