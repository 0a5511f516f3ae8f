import type { Balance, LedgerEntry } from '~types'
import { AWARD_ID_PREFIX } from '~core/points'
import type { LeaderboardEntry, LedgerStore } from '~core/ports'
import {
  all,
  type Database,
  decodeKey,
  HIGH,
  keyParams,
  one,
  parseDocs,
  perDatabase,
  prepareAll,
  Rollback,
  toPage,
  uniq,
  writeTx,
} from './db'

export const LEDGER_SQL = {
  insertEntry: `
    INSERT INTO ledger (id, user_id, delta, hours, at, doc) VALUES (@id, @userId, @delta, @hours, @at, @doc)
    ON CONFLICT (id) DO NOTHING`,
  insertEntryUnit: `
    INSERT INTO ledger_units (unit_id, at, ledger_id, user_id, delta, hours)
    VALUES (@unitId, @at, @ledgerId, @userId, @delta, @hours)`,
  addToBalance: `
    INSERT INTO balances (user_id, balance, earned, hours) VALUES (@userId, @delta, @earned, @hours)
    ON CONFLICT (user_id) DO UPDATE SET balance = balance + excluded.balance, earned = earned + excluded.earned,
      hours = hours + excluded.hours
    RETURNING balance`,
  // what a volunteer's awards (ids starting with AWARD_ID_PREFIX) paid in [from, to): the daily cap's sum, from the
  // covering ledger_by_user index
  awardedBetween: `
    SELECT TOTAL(delta) AS sum FROM ledger
    WHERE user_id = @userId AND at >= @from AND at < @to AND substr(id, 1, length(@prefix)) = @prefix`,
  balanceByUser: `SELECT user_id AS userId, balance, earned, hours FROM balances WHERE user_id = @userId`,
  ledgerPage: `
    SELECT at, id, doc FROM ledger
    WHERE user_id = @userId AND (at, id) < (@afterAt, @afterId)
    ORDER BY at DESC, id DESC LIMIT @limit`,
  leaderboard: `
    SELECT user_id AS userId, TOTAL(delta) AS points, TOTAL(hours) AS hours FROM ledger_units
    WHERE unit_id = @unitId AND at >= @from AND at < @to
    GROUP BY user_id ORDER BY points DESC, hours DESC, user_id LIMIT @limit`,
  // sums stream out of the covering ledger index in user order; balances are looked up by key, never scanned
  reconcile: `
    WITH sums AS (
      SELECT user_id, TOTAL(delta) AS sum, TOTAL(MAX(delta, 0)) AS earned, TOTAL(hours) AS hours
      FROM ledger GROUP BY user_id
    )
    SELECT s.user_id AS userId, COALESCE(b.balance, 0) AS balance, COALESCE(b.earned, 0) AS earned,
      COALESCE(b.hours, 0) AS hours, s.sum AS sum, s.earned AS sumEarned, s.hours AS sumHours
    FROM sums s LEFT JOIN balances b ON b.user_id = s.user_id
    UNION ALL
    SELECT b.user_id, b.balance, b.earned, b.hours, 0, 0, 0 FROM balances b
    WHERE NOT EXISTS (SELECT 1 FROM ledger l WHERE l.user_id = b.user_id)`,
}

/** Hours are halves, so sums are exact; the tolerance only guards against a future change of unit. */
const HOURS_EPSILON = 1e-6

/** Ledger rows, for the transition that pays a closed order's points in its own transaction. */
export const ledgerRows = perDatabase((db) => {
  const s = prepareAll(db, LEDGER_SQL)
  return {
    s,
    /**
     * Appends one entry with its unit rows and balance; call inside a write transaction.
     * Returns the new balance, or null when the entry id already exists (nothing written).
     */
    append(e: LedgerEntry): number | null {
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
    },
    /** What the volunteer's awards paid in [from, to) (the daily cap's sum); call inside the write transaction. */
    awardedBetween(userId: string, from: string, to: string): number {
      return one<{ sum: number }>(s.awardedBetween, { userId, from, to, prefix: AWARD_ID_PREFIX })!.sum
    },
  }
})

export function createLedgerStore(db: Database.Database): LedgerStore {
  const rows = ledgerRows(db)
  const { s } = rows

  const appendLedger = writeTx(db, (entries: LedgerEntry[]): 'ok' | 'duplicate' | 'insufficient' => {
    for (const e of entries) {
      const balance = rows.append(e)
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
      const after = decodeKey(page.cursor, HIGH)
      const found = all<{ at: string; id: string; doc: string }>(s.ledgerPage, {
        userId,
        ...keyParams(after),
        limit: page.limit + 1,
      })
      return toPage(parseDocs<LedgerEntry>(found), found, page.limit)
    },
    async leaderboard(q) {
      const { unitId, from, to, limit } = q
      return all<LeaderboardEntry>(s.leaderboard, { unitId, from, to, limit })
    },
    async reconcile() {
      const found = all<{
        userId: string
        balance: number
        earned: number
        hours: number
        sum: number
        sumEarned: number
        sumHours: number
      }>(s.reconcile)
      const mismatches = found
        .filter(
          (r) =>
            r.balance !== r.sum || r.earned !== r.sumEarned || Math.abs(r.hours - r.sumHours) > HOURS_EPSILON,
        )
        .map((r) => ({ userId: r.userId, balance: r.balance, sum: r.sum }))
      return { checked: found.length, mismatches }
    },
  }
}
