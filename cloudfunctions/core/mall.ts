import {
  type AppNotification,
  chinaTime,
  formatPickupCode,
  type Goods,
  type LedgerEntry,
  type Redemption,
  type User,
} from '~types'
import { managesUnitPath } from './relations'

/**
 * 积分超市 rules (issue 12), pure: what a redemption is, the ledger entries that take and give back its points, who
 * may cancel or 核销 it, and the words of each refusal. The store ports apply them atomically (core/ports/mall.ts).
 */

/** The China-time month an instant falls in (2026-03): the per-person limit's window. */
export function monthOf(at: string): string {
  const { year, month } = chinaTime(at)
  return `${year}-${String(month).padStart(2, '0')}`
}

const DAY_MS = 86_400_000

/** A new reserved redemption of `quantity` of the goods for the person, collected within `pickupDays`. */
export function newRedemption(p: {
  id: string
  code: string
  goods: Goods
  user: Pick<User, 'id' | 'name'>
  quantity: number
  at: string
  pickupDays: number
}): Redemption {
  const { goods } = p
  return {
    id: p.id,
    code: p.code,
    goodsId: goods.id,
    goodsName: goods.name,
    quantity: p.quantity,
    points: goods.points * p.quantity,
    userId: p.user.id,
    userName: p.user.name,
    orgUnitId: goods.orgUnitId,
    unitPath: [...goods.unitPath],
    pickup: goods.pickup,
    status: 'reserved',
    createdAt: p.at,
    month: monthOf(p.at),
    expiresAt: new Date(Date.parse(p.at) + p.pickupDays * DAY_MS).toISOString(),
  }
}

export const REDEEM_ID_PREFIX = 'redeem:'
export const REFUND_ID_PREFIX = 'refund:'

/**
 * The entry that takes a redemption's points: its id comes from the redemption, so it is written once. Spending is
 * no unit's achievement: the entry carries no unit path, so the leaderboards (sums per unit) never see it.
 */
export function redeemEntry(r: Redemption): LedgerEntry {
  return {
    id: `${REDEEM_ID_PREFIX}${r.id}`,
    userId: r.userId,
    delta: -r.points,
    hours: 0,
    reason: `积分兑换：${r.goodsName}×${r.quantity}`,
    orderId: null,
    unitPath: [],
    at: r.createdAt,
    by: r.userId,
  }
}

/** The entry that gives a cancelled redemption's points back, once (its id comes from the redemption). */
export function refundEntry(r: Redemption, at: string, by: string, why: string): LedgerEntry {
  return {
    id: `${REFUND_ID_PREFIX}${r.id}`,
    userId: r.userId,
    delta: r.points,
    hours: 0,
    reason: `退还积分：${r.goodsName}×${r.quantity}（${why}）`,
    orderId: null,
    unitPath: [],
    at,
    by,
  }
}

/** Managers of the goods' unit or a unit above it keep its shelf, see its pending redemptions and 核销 them. */
export const managesGoods = (user: User, unitPath: readonly string[]) => managesUnitPath(user, unitPath)

/** Who may cancel a redemption: the person who redeemed it, or a manager of its unit (or above). */
export function cancellerOf(user: User, r: Redemption): 'self' | 'manager' | null {
  if (r.userId === user.id) return 'self'
  if (managesGoods(user, r.unitPath)) return 'manager'
  return null
}

/** A China-time clock reading for messages: 3月2日 09:05. */
export function shortTime(at: string): string {
  const t = chinaTime(at)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${t.month}月${t.day}日 ${pad(t.hour)}:${pad(t.minute)}`
}

export const MALL_MESSAGES = {
  outOfStock: (stock: number) => (stock > 0 ? `库存只剩${stock}件，请减少兑换数量` : '该商品已经兑完了'),
  insufficient: (balance: number, need: number) => `积分不足：需要${need}分，当前只有${balance}分`,
  overLimit: (limit: number, used: number) =>
    used >= limit ? `该商品每人每月限兑${limit}件，本月您已兑满` : `该商品每人每月限兑${limit}件，本月您已兑${used}件，最多还能兑${limit - used}件`,
  inactive: '该商品已下架',
  notReserved: (r: Redemption) => {
    if (r.status === 'fulfilled') return `该兑换已于${shortTime(r.fulfilledAt ?? r.createdAt)}由${r.fulfilledByName ?? '管理员'}核销领取`
    return `该兑换已于${shortTime(r.cancelledAt ?? r.createdAt)}取消${r.cancelledBy === 'expired' ? '（超过领取期限）' : ''}，积分已退还`
  },
}

/** What the scheduled job tells the person when it cancels a redemption nobody collected in time. */
export function expiredNotification(r: Redemption, at: string): AppNotification {
  return {
    id: `redemptionExpired:${r.id}`,
    kind: 'redemptionExpired',
    orderId: r.id,
    title: r.goodsName,
    userIds: [r.userId],
    unitIds: [],
    text: `您兑换的${r.goodsName}×${r.quantity}（兑换码${formatPickupCode(r.code)}）超过领取期限未领取，已自动取消，${r.points}积分已退还`,
    at,
    dueAt: r.expiresAt,
    status: 'pending',
  }
}
