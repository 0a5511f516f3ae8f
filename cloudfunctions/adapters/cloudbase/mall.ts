import type { Balance, Goods, LedgerEntry, Redemption } from '~types'
import type { EndResult, MallStore, RedeemResult } from '~core/ports'
import type { DbTransaction, DocData } from './db-types'
import { abort, body, clampLimit, type Conn, fromDoc, isConflictError, isDuplicateError, PAGE, sdk, toDoc } from './db'

/**
 * 积分超市 on CloudBase. A redemption and a cancel change several documents (the redemption, the goods' stock, the
 * person's month count, the code, the ledger entry and the balance), so each is one transaction of single-document
 * operations whose callback reads everything it decides on inside and may re-run: two redemptions of the last item
 * both read the goods document, one commit conflicts, and its callback re-runs on the stock the other left. Ids are
 * deterministic (the redemption's from the person and requestId, the entries' from the redemption, the code's own
 * document `_id` = the code), so a re-run or a retry never writes twice. A 核销 is one conditional update judged by
 * stats.updated. Every query has its index in deploy/manifest.json.
 */

/** Whole-transaction attempts beyond runTx's own, for goods many people redeem at once (each conflict re-reads). */
const CONTENDED_ATTEMPTS = 8

/** The person's count of items of one goods in one China-time month (not cancelled): the per-person limit. */
const quotaId = (r: Pick<Redemption, 'userId' | 'goodsId' | 'month'>) => `${r.userId}:${r.goodsId}:${r.month}`

const balanceOf = (userId: string, doc: DocData | null): Balance => ({
  userId,
  balance: Number(doc?.balance ?? 0),
  earned: Number(doc?.earned ?? 0),
  hours: Number(doc?.hours ?? 0),
})

/**
 * Moves a balance by a spend or refund entry inside the transaction: the entry inserted (a taken id rejects, and the
 * transaction with it), the balance document set in full with every other field it carries kept as read (the daily
 * cap's day of awards, awardDay and awardDayPoints, is not disturbed by spending).
 */
async function moveBalance(t: DbTransaction, doc: DocData | null, entry: LedgerEntry): Promise<Balance> {
  const b = balanceOf(entry.userId, doc)
  await sdk(t.collection('ledger').add({ data: toDoc(entry) }))
  const next = { ...b, balance: b.balance + entry.delta, earned: b.earned + Math.max(entry.delta, 0), hours: b.hours + entry.hours }
  const { _id: _omit, ...kept } = doc ?? {}
  await sdk(t.collection('balances').doc(entry.userId).set({ data: { ...kept, ...next } }))
  return next
}

export function createMallStore(c: Conn): MallStore {
  async function contended<T>(run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run()
      } catch (e) {
        if (attempt < CONTENDED_ATTEMPTS && isConflictError(e)) continue
        throw e
      }
    }
  }

  const redemptionOf = async (id: string) => {
    const doc = await c.getDoc('redemptions', id)
    return doc ? fromDoc<Redemption>(doc) : null
  }

  return {
    async saveGoods(goods) {
      await sdk(c.col('goods').doc(goods.id).set({ data: body(goods) }))
      return goods
    },

    async getGoods(id) {
      const doc = await c.getDoc('goods', id)
      return doc ? fromDoc<Goods>(doc) : null
    },

    /** One query (index orgUnitId): a unit keeps at most PAGE goods per read; the path is three units. */
    async listGoods(unitIds) {
      if (unitIds.length === 0) return []
      const { data } = await sdk(c.col('goods').where({ orgUnitId: c._.in(unitIds) }).limit(PAGE).get())
      const goods = data.map((d) => fromDoc<Goods>(d))
      const rank = (g: Goods) => unitIds.indexOf(g.orgUnitId)
      return goods.sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
    },

    async redeem(r, entry) {
      try {
        return await contended(() =>
          c.runTx(async (t): Promise<RedeemResult> => {
            const existing = await c.txGet(t, 'redemptions', r.id)
            if (existing) return { kind: 'duplicate', redemption: fromDoc<Redemption>(existing) }
            const goodsDoc = await c.txGet(t, 'goods', r.goodsId)
            const goods = goodsDoc ? fromDoc<Goods>(goodsDoc) : null
            if (!goods || !goods.active) return abort(t, { kind: 'inactive' } as RedeemResult)
            if (goods.stock < r.quantity) return abort(t, { kind: 'outOfStock', stock: goods.stock } as RedeemResult)
            const quota = await c.txGet(t, 'mall_quota', quotaId(r))
            const used = Number(quota?.used ?? 0)
            if (goods.perPersonMonthly !== null && used + r.quantity > goods.perPersonMonthly) {
              return abort(t, { kind: 'overLimit', limit: goods.perPersonMonthly, used } as RedeemResult)
            }
            if (await c.txGet(t, 'pickup_codes', r.code)) return abort(t, { kind: 'codeTaken' } as RedeemResult)
            const balanceDoc = await c.txGet(t, 'balances', r.userId)
            const before = balanceOf(r.userId, balanceDoc).balance
            if (before < r.points) return abort(t, { kind: 'insufficient', balance: before } as RedeemResult)
            await sdk(t.collection('redemptions').add({ data: toDoc(r) }))
            await sdk(t.collection('pickup_codes').add({ data: { _id: r.code, redemptionId: r.id } }))
            await sdk(t.collection('goods').doc(r.goodsId).update({ data: { stock: goods.stock - r.quantity } }))
            await sdk(t.collection('mall_quota').doc(quotaId(r)).set({ data: { used: used + r.quantity } }))
            const after = await moveBalance(t, balanceDoc, entry)
            return { kind: 'ok', redemption: r, balance: after.balance }
          }),
        )
      } catch (e) {
        // the redemption's _id or its entry's was inserted meanwhile (a parallel retry of the same request)
        if (isDuplicateError(e)) {
          const stored = await redemptionOf(r.id)
          if (stored) return { kind: 'duplicate', redemption: stored }
          return { kind: 'codeTaken' }
        }
        throw e
      }
    },

    getRedemption: redemptionOf,

    async getRedemptionByCode(code) {
      const { data } = await sdk(c.col('redemptions').where({ code }).limit(1).get())
      return data[0] ? fromDoc<Redemption>(data[0]) : null
    },

    /** One conditional update (reserved → fulfilled) judged by stats.updated, then the document as it now is. */
    async fulfil(id, by, at) {
      const res = await sdk(
        c
          .col('redemptions')
          .where({ _id: id, status: 'reserved' })
          .update({ data: { status: 'fulfilled', fulfilledAt: at, fulfilledBy: by.id, fulfilledByName: by.name } }),
      )
      const now = await redemptionOf(id)
      return res.stats.updated === 1 && now ? { kind: 'ok', redemption: now } : { kind: 'conflict', redemption: now }
    },

    async cancel(id, end, refund) {
      try {
        return await contended(() =>
          c.runTx(async (t): Promise<EndResult> => {
            const doc = await c.txGet(t, 'redemptions', id)
            const r = doc ? fromDoc<Redemption>(doc) : null
            if (!r || r.status !== 'reserved') return abort(t, { kind: 'conflict', redemption: r } as EndResult)
            const goods = await c.txGet(t, 'goods', r.goodsId)
            const quota = await c.txGet(t, 'mall_quota', quotaId(r))
            const balanceDoc = await c.txGet(t, 'balances', r.userId)
            const next: Redemption = {
              ...r,
              status: 'cancelled',
              cancelledAt: end.at,
              cancelledBy: end.by,
              cancelledById: end.byId,
              ...(end.reason ? { cancelReason: end.reason } : {}),
            }
            await sdk(t.collection('redemptions').doc(id).set({ data: body(next) }))
            if (goods) await sdk(t.collection('goods').doc(r.goodsId).update({ data: { stock: Number(goods.stock) + r.quantity } }))
            await sdk(t.collection('mall_quota').doc(quotaId(r)).set({ data: { used: Math.max(0, Number(quota?.used ?? 0) - r.quantity) } }))
            const after = await moveBalance(t, balanceDoc, refund)
            return { kind: 'ok', redemption: next, balance: after.balance }
          }),
        )
      } catch (e) {
        // the refund entry exists: it was cancelled before
        if (isDuplicateError(e)) return { kind: 'conflict', redemption: await redemptionOf(id) }
        throw e
      }
    },

    async listMine(userId, page) {
      return c.page<Redemption>('redemptions', { userId }, 'createdAt', 'desc', page)
    },

    async listPending(unitId, page) {
      return c.page<Redemption>('redemptions', { orgUnitId: unitId, status: 'reserved' }, 'createdAt', 'asc', page)
    },

    async listExpired(now, limit) {
      const docs = await c.readSorted('redemptions', { status: 'reserved', expiresAt: c._.lte(now) }, 'expiresAt', 'asc', clampLimit(limit), null)
      return docs.map((d) => fromDoc<Redemption>(d))
    },
  }
}
