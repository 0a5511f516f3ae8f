import type { Goods, LedgerEntry, Page, Redemption } from '~types'
import type { PageRequest } from './paging'

/**
 * 积分超市 (issue 12): goods, redemptions and their points. Every write is atomic: a redemption takes the stock, the
 * points (a ledger entry with its balance) and the per-person limit in one step; a cancel gives the points back (a
 * refund entry, once) and the stock with them. Every method is one round trip.
 */
export interface MallStore {
  /** Insert or replace goods by id. */
  saveGoods(goods: Goods): Promise<Goods>
  getGoods(id: string): Promise<Goods | null>
  /** Active and inactive goods of the given units, by unit order given, then name. */
  listGoods(unitIds: string[]): Promise<Goods[]>
  /**
   * Atomically, reading the goods and the balance inside: refuses goods that are gone or off the shelf ('inactive'),
   * stock below the quantity ('outOfStock', with the stock left), a balance below the points ('insufficient', with the
   * balance) and, with `perPersonMonthly`, the person's items of these goods in the redemption's month (not cancelled)
   * plus this one above it ('overLimit', with those used); else inserts the redemption, takes the stock, appends the
   * entry (balance -= points) and answers the new balance. A redemption id already stored answers 'duplicate' with it,
   * nothing written; a code already taken answers 'codeTaken' (draw another).
   */
  redeem(r: Redemption, entry: LedgerEntry): Promise<RedeemResult>
  getRedemption(id: string): Promise<Redemption | null>
  getRedemptionByCode(code: string): Promise<Redemption | null>
  /** reserved → fulfilled, once: 'conflict' with the redemption as it is when it was not reserved. */
  fulfil(id: string, by: { id: string; name: string }, at: string): Promise<EndResult>
  /**
   * reserved → cancelled, once, atomically with the refund entry (balance += points) and the stock given back (the
   * month's count with it). 'conflict' with the redemption as it is when it was not reserved.
   */
  cancel(id: string, end: { at: string; by: Redemption['cancelledBy']; byId: string; reason?: string }, refund: LedgerEntry): Promise<EndResult>
  /** One person's redemptions, newest first. */
  listMine(userId: string, page: PageRequest): Promise<Page<Redemption>>
  /** Reserved redemptions of goods of this unit (where they are collected), oldest first. */
  listPending(unitId: string, page: PageRequest): Promise<Page<Redemption>>
  /** Reserved redemptions whose expiresAt ≤ now, soonest expired first, at most `limit`. */
  listExpired(now: string, limit: number): Promise<Redemption[]>
}

export type RedeemResult =
  | { kind: 'ok'; redemption: Redemption; balance: number }
  | { kind: 'duplicate'; redemption: Redemption }
  | { kind: 'inactive' }
  | { kind: 'outOfStock'; stock: number }
  | { kind: 'insufficient'; balance: number }
  | { kind: 'overLimit'; limit: number; used: number }
  | { kind: 'codeTaken' }

export type EndResult = { kind: 'ok'; redemption: Redemption; balance?: number } | { kind: 'conflict'; redemption: Redemption | null }
