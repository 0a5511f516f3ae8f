import { DEFAULT_POLICY, policyFromEnv } from '~core/config'

describe('policy from environment', () => {
  it('keeps defaults when nothing is set', () => {
    expect(policyFromEnv({})).toEqual(DEFAULT_POLICY)
  })
  it('overrides the named numbers', () => {
    const p = policyFromEnv({ SIDAN_POINTS_PER_HOUR: '8', SIDAN_AUTO_CLOSE_DAYS: '3' })
    expect(p.points.perHour).toBe(8)
    expect(p.limits.autoCloseDays).toBe(3)
    expect(DEFAULT_POLICY.points.perHour).toBe(5)
  })
  it('refuses nonsense instead of running with it', () => {
    expect(() => policyFromEnv({ SIDAN_POINTS_PER_HOUR: 'many' })).toThrow(/SIDAN_POINTS_PER_HOUR/)
    expect(() => policyFromEnv({ SIDAN_CRON_BATCH: '-1' })).toThrow()
  })
})
