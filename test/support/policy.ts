import { DEFAULT_POLICY, type PolicyConfig, POLICY_ENV, RATE_LIMITS_OFF } from '~core/config'

/**
 * The production policy with every rate limit off: the handler tests and the bench make hundreds of writes per
 * person a second (concurrency, transitions, the bench's lifecycle loop). The rate-limit tests, the round-trip
 * budgets and every deployment use DEFAULT_POLICY (policyFromEnv), where the limits are on.
 */
export const UNLIMITED_POLICY: PolicyConfig = { ...DEFAULT_POLICY, rateLimits: RATE_LIMITS_OFF }

/** The same, as the environment of a local host (policyFromEnv): every SIDAN_RATE_… variable 0 (the bench's servers). */
export const UNLIMITED_ENV: Record<string, string> = Object.fromEntries(
  Object.entries(POLICY_ENV)
    .filter(([, [group]]) => group === 'rateLimits')
    .map(([name]) => [name, '0']),
)
