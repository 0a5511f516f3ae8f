import type { Balance, LedgerEntry, Page } from '~types'
import type { PageRequest } from './paging'

/** The points ledger: append-only entries with their balances. Every method is one round trip; one that writes several records is atomic. */
export interface LedgerStore {
  /**
   * Appends entries and updates each user's balance (balance += delta, earned += max(delta,0), hours += hours)
   * atomically. 'duplicate' if any entry id exists; 'insufficient' if a balance would go below zero.
   */
  appendLedger(entries: LedgerEntry[]): Promise<'ok' | 'duplicate' | 'insufficient'>
  getBalance(userId: string): Promise<Balance>
  /** Newest first. */
  listLedger(userId: string, page: PageRequest): Promise<Page<LedgerEntry>>
  /**
   * Points earned (Σ max(delta, 0)) per given user over their entries with at ≥ since; every given user is in the
   * answer (0 without entries). The daily cap of awards reads it (index: ledger by user and time).
   */
  earnedSince(userIds: string[], since: string): Promise<Record<string, number>>
  /** Sum of deltas and hours per user over entries whose unitPath contains unitId and at ∈ [from, to). */
  leaderboard(q: { unitId: string; from: string; to: string; limit: number }): Promise<LeaderboardEntry[]>
  /** Checks balance = Σ entries (and earned, hours) for every user; lists the users where it does not hold. */
  reconcile(): Promise<{ checked: number; mismatches: Array<{ userId: string; balance: number; sum: number }> }>
}

export interface LeaderboardEntry {
  userId: string
  points: number
  hours: number
}

