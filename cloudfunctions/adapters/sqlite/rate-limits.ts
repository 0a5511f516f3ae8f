import type { RateLimitStore } from '~core/ports'
import { type Database, one, prepareAll, Rollback, writeTx } from './db'

export const RATE_LIMITS_SQL = {
  bucketByKey: `SELECT count, tokens FROM rate_buckets WHERE key = @key`,
  putBucket: `
    INSERT INTO rate_buckets (key, count, expires_at, tokens) VALUES (@key, @count, @expiresAt, @tokens)
    ON CONFLICT (key) DO UPDATE SET count = excluded.count, tokens = excluded.tokens`,
  purgeExpired: `
    DELETE FROM rate_buckets WHERE key IN (
      SELECT key FROM rate_buckets WHERE expires_at < @now ORDER BY expires_at LIMIT @max)`,
}

export function createRateLimitStore(db: Database.Database): RateLimitStore {
  const s = prepareAll(db, RATE_LIMITS_SQL)
  // one IMMEDIATE transaction: every bucket read and written under the write lock, so parallel hits (other
  // connections, other processes) are counted one after another and all or nothing
  const hit = writeTx(db, (buckets: Parameters<RateLimitStore['hit']>[0], token: string | undefined) => {
    const writes: Array<{ key: string; count: number; expiresAt: string; tokens: string }> = []
    for (const b of buckets) {
      const row = one<{ count: number; tokens: string }>(s.bucketByKey, { key: b.key })
      const count = row?.count ?? 0
      const tokens = row ? (JSON.parse(row.tokens) as string[]) : []
      if (token !== undefined && tokens.includes(token)) continue
      if (count >= b.limit) throw new Rollback({ allowed: false, refusedKey: b.key })
      if (b.cost === 0) continue
      writes.push({
        key: b.key,
        count: count + 1,
        expiresAt: b.expiresAt,
        tokens: JSON.stringify(token === undefined ? tokens : [...tokens, token]),
      })
    }
    for (const w of writes) s.putBucket.run(w)
    return { allowed: true }
  })
  return {
    async hit(buckets, token) {
      return hit(buckets, token)
    },
    async count(key) {
      return one<{ count: number }>(s.bucketByKey, { key })?.count ?? 0
    },
    async purgeExpired(now, max) {
      return s.purgeExpired.run({ now, max }).changes
    },
  }
}
