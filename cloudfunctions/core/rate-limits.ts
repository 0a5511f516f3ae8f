import { CHINA_OFFSET_MS, type Claim } from '~types'
import { type RateLimitPolicy, SIGN_IN } from './config'
import type { RateBucket } from './ports'

/**
 * The rate limits per person (issue 13) as fixed-window buckets of the RateLimitStore: which buckets a write hits,
 * and what a refusal says. Windows are fixed (the minute, the hour, the China-time day an instant falls in): a
 * bucket's key names its window, so the next window starts from zero without anyone resetting anything.
 */

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A bucket with what to tell the person when it refuses. */
export interface RateRule {
  bucket: RateBucket
  /** Chinese, says when to try again */
  message: string
}

interface Window {
  start: number
  end: number
}

function fixedWindow(now: string, size: number, offset = 0): Window {
  const t = Date.parse(now) + offset
  const start = Math.floor(t / size) * size - offset
  return { start, end: start + size }
}

const minutesLeft = (w: Window, now: string) => Math.max(1, Math.ceil((w.end - Date.parse(now)) / MINUTE))
// a bucket is kept one window beyond its own (a clock a little off still finds it), then the job may delete it
const expiry = (w: Window) => new Date(w.end + (w.end - w.start)).toISOString()

/** Writes per person and minute (every write action; see isWriteAction in functions/shared/define.ts). */
export function writeRule(p: RateLimitPolicy, userId: string, now: string): RateRule | null {
  if (p.writesPerMinute <= 0) return null
  const w = fixedWindow(now, MINUTE)
  return {
    bucket: { key: `write:${userId}:${w.start}`, limit: p.writesPerMinute, expiresAt: expiry(w) },
    message: `操作太频繁，请${minutesLeft(w, now)}分钟后再试`,
  }
}

/** order.place per person and hour. */
export function placeRule(p: RateLimitPolicy, userId: string, now: string): RateRule | null {
  if (p.placesPerHour <= 0) return null
  const w = fixedWindow(now, HOUR)
  return {
    bucket: { key: `place:${userId}:${w.start}`, limit: p.placesPerHour, expiresAt: expiry(w) },
    message: `一小时内最多点单${p.placesPerHour}次，请${minutesLeft(w, now)}分钟后再试`,
  }
}

/** export.create per person and hour: an export reads a whole period of records. */
export function exportRule(p: RateLimitPolicy, userId: string, now: string): RateRule | null {
  if (p.exportsPerHour <= 0) return null
  const w = fixedWindow(now, HOUR)
  return {
    bucket: { key: `export:${userId}:${w.start}`, limit: p.exportsPerHour, expiresAt: expiry(w) },
    message: `一小时内最多导出${p.exportsPerHour}次，请${minutesLeft(w, now)}分钟后再试`,
  }
}

/**
 * Wrong check-in codes per person, order and hour (order.checkIn / checkOut): `check` (cost 0) is asked before the
 * code is judged, so a person at the limit learns nothing more about the code; `count` after a wrong one. Ten tries an
 * hour at a 6-digit code that changes every 30 s: about one chance in 50,000 a day.
 */
export function wrongCheckinCodeRules(p: RateLimitPolicy, userId: string, orderId: string, now: string): { check: RateRule; count: RateBucket } | null {
  if (p.wrongCheckinCodesPerHour <= 0) return null
  const w = fixedWindow(now, HOUR)
  const key = `checkin:${userId}:${orderId}:${w.start}`
  return {
    check: {
      bucket: { key, limit: p.wrongCheckinCodesPerHour, expiresAt: expiry(w), cost: 0 },
      message: `签到码输错次数过多，请${minutesLeft(w, now)}分钟后再试`,
    },
    count: { key, limit: Number.MAX_SAFE_INTEGER, expiresAt: expiry(w) },
  }
}

/** Activity photos a person may upload per hour (POST /api/upload, order.attachPhoto). */
export function uploadRule(p: RateLimitPolicy, userId: string, now: string): RateRule | null {
  if (p.uploadsPerHour <= 0) return null
  const w = fixedWindow(now, HOUR)
  return {
    bucket: { key: `upload:${userId}:${w.start}`, limit: p.uploadsPerHour, expiresAt: expiry(w) },
    message: `一小时内最多上传${p.uploadsPerHour}张照片，请${minutesLeft(w, now)}分钟后再试`,
  }
}

/** The China-time day of an instant, as its window. */
const chinaDay = (now: string) => fixedWindow(now, DAY, CHINA_OFFSET_MS)

function droppedBucket(p: RateLimitPolicy, userId: string, now: string, cost: 0 | 1): RateBucket {
  const w = chinaDay(now)
  // checked: refused once the day holds more than quickUnclaimsPerDay; counted: never refused (the unclaim is done)
  return { key: `dropped:${userId}:${w.start}`, limit: cost === 0 ? p.quickUnclaimsPerDay + 1 : Number.MAX_SAFE_INTEGER, expiresAt: expiry(w), cost }
}

/** A claim is barred for the rest of the China-time day once the volunteer dropped more claims than allowed. */
export function claimBarRule(p: RateLimitPolicy, userId: string, now: string): RateRule | null {
  if (p.quickUnclaimsPerDay <= 0 || p.quickUnclaimMinutes <= 0) return null
  return {
    bucket: droppedBucket(p, userId, now, 0),
    message: `今天已放弃接单${p.quickUnclaimsPerDay + 1}次，明天再来接单吧`,
  }
}

/**
 * The bucket an unclaim counts in when it drops a claim made less than quickUnclaimMinutes ago; null when the
 * unclaim does not count (a claim held longer, or the rule off).
 */
export function droppedClaimBucket(p: RateLimitPolicy, userId: string, claim: Pick<Claim, 'at'> | undefined, now: string): RateBucket | null {
  if (p.quickUnclaimsPerDay <= 0 || p.quickUnclaimMinutes <= 0 || !claim) return null
  if (Date.parse(now) - Date.parse(claim.at) >= p.quickUnclaimMinutes * MINUTE) return null
  return droppedBucket(p, userId, now, 1)
}

/**
 * 点赞 and 社会评分 per person and China-time day (issue 11). Hit with the order as the token
 * (`public.like:<orderId>`), so liking again an order already counted that day (after an unlike, a retry, a double
 * tap) or re-rating it spends nothing more: no extra round trip to find out whether it was a repeat.
 */
export function likeRule(p: RateLimitPolicy, userId: string, now: string): RateRule | null {
  if (p.likesPerDay <= 0) return null
  const w = chinaDay(now)
  return {
    bucket: { key: `like:${userId}:${w.start}`, limit: p.likesPerDay, expiresAt: expiry(w) },
    message: `每天最多点赞${p.likesPerDay}次，明天再来吧`,
  }
}

export function publicRatingRule(p: RateLimitPolicy, userId: string, now: string): RateRule | null {
  if (p.publicRatingsPerDay <= 0) return null
  const w = chinaDay(now)
  return {
    bucket: { key: `prate:${userId}:${w.start}`, limit: p.publicRatingsPerDay, expiresAt: expiry(w) },
    message: `每天最多评价${p.publicRatingsPerDay}次，明天再来吧`,
  }
}

/** The refusal of open orders beyond the limit. */
export function openOrdersMessage(p: RateLimitPolicy, forWhom: string | null): string {
  const who = forWhom ? `为${forWhom}` : ''
  return `${who}进行中的点单已有${p.openOrders}张，请等已有点单完成或取消后再点单`
}

/**
 * Failed logins per phone number (sign-in on the local host): SIGN_IN.failuresPerWindow in a fixed window of
 * SIGN_IN.failureWindowMinutes. `check` (cost 0) is asked before the password is judged, `count` after it failed.
 */
export function signInFailureRules(phone: string, now: string): { check: RateRule; count: RateBucket } {
  const w = fixedWindow(now, SIGN_IN.failureWindowMinutes * MINUTE)
  const key = `signin:${phone}:${w.start}`
  const limit = SIGN_IN.failuresPerWindow
  return {
    check: {
      bucket: { key, limit, expiresAt: expiry(w), cost: 0 },
      message: `密码错误次数过多，请${minutesLeft(w, now)}分钟后再试`,
    },
    count: { key, limit: Number.MAX_SAFE_INTEGER, expiresAt: expiry(w) },
  }
}
