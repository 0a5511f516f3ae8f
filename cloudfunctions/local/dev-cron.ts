import type { Deps } from '~functions/shared/deps'

/** The job state under which the local host keeps the time of the last scheduled-job run it made. */
export const DEV_CRON_JOB = 'dev-cron'
/** How far past the host's clock POST /api/dev/cron may run the job (years). */
export const DEV_CRON_MAX_YEARS_AHEAD = 10

const YEAR_MS = 365.25 * 24 * 3600 * 1000

/** The time of the last run the host made (its timer or POST /api/dev/cron), or null before the first. */
export async function lastCronRun(deps: Deps): Promise<string | null> {
  const state = await deps.jobs.getCursors(DEV_CRON_JOB)
  return typeof state.lastRunAt === 'string' && Number.isFinite(Date.parse(state.lastRunAt)) ? state.lastRunAt : null
}

/** Records a run's time, keeping the latest. */
export async function recordCronRun(deps: Deps, at: string): Promise<void> {
  const last = await lastCronRun(deps)
  if (last !== null && Date.parse(last) >= Date.parse(at)) return
  await deps.jobs.saveCursors(DEV_CRON_JOB, { lastRunAt: at })
}

/**
 * Why a requested run time is refused (a Chinese message), or null when it may run: not before the last run
 * (time limits would be judged backwards), not more than DEV_CRON_MAX_YEARS_AHEAD years past the host's clock.
 * A value that is not a time is left to the job's own check of its input.
 */
export async function refuseCronTime(deps: Deps, now: unknown): Promise<string | null> {
  if (typeof now !== 'string') return null
  const at = Date.parse(now)
  if (!Number.isFinite(at)) return null
  if (at > deps.clock().getTime() + DEV_CRON_MAX_YEARS_AHEAD * YEAR_MS) {
    return `运行时间不能晚于现在${DEV_CRON_MAX_YEARS_AHEAD}年以上`
  }
  const last = await lastCronRun(deps)
  if (last !== null && at < Date.parse(last)) return `运行时间不能早于上次运行的时间（${last}）`
  return null
}
