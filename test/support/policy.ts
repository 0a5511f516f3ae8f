import { DEFAULT_POLICY, type PolicyConfig, RATE_LIMITS_OFF } from '~core/config'

/**
 * The production policy with every rate limit off: the handler tests and the bench make hundreds of writes per
 * person a second (concurrency, transitions, the bench's lifecycle loop). The rate-limit tests, the round-trip
 * budgets and every deployment use DEFAULT_POLICY (policyFromEnv), where the limits are on.
 */
export const UNLIMITED_POLICY: PolicyConfig = { ...DEFAULT_POLICY, rateLimits: RATE_LIMITS_OFF }
