/** The 积分超市 port: its documented behaviour for any adapter, run by ./index.ts. */
import { newRedemption, redeemEntry, refundEntry } from '~core/mall'
import type { Stores } from '~core/ports'
import { type Goods, PICKUP_CODE_ALPHABET, PICKUP_CODE_LENGTH, type Redemption } from '~types'
import { at, makeEntry, nextId, pathOf } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function makeGoods(over: Partial<Goods> = {}): Goods {
  const orgUnitId = over.orgUnitId ?? 's11'
  return {
    id: nextId('goods'),
    name: '洗衣液',
    points: 30,
    stock: 5,
    perPersonMonthly: null,
    pickup: '东一村实践站，周一至周五 9:00–17:00',
    active: true,
    orgUnitId,
    unitPath: pathOf(orgUnitId),
    updatedAt: at(0),
    updatedBy: 'manager-1',
    ...over,
  }
}

let codes = 0
/** A fresh code of the pickup alphabet (a counter written in it). */
function nextCode(): string {
  let n = ++codes
  let code = ''
  for (let i = 0; i < PICKUP_CODE_LENGTH; i++) {
    code = PICKUP_CODE_ALPHABET[n % PICKUP_CODE_ALPHABET.length] + code
    n = Math.floor(n / PICKUP_CODE_ALPHABET.length)
  }
  return code
}

export function makeRedemption(goods: Goods, userId: string, over: { quantity?: number; minute?: number; id?: string; code?: string } = {}): Redemption {
  return newRedemption({
    id: over.id ?? nextId('rd'),
    code: over.code ?? `${nextCode()}`,
    goods,
    user: { id: userId, name: '张三' },
    quantity: over.quantity ?? 1,
    at: at(over.minute ?? 10),
    pickupDays: 30,
  })
}

export function mallContract(make: MakeStores): void {
  describe('mall', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    const fund = (userId: string, points: number) => stores.ledger.appendLedger([makeEntry({ userId, delta: points, hours: 0, at: at(1) })])
    const redeem = (r: Redemption) => stores.mall.redeem(r, redeemEntry(r))
    const stockOf = async (id: string) => (await stores.mall.getGoods(id))!.stock

    test('goods are saved, read by id and listed by the units given, in that order, then by name', async () => {
      const a = await stores.mall.saveGoods(makeGoods({ name: '毛巾', orgUnitId: 's11' }))
      const b = await stores.mall.saveGoods(makeGoods({ name: '大米', orgUnitId: 'c' }))
      const c = await stores.mall.saveGoods(makeGoods({ name: '肥皂', orgUnitId: 's11', active: false }))
      await stores.mall.saveGoods(makeGoods({ orgUnitId: 's12' }))
      expect(await stores.mall.getGoods(a.id)).toEqual(a)
      expect(await stores.mall.getGoods('nope')).toBeNull()
      expect((await stores.mall.listGoods(['s11', 'i1', 'c'])).map((g) => g.id)).toEqual([a.id, c.id, b.id]) // 毛 < 肥 in code points
      await stores.mall.saveGoods({ ...a, stock: 9 })
      expect(await stockOf(a.id)).toBe(9)
    })

    test('a redemption takes the stock and the points in one write; its entry carries no unit (no leaderboard)', async () => {
      const goods = await stores.mall.saveGoods(makeGoods({ stock: 3, points: 30 }))
      await fund('u1', 100)
      const r = makeRedemption(goods, 'u1', { quantity: 2 })
      expect(await redeem(r)).toEqual({ kind: 'ok', redemption: r, balance: 40 })
      expect(await stockOf(goods.id)).toBe(1)
      expect(await stores.ledger.getBalance('u1')).toMatchObject({ balance: 40, earned: 100 })
      expect(await stores.mall.getRedemption(r.id)).toEqual(r)
      expect(await stores.mall.getRedemptionByCode(r.code)).toEqual(r)
      const board = await stores.ledger.leaderboard({ unitId: 's11', from: at(0), to: at(100), limit: 10 })
      expect(board).toEqual([{ userId: 'u1', points: 100, hours: 0 }])
      expect((await stores.ledger.reconcile()).mismatches).toEqual([])
    })

    test('the same redemption again answers duplicate and writes nothing', async () => {
      const goods = await stores.mall.saveGoods(makeGoods({ stock: 3 }))
      await fund('u1', 100)
      const r = makeRedemption(goods, 'u1')
      await redeem(r)
      expect(await redeem({ ...r, code: 'ZZZZZZZZ' })).toEqual({ kind: 'duplicate', redemption: r })
      expect(await stockOf(goods.id)).toBe(2)
      expect((await stores.ledger.getBalance('u1')).balance).toBe(70)
    })

    test('refusals write nothing: off the shelf, out of stock, too few points, over the monthly limit, a taken code', async () => {
      const off = await stores.mall.saveGoods(makeGoods({ active: false }))
      const goods = await stores.mall.saveGoods(makeGoods({ stock: 3, points: 30, perPersonMonthly: 2 }))
      await fund('u1', 70)
      expect(await redeem(makeRedemption(off, 'u1'))).toEqual({ kind: 'inactive' })
      expect(await redeem(makeRedemption(goods, 'u1', { quantity: 4 }))).toEqual({ kind: 'outOfStock', stock: 3 })
      const first = makeRedemption(goods, 'u1')
      expect((await redeem(first)).kind).toBe('ok')
      expect(await redeem(makeRedemption(goods, 'u1', { quantity: 1, code: first.code }))).toEqual({ kind: 'codeTaken' })
      await fund('u2', 10)
      expect(await redeem(makeRedemption(goods, 'u2'))).toEqual({ kind: 'insufficient', balance: 10 })
      await fund('u1', 100)
      expect(await redeem(makeRedemption(goods, 'u1', { quantity: 2 }))).toEqual({ kind: 'overLimit', limit: 2, used: 1 })
      expect(await stockOf(goods.id)).toBe(2)
      expect((await stores.ledger.getBalance('u1')).balance).toBe(140)
      expect((await stores.ledger.getBalance('u2')).balance).toBe(10)
      expect((await stores.mall.listMine('u1', { limit: 10 })).items.map((r) => r.id)).toEqual([first.id])
      expect((await stores.ledger.reconcile()).mismatches).toEqual([])
    })

    test('parallel redemptions of the last items: exactly the stock is taken, each winner pays once', async () => {
      const goods = await stores.mall.saveGoods(makeGoods({ stock: 3, points: 30 }))
      const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']
      for (const p of people) await fund(p, 100)
      const results = await Promise.all(people.map((p) => redeem(makeRedemption(goods, p))))
      const winners = results.filter((r) => r.kind === 'ok')
      expect(winners).toHaveLength(3)
      expect(results.filter((r) => r.kind === 'outOfStock')).toHaveLength(3)
      expect(await stockOf(goods.id)).toBe(0)
      for (const [i, p] of people.entries()) {
        expect((await stores.ledger.getBalance(p)).balance).toBe(results[i].kind === 'ok' ? 70 : 100)
      }
      expect((await stores.ledger.reconcile()).mismatches).toEqual([])
    })

    test('parallel redemptions by one person hold the monthly limit', async () => {
      const goods = await stores.mall.saveGoods(makeGoods({ stock: 10, points: 10, perPersonMonthly: 2 }))
      await fund('u1', 100)
      const results = await Promise.all(Array.from({ length: 5 }, () => redeem(makeRedemption(goods, 'u1'))))
      expect(results.filter((r) => r.kind === 'ok')).toHaveLength(2)
      expect(results.filter((r) => r.kind === 'overLimit')).toHaveLength(3)
      expect(await stockOf(goods.id)).toBe(8)
      expect((await stores.ledger.getBalance('u1')).balance).toBe(80)
    })

    test('fulfil moves reserved to fulfilled once; a second answers conflict with who and when', async () => {
      const goods = await stores.mall.saveGoods(makeGoods())
      await fund('u1', 100)
      const r = makeRedemption(goods, 'u1')
      await redeem(r)
      const [a, b] = await Promise.all([
        stores.mall.fulfil(r.id, { id: 'm1', name: '罗书记' }, at(20)),
        stores.mall.fulfil(r.id, { id: 'm2', name: '李所长' }, at(20)),
      ])
      const kinds = [a.kind, b.kind].sort()
      expect(kinds).toEqual(['conflict', 'ok'])
      const stored = await stores.mall.getRedemption(r.id)
      expect(stored).toMatchObject({ status: 'fulfilled', fulfilledAt: at(20) })
      expect(['m1', 'm2']).toContain(stored!.fulfilledBy)
      const lost = a.kind === 'conflict' ? a : b
      expect(lost.redemption).toMatchObject({ status: 'fulfilled', fulfilledBy: stored!.fulfilledBy })
      expect(await stores.mall.cancel(r.id, { at: at(30), by: 'self', byId: 'u1' }, refundEntry(r, at(30), 'u1', '本人取消'))).toMatchObject({ kind: 'conflict' })
      expect((await stores.ledger.getBalance('u1')).balance).toBe(70)
      expect(await stores.mall.fulfil('nope', { id: 'm1', name: 'x' }, at(20))).toEqual({ kind: 'conflict', redemption: null })
    })

    test('parallel cancels refund once and give the stock (and the month) back once', async () => {
      const goods = await stores.mall.saveGoods(makeGoods({ stock: 2, points: 30, perPersonMonthly: 1 }))
      await fund('u1', 100)
      const r = makeRedemption(goods, 'u1')
      await redeem(r)
      const refund = refundEntry(r, at(30), 'u1', '本人取消')
      const results = await Promise.all(Array.from({ length: 4 }, () => stores.mall.cancel(r.id, { at: at(30), by: 'self', byId: 'u1', reason: '不需要了' }, { ...refund })))
      expect(results.filter((x) => x.kind === 'ok')).toHaveLength(1)
      expect(results.filter((x) => x.kind === 'conflict')).toHaveLength(3)
      expect(results.find((x) => x.kind === 'ok')).toMatchObject({ balance: 100, redemption: { status: 'cancelled', cancelledBy: 'self', cancelReason: '不需要了' } })
      expect(await stockOf(goods.id)).toBe(2)
      expect(await stores.ledger.getBalance('u1')).toMatchObject({ balance: 100 })
      expect((await stores.ledger.listLedger('u1', { limit: 10 })).items.map((e) => e.id)).toContain(`refund:${r.id}`)
      // the month's count came back with the stock
      expect((await redeem(makeRedemption(goods, 'u1'))).kind).toBe('ok')
      expect((await stores.ledger.reconcile()).mismatches).toEqual([])
    })

    test('listMine is newest first, listPending the unit\u2019s reserved oldest first, listExpired the reserved past due', async () => {
      const goods = await stores.mall.saveGoods(makeGoods({ stock: 10, points: 1 }))
      const other = await stores.mall.saveGoods(makeGoods({ stock: 10, points: 1, orgUnitId: 's12' }))
      await fund('u1', 100)
      const rs = [1, 2, 3].map((m) => makeRedemption(goods, 'u1', { minute: m * 10 }))
      for (const r of rs) await redeem(r)
      await redeem(makeRedemption(other, 'u1', { minute: 5 }))
      await stores.mall.fulfil(rs[1].id, { id: 'm1', name: '罗书记' }, at(40))
      const mine = await stores.mall.listMine('u1', { limit: 2 })
      expect(mine.items.map((r) => r.id)).toEqual([rs[2].id, rs[1].id])
      const next = await stores.mall.listMine('u1', { limit: 2, cursor: mine.nextCursor! })
      expect(next.items).toHaveLength(2)
      expect(next.nextCursor).toBeNull()
      expect((await stores.mall.listPending('s11', { limit: 10 })).items.map((r) => r.id)).toEqual([rs[0].id, rs[2].id])
      const p1 = await stores.mall.listPending('s11', { limit: 1 })
      expect((await stores.mall.listPending('s11', { limit: 1, cursor: p1.nextCursor! })).items.map((r) => r.id)).toEqual([rs[2].id])
      expect(await stores.mall.listExpired(at(10), 10)).toEqual([])
      const later = new Date(Date.parse(rs[2].expiresAt)).toISOString()
      expect((await stores.mall.listExpired(later, 10)).map((r) => r.goodsId)).toEqual([other.id, goods.id, goods.id])
      expect((await stores.mall.listExpired(later, 1))).toHaveLength(1)
    })

    test('a spend of exactly the balance leaves zero, and the next is insufficient', async () => {
      const goods = await stores.mall.saveGoods(makeGoods({ stock: 3, points: 25 }))
      await fund('u1', 50)
      expect(await redeem(makeRedemption(goods, 'u1', { quantity: 2 }))).toMatchObject({ kind: 'ok', balance: 0 })
      expect(await redeem(makeRedemption(goods, 'u1'))).toEqual({ kind: 'insufficient', balance: 0 })
      expect(await stores.ledger.getBalance('u1')).toMatchObject({ balance: 0, earned: 50 })
      expect((await stores.ledger.reconcile()).mismatches).toEqual([])
    })
  })
}
