import { cancellerOf, expiredNotification, MALL_MESSAGES, monthOf, newRedemption, redeemEntry, refundEntry } from '~core/mall'
import { formatPickupCode, type Goods, normalizePickupCode, PICKUP_CODE_ALPHABET, PICKUP_CODE_LENGTH } from '~types'
import { newPickupCode } from '~functions/shared/ids'
import { user } from '~test/support/order-fixture'

const goods: Goods = {
  id: 'g1', name: '洗衣液', points: 30, stock: 3, perPersonMonthly: 2, pickup: '站里', active: true,
  orgUnitId: 'st', unitPath: ['c', 'in', 'st'], updatedAt: '2026-03-01T00:00:00.000Z', updatedBy: 'm',
}
const r = newRedemption({ id: 'rd1', code: 'ABCD2345', goods, user: { id: 'u-1', name: '王大爷' }, quantity: 2, at: '2026-03-31T17:00:00.000Z', pickupDays: 30 })

describe('积分超市 rules (core/mall.ts)', () => {
  it.each([
    ['2026-03-31T15:59:59.999Z', '2026-03'],
    ['2026-03-31T16:00:00.000Z', '2026-04'],
    ['2025-12-31T16:00:00.000Z', '2026-01'],
  ])('monthOf(%s) is the China-time month %s', (at, month) => {
    expect(monthOf(at)).toBe(month)
  })

  it('a redemption takes points × quantity, counts in its China-time month and expires pickupDays later', () => {
    expect(r).toMatchObject({ points: 60, month: '2026-04', status: 'reserved', orgUnitId: 'st', expiresAt: '2026-04-30T17:00:00.000Z' })
  })

  it('its entries are deterministic, opposite, and carry no unit (spending never moves a leaderboard)', () => {
    expect(redeemEntry(r)).toMatchObject({ id: 'redeem:rd1', delta: -60, hours: 0, unitPath: [], reason: '积分兑换：洗衣液×2' })
    expect(refundEntry(r, 'x', 'u-1', '本人取消')).toMatchObject({ id: 'refund:rd1', delta: 60, unitPath: [], reason: '退还积分：洗衣液×2（本人取消）' })
  })

  it.each([
    [user({ id: 'u-1' }), 'self'],
    [user({ id: 'm', roles: ['manager'], managedUnitId: 'in' }), 'manager'],
    [user({ id: 'm2', roles: ['manager'], managedUnitId: 'other' }), null],
    [user({ id: 'x' }), null],
  ])('cancellerOf %#', (who, expected) => {
    expect(cancellerOf(who, r)).toBe(expected)
  })

  it.each([
    [MALL_MESSAGES.outOfStock(0), '该商品已经兑完了'],
    [MALL_MESSAGES.outOfStock(2), '库存只剩2件，请减少兑换数量'],
    [MALL_MESSAGES.insufficient(10, 30), '积分不足：需要30分，当前只有10分'],
    [MALL_MESSAGES.overLimit(2, 2), '该商品每人每月限兑2件，本月您已兑满'],
    [MALL_MESSAGES.overLimit(3, 1), '该商品每人每月限兑3件，本月您已兑1件，最多还能兑2件'],
    [MALL_MESSAGES.notReserved({ ...r, status: 'fulfilled', fulfilledAt: '2026-04-01T01:05:00.000Z', fulfilledByName: '罗书记' }), '该兑换已于4月1日 09:05由罗书记核销领取'],
    [MALL_MESSAGES.notReserved({ ...r, status: 'cancelled', cancelledAt: '2026-04-01T01:05:00.000Z', cancelledBy: 'expired' }), '该兑换已于4月1日 09:05取消（超过领取期限），积分已退还'],
  ])('message %#', (got, want) => {
    expect(got).toBe(want)
  })

  it('the expiry notice is keyed by the redemption and tells the person only', () => {
    expect(expiredNotification(r, 'now')).toMatchObject({ id: 'redemptionExpired:rd1', kind: 'redemptionExpired', userIds: ['u-1'], orderId: 'rd1' })
  })

  it('pickup codes: 8 characters of the alphabet without look-alikes, typed in any case, shown in two groups', () => {
    const codes = new Set(Array.from({ length: 2000 }, newPickupCode))
    expect(codes.size).toBe(2000)
    for (const c of codes) expect(c).toMatch(new RegExp(`^[${PICKUP_CODE_ALPHABET}]{${PICKUP_CODE_LENGTH}}$`))
    expect(PICKUP_CODE_ALPHABET).not.toMatch(/[01ILOU]/)
    expect(normalizePickupCode('abcd-23 45')).toBe('ABCD2345')
    expect(formatPickupCode('ABCD2345')).toBe('ABCD 2345')
  })
})
