/**
 * 积分超市 (issue 12): goods a unit keeps on its shelf, redemptions of them for points, collected at the station
 * with a pickup code (核销). The rules are in cloudfunctions/core/mall.ts; the numbers in core/config.ts.
 */

/** Goods on a unit's shelf. `stock` is what is left to redeem (reserved redemptions have taken theirs). */
export interface Goods {
  id: string
  name: string
  /** points per item */
  points: number
  stock: number
  /** items one person may redeem in a China-time month (null: no limit beyond the stock) */
  perPersonMonthly: number | null
  /** where and when to collect (领取地点和时间) */
  pickup: string
  /** on the shelf (上架) */
  active: boolean
  /** the goods picture (an upload under `goods/<orgUnitId>/`), or null; older goods have none */
  pictureId?: string | null
  /** where the app shows it from: the cloud fileID on WeChat, `/api/files/<id>` on the local host */
  pictureSrc?: string | null
  orgUnitId: string
  unitPath: string[]
  updatedAt: string
  updatedBy: string
}

export const REDEMPTION_STATUSES = ['reserved', 'fulfilled', 'cancelled'] as const
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number]

export const REDEMPTION_STATUS_LABELS: Record<RedemptionStatus, string> = {
  reserved: '待领取',
  fulfilled: '已领取',
  cancelled: '已取消',
}

/** Who ended a redemption without collection: the person, a manager, or the scheduled job (领取期限已过). */
export type CancelledBy = 'self' | 'manager' | 'expired'

export interface Redemption {
  id: string
  /** PICKUP_CODE_LENGTH characters of PICKUP_CODE_ALPHABET, unique */
  code: string
  goodsId: string
  goodsName: string
  quantity: number
  /** points taken: the goods' points × quantity */
  points: number
  userId: string
  userName: string
  /** the goods' unit (where it is collected) and its path */
  orgUnitId: string
  unitPath: string[]
  pickup: string
  status: RedemptionStatus
  createdAt: string
  /** the China-time month it counts toward the per-person limit (2026-03) */
  month: string
  /** not collected by then: the scheduled job cancels it and refunds */
  expiresAt: string
  fulfilledAt?: string
  fulfilledBy?: string
  fulfilledByName?: string
  cancelledAt?: string
  cancelledBy?: CancelledBy
  cancelledById?: string
  cancelReason?: string
}

/** Pickup codes: 8 characters without look-alikes (no 0/O, 1/I/L, U), as the invite codes. 30^8 ≈ 6.6·10^11. */
export const PICKUP_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'
export const PICKUP_CODE_LENGTH = 8

/** A pickup code as typed → as stored (upper case, no spaces or dashes). */
export function normalizePickupCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase()
}

/** A pickup code as shown: two groups of four (ABCD EFGH). */
export function formatPickupCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ')
}

/** The year's honours (points.honors): each ranking with the measures it is ranked by. */
export interface VolunteerHonour {
  rank: number
  userId: string
  name: string
  /** credited hours (信用时长: verified or approved), core/hours.ts */
  hours: number
  /** served orders they claimed */
  services: number
  /** average stars of those rated, null when none was rated */
  averageRating: number | null
}

export interface TeamHonour {
  rank: number
  teamId: string
  name: string
  services: number
  /** rated services with 4 or 5 stars ÷ rated services, null when none was rated */
  goodShare: number | null
  rated: number
}

export interface StationHonour {
  rank: number
  unitId: string
  name: string
  /** orders served (completed, rated or closed) */
  served: number
  /** people served, as reported at completion */
  people: number
}

export interface Honours {
  unitId: string
  year: number
  volunteers: VolunteerHonour[]
  teams: TeamHonour[]
  stations: StationHonour[]
  /** orders of the year read to count the figures (every status; the served ones are counted) */
  ordersRead: number
  /** true when the year had more served orders than HONOURS_MAX_ORDERS and only that many were read */
  truncated: boolean
}
