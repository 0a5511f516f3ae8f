import type { UnitLimits } from '~types'

/** The numbers behind the rules. Deployments override them through environment (see README, 配置). */
export interface PolicyConfig {
  points: {
    /** base points when an order has no menu item (ordered by theme only) */
    defaultBase: number
    perHour: number
    /** hours beyond this count no further */
    hoursCap: number
    fiveStarBonus: number
    /**
     * points one volunteer may earn per China-time day, summed over the awards of that day (0: no cap). An award
     * past it is cut to what is left, inside the write that pays it (core/points.ts capAward), and says so.
     */
    dailyCap: number
  }
  /**
   * The county's default time limits: seeded as the center's settings, and the fallback for any value no unit sets.
   * Units override them as data (catalog.updateLimits); see core/limits.ts.
   */
  limits: UnitLimits
  cron: {
    /** orders the scheduled job reads per kind and run (cloud functions have a time limit) */
    batch: number
    /** expired rate-limit buckets the scheduled job deletes per run (CloudBase: at most 100 a request) */
    purgeBatch: number
  }
  /** Rate limits per person (core/rate-limits.ts), counted in the store so they hold across instances; 0 = off. */
  rateLimits: RateLimitPolicy
}

export interface RateLimitPolicy {
  /** writes (actions whose request carries a requestId) per person and minute */
  writesPerMinute: number
  /** order.place per person and hour */
  placesPerHour: number
  /** open orders (placed, dispatched, claimed) per person; a proxy's count is per person served */
  openOrders: number
  /** an unclaim this soon after its claim (minutes) counts as a dropped claim */
  quickUnclaimMinutes: number
  /** dropped claims a volunteer may make in a China-time day; one more bars claiming until the next day */
  quickUnclaimsPerDay: number
  /** export.create per person and hour (an export reads a whole period) */
  exportsPerHour: number
  /** wrong check-in codes per person, order and hour (order.checkIn / checkOut): guessing 6 digits stays hopeless */
  wrongCheckinCodesPerHour: number
  /** activity photos uploaded per person and hour (POST /api/upload, order.attachPhoto) */
  uploadsPerHour: number
  /** 点赞 per person and China-time day (public.like; a like of an order already counted that day is free) */
  likesPerDay: number
  /** 社会评分 per person and China-time day (public.rate; re-rating an order already counted that day is free) */
  publicRatingsPerDay: number
}

export const DEFAULT_LIMITS: UnitLimits = {
  remindUndispatchedHours: 24,
  escalateUndispatchedHours: 48,
  remindUnclaimedHours: 24,
  recallUnclaimedHours: 72,
  alertBeforePreferredHours: 24,
  autoCloseDays: 7,
  pickupDays: 30,
  followUpHours: 72,
  followUpStars: 3,
}

export const DEFAULT_POLICY: PolicyConfig = {
  points: { defaultBase: 10, perHour: 5, hoursCap: 8, fiveStarBonus: 5, dailyCap: 100 },
  limits: DEFAULT_LIMITS,
  cron: { batch: 50, purgeBatch: 100 },
  rateLimits: { writesPerMinute: 30, placesPerHour: 10, openOrders: 5, quickUnclaimMinutes: 30, quickUnclaimsPerDay: 3, exportsPerHour: 10, wrongCheckinCodesPerHour: 10, uploadsPerHour: 60, likesPerDay: 30, publicRatingsPerDay: 10 },
}

/**
 * Every rate limit off: for the handler tests and the bench, which make hundreds of writes per person a second; the
 * rate-limit tests and every deployment (policyFromEnv) start from DEFAULT_POLICY, where they are on.
 */
export const RATE_LIMITS_OFF: RateLimitPolicy = {
  writesPerMinute: 0,
  placesPerHour: 0,
  openOrders: 0,
  quickUnclaimMinutes: 0,
  quickUnclaimsPerDay: 0,
  exportsPerHour: 0,
  wrongCheckinCodesPerHour: 0,
  uploadsPerHour: 0,
  likesPerDay: 0,
  publicRatingsPerDay: 0,
}

/**
 * How far in the past an order's preferred time may lie when it is placed (hours): a little slack for a form filled
 * in slowly or a clock a little off, never a time long gone (core/orders.ts newOrder).
 */
export const PREFERRED_AT_PAST_HOURS = 1

/**
 * Sign-in on the local host (cloudfunctions/local/sign-in.ts) and invites (user.invite). The session lifetime is
 * overridden by SIDAN_SESSION_DAYS (local/host.ts); the rest are fixed.
 */
export const SIGN_IN = {
  /** a session (token) lasts this long from sign-in */
  sessionDays: 30,
  /** an invite code works this long from when it was made */
  inviteDays: 7,
  /** failed logins per phone number within one window before further logins are refused */
  failuresPerWindow: 5,
  /** the window of failed logins (minutes) */
  failureWindowMinutes: 15,
} as const

/**
 * The scheduled job recounts one China-time day of the statistics rollups per run from its orders: the day of the
 * run's slot of STATS_REPAIR_EVERY_MS (the timer's period), counting from the first order's day and starting over
 * after today, so consecutive runs take consecutive days. A day with an order changed within STATS_REPAIR_QUIET_MS is
 * left for its next turn: on CloudBase its rollup write may still be on its way.
 */
export const STATS_REPAIR_EVERY_MS = 5 * 60_000
export const STATS_REPAIR_QUIET_MS = 60_000

/** Names of the environment variables that override the policy (documented in the README). */
export const POLICY_ENV = {
  SIDAN_POINTS_DEFAULT_BASE: ['points', 'defaultBase'],
  SIDAN_POINTS_PER_HOUR: ['points', 'perHour'],
  SIDAN_POINTS_HOURS_CAP: ['points', 'hoursCap'],
  SIDAN_POINTS_FIVE_STAR_BONUS: ['points', 'fiveStarBonus'],
  SIDAN_POINTS_DAILY_CAP: ['points', 'dailyCap'],
  SIDAN_REMIND_UNDISPATCHED_HOURS: ['limits', 'remindUndispatchedHours'],
  SIDAN_ESCALATE_AFTER_HOURS: ['limits', 'escalateUndispatchedHours'],
  SIDAN_REMIND_UNCLAIMED_HOURS: ['limits', 'remindUnclaimedHours'],
  SIDAN_RECALL_UNCLAIMED_HOURS: ['limits', 'recallUnclaimedHours'],
  SIDAN_ALERT_BEFORE_PREFERRED_HOURS: ['limits', 'alertBeforePreferredHours'],
  SIDAN_AUTO_CLOSE_DAYS: ['limits', 'autoCloseDays'],
  SIDAN_PICKUP_DAYS: ['limits', 'pickupDays'],
  SIDAN_FOLLOW_UP_HOURS: ['limits', 'followUpHours'],
  SIDAN_FOLLOW_UP_STARS: ['limits', 'followUpStars'],
  SIDAN_CRON_BATCH: ['cron', 'batch'],
  SIDAN_CRON_PURGE_BATCH: ['cron', 'purgeBatch'],
  SIDAN_RATE_WRITES_PER_MINUTE: ['rateLimits', 'writesPerMinute'],
  SIDAN_RATE_PLACES_PER_HOUR: ['rateLimits', 'placesPerHour'],
  SIDAN_RATE_OPEN_ORDERS: ['rateLimits', 'openOrders'],
  SIDAN_RATE_QUICK_UNCLAIM_MINUTES: ['rateLimits', 'quickUnclaimMinutes'],
  SIDAN_RATE_QUICK_UNCLAIMS_PER_DAY: ['rateLimits', 'quickUnclaimsPerDay'],
  SIDAN_RATE_EXPORTS_PER_HOUR: ['rateLimits', 'exportsPerHour'],
  SIDAN_RATE_WRONG_CHECKIN_CODES_PER_HOUR: ['rateLimits', 'wrongCheckinCodesPerHour'],
  SIDAN_RATE_UPLOADS_PER_HOUR: ['rateLimits', 'uploadsPerHour'],
  SIDAN_RATE_LIKES_PER_DAY: ['rateLimits', 'likesPerDay'],
  SIDAN_RATE_PUBLIC_RATINGS_PER_DAY: ['rateLimits', 'publicRatingsPerDay'],
} as const

export function policyFromEnv(env: Record<string, string | undefined>): PolicyConfig {
  const policy: PolicyConfig = {
    points: { ...DEFAULT_POLICY.points },
    limits: { ...DEFAULT_POLICY.limits },
    cron: { ...DEFAULT_POLICY.cron },
    rateLimits: { ...DEFAULT_POLICY.rateLimits },
  }
  for (const [name, [group, key]] of Object.entries(POLICY_ENV)) {
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`)
    ;(policy[group] as unknown as Record<string, number>)[key] = value
  }
  return policy
}

/** On-site check-in (issue 10; core/hours.ts). */
export const CHECKIN = {
  /** a code stands for this many seconds; the one before it is still accepted (a code read just before it turned) */
  periodSeconds: 30,
  /** hours count as verified (信用时长) when check-in to check-out covers at least this share of them */
  onSiteShare: 0.6,
} as const

/** Exports (export.create, issue 9). */
export const EXPORTS = {
  /** how long a made file is kept for its maker; the scheduled job deletes it after */
  ttlHours: 24,
  /** orders read per page while a file is written (CloudBase reads at most 100 a request) */
  pageSize: 500,
} as const
/**
 * 疑似重复 (order.overview): two open orders of the same account for the same person served and the same menu item,
 * placed within this many hours of each other (core/overview.ts duplicatesAmong).
 */
export const DUPLICATE_WINDOW_HOURS = 24

/** 申诉 (issue 11): days after the requester's rating within which a dispatched team's leader may appeal it. */
export const APPEAL_DAYS = 7

/** 回访 (issue 11): hours past a follow-up's dueAt after which the scheduled job escalates it to the parent unit. */
export const FOLLOW_UP_ESCALATE_HOURS = 24

/** The most open orders of a page's owners read to mark duplicates (a bound, far above the open-order limit). */
export const DUPLICATE_CANDIDATES_MAX = 500

/** 志愿服务证明 (issue 10, core/certificates.ts). */
export const CERTIFICATES = {
  /** a serial is ZY-<unit code>-<year>-<sequence>, the sequence this many digits (more once a unit passes 999,999) */
  sequenceDigits: 6,
  /** how long the link to a certificate's PDF lasts (seconds); the certificate itself never expires */
  linkSeconds: 3600,
  /** the longest period one certificate covers, in years */
  maxYears: 10,
} as const

/** The most people a proxy (代办员) keeps on their list of people they order for (the oldest drop off). */
export const PROXY_CLIENTS_MAX = 30

/** 积分超市 (issue 12; core/mall.ts). */
export const MALL = {
  /** pickup codes drawn again when the one drawn is taken, before the redemption gives up (INTERNAL) */
  codeAttempts: 5,
  /** expired redemptions the scheduled job cancels per run */
  expireBatch: 50,
} as const

/** The most served orders points.honors reads for one unit's year (a bounded, indexed read; see README). */
export const HONOURS_MAX_ORDERS = 20000
/** Rows per ranking of the year's honours. */
export const HONOURS_ROWS = 20

/**
 * A team's figures at dispatch (issue 11, core/team-figures.ts): the days they cover, and how the recommendation
 * weighs them: each share (好评率, 回访及时率, 按时完成率) against `neutralRate` times its weight; a team with any share
 * below `poorRate` is said to be 近一年评价偏低.
 */
export const TEAM_FIGURES = {
  days: 365,
  neutralRate: 0.8,
  poorRate: 0.6,
  weights: { goodRate: 30, followUpOnTime: 15, onTime: 15 },
} as const
