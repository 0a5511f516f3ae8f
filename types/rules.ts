import type { OrderStatus } from './domain'

/** Orders not yet served: waiting for dispatch, for volunteers, or for the service itself. */
export const OPEN_STATUSES: readonly OrderStatus[] = ['placed', 'dispatched', 'claimed']

/** Orders in the hands of volunteer teams (dispatched to them, claimed or not): a team's open load. */
export const WITH_TEAMS_STATUSES: readonly OrderStatus[] = ['dispatched', 'claimed']

/**
 * The longest name of a person (the profile, and whom a proxy orders for). A plain number beside the schemas that
 * use it, so the 我的 page in the main package can size its field without bundling zod there.
 */
export const NAME_MAX = 20

/**
 * The longest id of an inbox message, which is `${notificationId}:${userId}`: the longest notification id the system
 * makes is `alert:preferred:${orderId}:${preferredAt}` (16 + 26 + 1 + 24 characters, preferredAt stored normalised),
 * so a message id is at most 94 characters today; the limit leaves room for longer order or user ids.
 */
export const MESSAGE_ID_MAX = 128

/** The longest preferredAt accepted (ISO 8601 with a time-zone offset; the longest real one, with nanoseconds, is 35). */
export const PREFERRED_AT_MAX = 40

/** A list page when the caller does not ask for a size (schemas cap it at 50). */
export const PAGE_SIZE = 20

/** China Standard Time (UTC+8), the clock counties count days, months and years by. */
export const CHINA_OFFSET_MS = 8 * 3600 * 1000

/** The China-time calendar fields of an instant. */
export function chinaTime(iso: string | Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const d = new Date((typeof iso === 'string' ? Date.parse(iso) : iso.getTime()) + CHINA_OFFSET_MS)
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() }
}

/** A password's length (sign-in on the local host: POST /api/auth/register). */
export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 64

/**
 * Invite codes (user.invite): 12 characters of an alphabet without look-alikes (no 0/O, 1/I/L, U), shown in groups of
 * four (ABCD-EFGH-JKMN); typed in any case, with or without the dashes or spaces. 30^12 ≈ 5·10^17 codes.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
export const INVITE_LENGTH = 12

/** An invite code as typed → as stored (upper case, no dashes or spaces). */
export function normalizeInviteCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase()
}

/** An invite code as shown (groups of four). */
export function formatInviteCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-')
}
/** The longest period one export (export.create) may cover, in years: a plain number beside the schema that uses it. */
export const EXPORT_MAX_YEARS = 3

/** A check-in code's digits (order.checkinCode; core/hours.ts derives them) */
export const CHECKIN_CODE_DIGITS = 6
/**
 * An order completed by fewer volunteers than it needed (服务人手不足): the volunteers it needed and those who had
 * claimed it, or null when it had them all. The completion page asks before completing such an order, and the
 * completion's timeline note says so (core/lifecycle.ts complete).
 */
export function shortHanded(order: { capacity: number; claims: readonly unknown[] }): { needed: number; claimed: number } | null {
  return order.claims.length < order.capacity ? { needed: order.capacity, claimed: order.claims.length } : null
}

/** The words for it, on the order and in the question before completing. */
export function shortHandedText(gap: { needed: number; claimed: number }): string {
  return `需${gap.needed}名志愿者，实际${gap.claimed}人完成`
}
