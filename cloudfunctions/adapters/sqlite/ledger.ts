import type { Balance, LedgerEntry } from '~types'
import type { LeaderboardEntry, Store } from '~core/store'
import { decodeCursor, HIGH, keyParams, toPage } from './cursor'
import { all, one, parseDocs, type Context, Rollback, uniq, writeTx } from './db'

type LedgerMethods = Pick<Store, 'appendLedger' | 'getBalance' | 'listLedger' | 'leaderboard' | 'reconcile'>

/** Hours are halves, so sums are exact; the tolerance only guards against a future change of unit. */
const HOURS_EPSILON = 1e-6

/**
 * Appends one entry with its unit rows and balance; call inside a write transaction.
 * Returns the new balance, or null when the entry id already exists (nothing written).
 */
export function appendEntry({ s }: Context, e: LedgerEntry): number | null {
  const inserted = s.insertEntry.run({
    id: e.id,
    userId: e.userId,
    delta: e.delta,
    hours: e.hours,
    at: e.at,
    doc: JSON.stringify(e),
  })
  if (inserted.changes === 0) return null
  for (const unitId of uniq(e.unitPath)) {
    s.insertEntryUnit.run({ unitId, at: e.at, ledgerId: e.id, userId: e.userId, delta: e.delta, hours: e.hours })
  }
  const row = one<{ balance: number }>(s.addToBalance, {
    userId: e.userId,
    delta: e.delta,
    earned: Math.max(e.delta, 0),
    hours: e.hours,
  })
  return row!.balance
}

export function ledgerMethods(ctx: Context): LedgerMethods {
  const { db, s } = ctx

  const appendLedger = writeTx(db, (entries: LedgerEntry[]): 'ok' | 'duplicate' | 'insufficient' => {
    for (const e of entries) {
      const balance = appendEntry(ctx, e)
      if (balance === null) throw new Rollback('duplicate' as const)
      if (balance < 0) throw new Rollback('insufficient' as const)
    }
    return 'ok'
  })

  return {
    async appendLedger(entries) {
      return appendLedger(entries)
    },
    async getBalance(userId) {
      return one<Balance>(s.balanceByUser, { userId }) ?? { userId, balance: 0, earned: 0, hours: 0 }
    },
    async listLedger(userId, page) {
      const after = decodeCursor(page.cursor, HIGH)
      const rows = all<{ at: string; id: string; doc: string }>(s.ledgerPage, {
        userId,
        ...keyParams(after),
        limit: page.limit + 1,
      })
      return toPage(parseDocs<LedgerEntry>(rows), rows, page.limit)
    },
    async leaderboard(q) {
      const { unitId, from, to, limit } = q
      return all<LeaderboardEntry>(s.leaderboard, { unitId, from, to, limit })
    },
    async reconcile() {
      const rows = all<{
        userId: string
        balance: number
        earned: number
        hours: number
        sum: number
        sumEarned: number
        sumHours: number
      }>(s.reconcile)
      const mismatches = rows
        .filter(
          (r) =>
            r.balance !== r.sum || r.earned !== r.sumEarned || Math.abs(r.hours - r.sumHours) > HOURS_EPSILON,
        )
        .map((r) => ({ userId: r.userId, balance: r.balance, sum: r.sum }))
      return { checked: rows.length, mismatches }
    },
  }
}
