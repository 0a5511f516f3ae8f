import type { Goods, LedgerEntry, Redemption } from '~types'
import type { EndResult, MallStore, RedeemResult } from '~core/ports'
import { all, type Database, decodeKey, HIGH, keyParams, LOW, one, parseDoc, parseDocs, prepareAll, Rollback, toPage, writeTx } from './db'
import { ledgerRows } from './ledger'

export const MALL_SQL = {
  saveGoods: `
    INSERT INTO goods (id, org_unit_id, name, doc) VALUES (@id, @orgUnitId, @name, @doc)
    ON CONFLICT (id) DO UPDATE SET org_unit_id = excluded.org_unit_id, name = excluded.name, doc = excluded.doc`,
  goodsById: `SELECT doc FROM goods WHERE id = @id`,
  goodsByUnits: `
    SELECT g.doc FROM json_each(@unitIds) u JOIN goods g ON g.org_unit_id = u.value ORDER BY u.key, g.name, g.id`,
  setStock: `UPDATE goods SET doc = json_set(doc, '$.stock', json_extract(doc, '$.stock') + @change) WHERE id = @id`,
  insertRedemption: `
    INSERT INTO redemptions (id, code, user_id, goods_id, org_unit_id, month, quantity, status, created_at, expires_at, doc)
    VALUES (@id, @code, @userId, @goodsId, @orgUnitId, @month, @quantity, @status, @createdAt, @expiresAt, @doc)`,
  redemptionById: `SELECT doc FROM redemptions WHERE id = @id`,
  redemptionByCode: `SELECT doc FROM redemptions WHERE code = @code`,
  codeTaken: `SELECT 1 AS taken FROM redemptions WHERE code = @code`,
  // the per-person limit's count: items of the goods this month, cancelled ones given back
  usedThisMonth: `
    SELECT TOTAL(quantity) AS used FROM redemptions
    WHERE user_id = @userId AND goods_id = @goodsId AND month = @month AND status != 'cancelled'`,
  endRedemption: `
    UPDATE redemptions SET status = @status, doc = @doc WHERE id = @id AND status = 'reserved'`,
  minePage: `
    SELECT created_at AS at, id, doc FROM redemptions
    WHERE user_id = @userId AND (created_at, id) < (@afterAt, @afterId)
    ORDER BY created_at DESC, id DESC LIMIT @limit`,
  pendingPage: `
    SELECT created_at AS at, id, doc FROM redemptions
    WHERE org_unit_id = @unitId AND status = 'reserved' AND (created_at, id) > (@afterAt, @afterId)
    ORDER BY created_at, id LIMIT @limit`,
  expired: `
    SELECT doc FROM redemptions WHERE status = 'reserved' AND expires_at <= @now ORDER BY expires_at, id LIMIT @limit`,
}

export function createMallStore(db: Database.Database): MallStore {
  const s = prepareAll(db, MALL_SQL)
  const ledger = ledgerRows(db)
  const goodsOf = (id: string) => parseDoc<Goods>(one(s.goodsById, { id }))
  const redemptionOf = (id: string) => parseDoc<Redemption>(one(s.redemptionById, { id }))

  // every check reads inside the write transaction (IMMEDIATE: the write lock first), so parallel redemptions take turns
  const redeem = writeTx(db, (r: Redemption, entry: LedgerEntry): RedeemResult => {
    const existing = redemptionOf(r.id)
    if (existing) return { kind: 'duplicate', redemption: existing }
    const goods = goodsOf(r.goodsId)
    if (!goods || !goods.active) return { kind: 'inactive' }
    if (goods.stock < r.quantity) return { kind: 'outOfStock', stock: goods.stock }
    if (goods.perPersonMonthly !== null) {
      const used = one<{ used: number }>(s.usedThisMonth, { userId: r.userId, goodsId: r.goodsId, month: r.month })!.used
      if (used + r.quantity > goods.perPersonMonthly) return { kind: 'overLimit', limit: goods.perPersonMonthly, used }
    }
    if (one(s.codeTaken, { code: r.code })) return { kind: 'codeTaken' }
    s.insertRedemption.run({ ...r, doc: JSON.stringify(r) })
    s.setStock.run({ id: r.goodsId, change: -r.quantity })
    const balance = ledger.append(entry)
    if (balance === null) throw new Rollback<RedeemResult>({ kind: 'duplicate', redemption: r })
    if (balance < 0) throw new Rollback<RedeemResult>({ kind: 'insufficient', balance: balance + r.points })
    return { kind: 'ok', redemption: r, balance }
  })

  const fulfil = writeTx(db, (id: string, by: { id: string; name: string }, at: string): EndResult => {
    const r = redemptionOf(id)
    if (!r || r.status !== 'reserved') return { kind: 'conflict', redemption: r }
    const next: Redemption = { ...r, status: 'fulfilled', fulfilledAt: at, fulfilledBy: by.id, fulfilledByName: by.name }
    s.endRedemption.run({ id, status: next.status, doc: JSON.stringify(next) })
    return { kind: 'ok', redemption: next }
  })

  const cancel = writeTx(
    db,
    (id: string, end: { at: string; by: Redemption['cancelledBy']; byId: string; reason?: string }, refund: LedgerEntry): EndResult => {
      const r = redemptionOf(id)
      if (!r || r.status !== 'reserved') return { kind: 'conflict', redemption: r }
      const next: Redemption = {
        ...r,
        status: 'cancelled',
        cancelledAt: end.at,
        cancelledBy: end.by,
        cancelledById: end.byId,
        ...(end.reason ? { cancelReason: end.reason } : {}),
      }
      s.endRedemption.run({ id, status: next.status, doc: JSON.stringify(next) })
      s.setStock.run({ id: r.goodsId, change: r.quantity })
      const balance = ledger.append(refund)
      // a refund already written means the redemption was cancelled before: nothing of this attempt stays
      if (balance === null) throw new Rollback<EndResult>({ kind: 'conflict', redemption: r })
      return { kind: 'ok', redemption: next, balance }
    },
  )

  return {
    async saveGoods(goods) {
      s.saveGoods.run({ id: goods.id, orgUnitId: goods.orgUnitId, name: goods.name, doc: JSON.stringify(goods) })
      return goods
    },
    async getGoods(id) {
      return goodsOf(id)
    },
    async listGoods(unitIds) {
      return parseDocs<Goods>(all(s.goodsByUnits, { unitIds: JSON.stringify(unitIds) }))
    },
    async redeem(r, entry) {
      return redeem(r, entry)
    },
    async getRedemption(id) {
      return redemptionOf(id)
    },
    async getRedemptionByCode(code) {
      return parseDoc<Redemption>(one(s.redemptionByCode, { code }))
    },
    async fulfil(id, by, at) {
      return fulfil(id, by, at)
    },
    async cancel(id, end, refund) {
      return cancel(id, end, refund)
    },
    async listMine(userId, page) {
      const found = all<{ at: string; id: string; doc: string }>(s.minePage, {
        userId,
        ...keyParams(decodeKey(page.cursor, HIGH)),
        limit: page.limit + 1,
      })
      return toPage(parseDocs<Redemption>(found), found, page.limit)
    },
    async listPending(unitId, page) {
      const found = all<{ at: string; id: string; doc: string }>(s.pendingPage, {
        unitId,
        ...keyParams(decodeKey(page.cursor, LOW)),
        limit: page.limit + 1,
      })
      return toPage(parseDocs<Redemption>(found), found, page.limit)
    },
    async listExpired(now, limit) {
      return parseDocs<Redemption>(all(s.expired, { now, limit }))
    },
  }
}
