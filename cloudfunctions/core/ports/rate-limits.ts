/**
 * Rate-limit counters (issue 13), kept in the store so that they hold across cloud function instances. A counter is
 * a fixed-window bucket: its key names the rule, the person and the window (`write:<userId>:<windowStart>`), so a new
 * window is a new bucket and an old one is never read again; each carries `expiresAt`, after which the scheduled job
 * may delete it (`purgeExpired`). Every method is one round trip.
 */
export interface RateBucket {
  /** the bucket's key, window included (core/rate-limits.ts makes them) */
  key: string
  /** most hits the bucket takes */
  limit: number
  /** ISO time after which the bucket is over and may be deleted */
  expiresAt: string
  /** 0: only checked (refused when already at the limit), never counted; default 1 */
  cost?: 0 | 1
}

export interface RateHitResult {
  allowed: boolean
  /** the first bucket that was full (when refused) */
  refusedKey?: string
}

export interface RateLimitStore {
  /**
   * Counts one hit in every bucket, atomically and all or nothing: unless one of them is already at its limit, when
   * nothing is counted and the answer names it. With `token` (the request's own key, from its requestId), a hit is
   * counted once per bucket: the same token again is allowed without counting, so a retried request is never refused
   * because of its own first attempt.
   */
  hit(buckets: RateBucket[], token?: string): Promise<RateHitResult>
  /** The hits counted in a bucket (0 when it does not exist). */
  count(key: string): Promise<number>
  /** Deletes up to `max` buckets that expired before `now`; how many it deleted. */
  purgeExpired(now: string, max: number): Promise<number>
}
