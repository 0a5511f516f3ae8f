import type { Balance, LedgerEntry } from '~types'
import type { LeaderboardEntry, LedgerStore } from '~core/ports'
import type { DbQuery, DbTransaction, DocData } from './db-types'
import { capAward, pointsDay } from '~core/points'
import { abort, clampLimit, type Conn, isDuplicateError, PAGE, sdk, toDoc } from './db'

function toBalance(userId: string, doc: DocData | null): Balance {
  return {
    userId,
    balance: Number(doc?.balance ?? 0),
    earned: Number(doc?.earned ?? 0),
    hours: Number(doc?.hours ?? 0),
  }
}

/**
 * Inside a transaction: inserts the entries (a taken id rejects, and the transaction with it), then moves each
 * user's balance by the sum of their entries. With `strict` (a spend), each balance is read and false is answered
 * (nothing more written) if a running balance would go below zero; without (awards), the balance is incremented
 * without being read, and set in full only when the user has none yet.
 */
export async function appendInTx(c: Conn, t: DbTransaction, entries: LedgerEntry[], strict: boolean): Promise<boolean> {
  // inserts first: a retried award or redemption answers 'duplicate' whatever the balance says now
  for (const entry of entries) await sdk(t.collection('ledger').add({ data: toDoc(entry) }))
  const moves = new Map<string, Balance>()
  // a spend sets the whole balance document: the daily cap's fields go along as they were
  const kept = new Map<string, AwardDayFields>()
  for (const entry of entries) {
    let move = moves.get(entry.userId)
    if (!move) {
      const doc = strict ? await c.txGet(t, 'balances', entry.userId) : null
      move = toBalance(entry.userId, doc)
      moves.set(entry.userId, move)
      if (doc) kept.set(entry.userId, awardDayOf(doc))
    }
    move.balance += entry.delta
    move.earned += Math.max(entry.delta, 0)
    move.hours += entry.hours
    if (strict && move.balance < 0) return false
  }
  const _ = c._
  for (const b of moves.values()) {
    const doc = t.collection('balances').doc(b.userId)
    const full = { userId: b.userId, balance: b.balance, earned: b.earned, hours: b.hours }
    if (strict) {
      await sdk(doc.set({ data: { ...full, ...kept.get(b.userId) } }))
      continue
    }
    if (b.balance === 0 && b.earned === 0 && b.hours === 0) {
      // nothing to add, but the user gets a balance like any user with entries
      if (!(await c.txGet(t, 'balances', b.userId))) await sdk(doc.set({ data: full }))
      continue
    }
    const inc = { balance: _.inc(b.balance), earned: _.inc(b.earned), hours: _.inc(b.hours) }
    // a non-zero increment changes an existing balance, so updated 0 means there is none yet
    if ((await sdk(doc.update({ data: inc }))).stats.updated === 0) await sdk(doc.set({ data: full }))
  }
  return true
}

/**
 * The daily cap's day as kept in a balance document: the China-time date of the volunteer's last award
 * (`awardDay`) and what awards paid on it (`awardDayPoints`). A spend keeps them (appendInTx sets them back).
 */
interface AwardDayFields {
  awardDay?: string
  awardDayPoints?: number
}

const awardDayOf = (doc: DocData | null): AwardDayFields =>
  doc && typeof doc.awardDay === 'string' ? { awardDay: doc.awardDay, awardDayPoints: Number(doc.awardDayPoints ?? 0) } : {}

/**
 * Inside a transaction: pays awards under the daily cap (core/points.ts capAward). Per volunteer it reads the balance
 * document, which carries what their awards paid on the China-time day of their last award, cuts the award to what
 * is left of the cap, inserts the entry (a taken id rejects, and the transaction with it) and sets the balance with
 * the day's new sum: three requests per volunteer. Two transactions paying one volunteer at once both read and write
 * that document, so one commit conflicts and its callback re-runs on the other's sum: the cap holds exactly.
 * Returns the entries as written.
 */
export async function awardInTx(c: Conn, t: DbTransaction, entries: LedgerEntry[], dailyCap: number): Promise<LedgerEntry[]> {
  const docs = new Map<string, { balance: Balance; day: AwardDayFields }>()
  const written: LedgerEntry[] = []
  for (const entry of entries) {
    let state = docs.get(entry.userId)
    if (!state) {
      const doc = await c.txGet(t, 'balances', entry.userId)
      state = { balance: toBalance(entry.userId, doc), day: awardDayOf(doc) }
      docs.set(entry.userId, state)
    }
    const { key } = pointsDay(entry.at)
    const earnedToday = state.day.awardDay === key ? (state.day.awardDayPoints ?? 0) : 0
    const paid = capAward(entry, earnedToday, dailyCap)
    await sdk(t.collection('ledger').add({ data: toDoc(paid) }))
    state.balance.balance += paid.delta
    state.balance.earned += Math.max(paid.delta, 0)
    state.balance.hours += paid.hours
    state.day = { awardDay: key, awardDayPoints: earnedToday + Math.max(paid.delta, 0) }
    written.push(paid)
  }
  for (const { balance: b, day } of docs.values()) {
    const full = { userId: b.userId, balance: b.balance, earned: b.earned, hours: b.hours, ...day }
    await sdk(t.collection('balances').doc(b.userId).set({ data: full }))
  }
  return written
}

export function createLedgerStore(c: Conn): LedgerStore {
  return {
    async appendLedger(entries) {
      if (entries.length === 0) return 'ok'
      try {
        return await c.runTx(async (t): Promise<'ok' | 'duplicate' | 'insufficient'> => {
          if (!(await appendInTx(c, t, entries, true))) return abort(t, 'insufficient' as const)
          return 'ok'
        })
      } catch (e) {
        if (isDuplicateError(e)) return 'duplicate'
        throw e
      }
    },

    async getBalance(userId) {
      return toBalance(userId, await c.getDoc('balances', userId))
    },

    async listLedger(userId, page) {
      return c.page<LedgerEntry>('ledger', { userId }, 'at', 'desc', page)
    },

    /**
     * One aggregate: entries of the unit's subtree in [from, to) grouped per user in the database (index
     * unitPath+at). The database reads every entry of the period; only the top `limit` rows travel back.
     */
    async leaderboard(q) {
      const _ = c._
      const $ = _.aggregate
      const res = await sdk(
        c
          .col('ledger')
          .aggregate()
          .match({ unitPath: q.unitId, at: _.gte(q.from).and(_.lt(q.to)) })
          .group({ _id: '$userId', points: $.sum('$delta'), hours: $.sum('$hours') })
          .sort({ points: -1, hours: -1, _id: 1 })
          .limit(clampLimit(q.limit))
          .end(),
      )
      return (res.list as Array<{ _id: string; points: number; hours: number }>).map(
        (r): LeaderboardEntry => ({ userId: String(r._id), points: r.points, hours: r.hours }),
      )
    },

    /**
     * Pages through balances (PAGE per read) and, per page, sums the ledger of those users in one aggregate
     * (index userId+at): 2 requests per PAGE users. Entries of a user without a balance document are not visited;
     * the adapter never writes one without the other.
     */
    async reconcile() {
      const _ = c._
      const $ = _.aggregate
      let checked = 0
      const mismatches: Array<{ userId: string; balance: number; sum: number }> = []
      let last: string | null = null
      for (;;) {
        const base: DbQuery = last === null ? c.col('balances') : c.col('balances').where({ _id: _.gt(last) })
        const { data } = await sdk(base.orderBy('_id', 'asc').limit(PAGE).get())
        if (data.length === 0) break
        const ids = data.map((d) => String(d._id))
        const res = await sdk(
          c
            .col('ledger')
            .aggregate()
            .match({ userId: _.in(ids) })
            .group({
              _id: '$userId',
              sum: $.sum('$delta'),
              earned: $.sum($.cond({ if: $.gt(['$delta', 0]), then: '$delta', else: 0 })),
              hours: $.sum('$hours'),
            })
            .limit(PAGE)
            .end(),
        )
        const sums = new Map(
          (res.list as Array<{ _id: string; sum: number; earned: number; hours: number }>).map((r) => [String(r._id), r]),
        )
        for (const doc of data) {
          const b = toBalance(String(doc.userId ?? doc._id), doc)
          const s = sums.get(String(doc._id)) ?? { sum: 0, earned: 0, hours: 0 }
          checked++
          if (b.balance !== s.sum || b.earned !== s.earned || Math.abs(b.hours - s.hours) > 1e-6) {
            mismatches.push({ userId: b.userId, balance: b.balance, sum: s.sum })
          }
        }
        if (data.length < PAGE) break
        last = String(data[data.length - 1]._id)
      }
      return { checked, mismatches }
    },
  }
}
