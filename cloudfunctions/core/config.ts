/** The numbers behind the rules. Deployments override them through environment (see README, 配置). */
export interface PolicyConfig {
  points: {
    /** base points when an order has no menu item (ordered by theme only) */
    defaultBase: number
    perHour: number
    /** hours beyond this count no further */
    hoursCap: number
    fiveStarBonus: number
  }
  limits: {
    /** days a completed order may wait for a rating before it is closed and points are paid */
    autoCloseDays: number
    /** hours an order may wait undispatched before it escalates to the parent unit */
    escalateAfterHours: number
    /** orders the scheduled job handles per kind and run (cloud functions have a time limit) */
    cronBatch: number
  }
}

export const DEFAULT_POLICY: PolicyConfig = {
  points: { defaultBase: 10, perHour: 5, hoursCap: 8, fiveStarBonus: 5 },
  limits: { autoCloseDays: 7, escalateAfterHours: 48, cronBatch: 50 },
}

/** Names of the environment variables that override the policy (documented in the README). */
export const POLICY_ENV = {
  SIDAN_POINTS_DEFAULT_BASE: ['points', 'defaultBase'],
  SIDAN_POINTS_PER_HOUR: ['points', 'perHour'],
  SIDAN_POINTS_HOURS_CAP: ['points', 'hoursCap'],
  SIDAN_POINTS_FIVE_STAR_BONUS: ['points', 'fiveStarBonus'],
  SIDAN_AUTO_CLOSE_DAYS: ['limits', 'autoCloseDays'],
  SIDAN_ESCALATE_AFTER_HOURS: ['limits', 'escalateAfterHours'],
  SIDAN_CRON_BATCH: ['limits', 'cronBatch'],
} as const

export function policyFromEnv(env: Record<string, string | undefined>): PolicyConfig {
  const policy: PolicyConfig = { points: { ...DEFAULT_POLICY.points }, limits: { ...DEFAULT_POLICY.limits } }
  for (const [name, [group, key]] of Object.entries(POLICY_ENV)) {
    const raw = env[name]
    if (raw === undefined || raw === '') continue
    const value = Number(raw)
    if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`)
    ;(policy[group] as unknown as Record<string, number>)[key] = value
  }
  return policy
}
