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
    /** the most points one volunteer earns from awards in one China-time day; an award beyond it is cut to fit */
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
  }
}

export const DEFAULT_LIMITS: UnitLimits = {
  remindUndispatchedHours: 24,
  escalateUndispatchedHours: 48,
  remindUnclaimedHours: 24,
  recallUnclaimedHours: 72,
  alertBeforePreferredHours: 24,
  autoCloseDays: 7,
}

export const DEFAULT_POLICY: PolicyConfig = {
  points: { defaultBase: 10, perHour: 5, hoursCap: 8, fiveStarBonus: 5, dailyCap: 100 },
  limits: DEFAULT_LIMITS,
  cron: { batch: 50 },
}

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
  SIDAN_CRON_BATCH: ['cron', 'batch'],
} as const

export function policyFromEnv(env: Record<string, string | undefined>): PolicyConfig {
  const policy: PolicyConfig = {
    points: { ...DEFAULT_POLICY.points },
    limits: { ...DEFAULT_POLICY.limits },
    cron: { ...DEFAULT_POLICY.cron },
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
