import type { RateBucket, RateLimitStore } from '~core/ports'
import { type Conn, sdk } from './db'

type Outcome = 'counted' | 'free' | 'full'

/** Update / insert rounds of one hit before it gives up (each lost round means another hit got in first). */
const ATTEMPTS = 4

/**
 * Rate-limit buckets (`rate_buckets`, one document per bucket: `{ count, expiresAt, tokens }`). A hit is one
 * conditional update, `where({ _id, count: _.lt(limit), tokens: _.nin([token]) }).update({ count: _.inc(1), tokens:
 * _.push([token]) })`, judged by `stats.updated`, so parallel hits from any number of instances never pass the limit;
 * when it updates nothing, the first hit of a window inserts the bucket by its key (two requests); a duplicate means
 * it exists: read, it tells a full bucket or a token counted before from one someone else just created (update
 * again). Several buckets are hit one after another; when a later one is full, the ones already counted are given back (`_.inc(-1)`), so the answer is all or nothing, though a parallel hit may meanwhile see the
 * count one too high and be refused (never one too low).
 */
export function createRateLimitStore(c: Conn): RateLimitStore {
  const _ = c._
  const col = () => c.col('rate_buckets')

  /** A bucket as stored: free (its token was counted there before, or cost 0 with room), full, or room (null). */
  async function judge(b: RateBucket, token: string | undefined): Promise<{ exists: boolean; outcome: Outcome | null }> {
    const doc = await c.getDoc('rate_buckets', b.key)
    if (!doc) return { exists: false, outcome: null }
    if (token !== undefined && (doc.tokens as string[] | undefined)?.includes(token)) return { exists: true, outcome: 'free' }
    return { exists: true, outcome: Number(doc.count) >= b.limit ? 'full' : null }
  }

  async function increment(b: RateBucket, token: string | undefined): Promise<boolean> {
    const where = token === undefined ? { _id: b.key, count: _.lt(b.limit) } : { _id: b.key, count: _.lt(b.limit), tokens: _.nin([token]) }
    const data = token === undefined ? { count: _.inc(1) } : { count: _.inc(1), tokens: _.push([token]) }
    const res = await sdk(col().where(where).update({ data }))
    return res.stats.updated === 1
  }

  async function hitOne(b: RateBucket, token: string | undefined): Promise<Outcome> {
    if (b.cost === 0) {
      const seen = await judge(b, token)
      return seen.outcome ?? (b.limit > 0 ? 'free' : 'full')
    }
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      // the common case: the bucket exists and has room (one request)
      if (await increment(b, token)) return 'counted'
      // the first hit of a window: the bucket is created with it (two requests in all)
      if (b.limit < 1) return 'full'
      const bucket = { id: b.key, count: 1, expiresAt: b.expiresAt, tokens: token === undefined ? [] : [token] }
      if (await c.insert('rate_buckets', bucket)) return 'counted'
      // it exists: full, this token counted before, or created by someone else between the two; read it
      const seen = await judge(b, token)
      if (seen.outcome) return seen.outcome
    }
    return 'full' // still contended after every attempt: refuse rather than count past the limit
  }

  async function giveBack(b: RateBucket, token: string | undefined): Promise<void> {
    const data = token === undefined ? { count: _.inc(-1) } : { count: _.inc(-1), tokens: _.pull(token) }
    await sdk(col().where({ _id: b.key }).update({ data }))
  }

  return {
    async hit(buckets, token) {
      const counted: RateBucket[] = []
      for (const b of buckets) {
        const outcome = await hitOne(b, token)
        if (outcome === 'full') {
          for (const done of counted) await giveBack(done, token)
          return { allowed: false, refusedKey: b.key }
        }
        if (outcome === 'counted') counted.push(b)
      }
      return { allowed: true }
    },

    async count(key) {
      const doc = await c.getDoc('rate_buckets', key)
      return doc ? Number(doc.count) : 0
    },

    async purgeExpired(now, max) {
      const { data } = await sdk(col().where({ expiresAt: _.lt(now) }).orderBy('expiresAt', 'asc').limit(Math.min(max, 100)).get())
      if (data.length === 0) return 0
      const res = await sdk(col().where({ _id: _.in(data.map((d) => String(d._id))) }).remove())
      return res.stats.removed
    },
  }
}
