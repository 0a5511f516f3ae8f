import type { Deps } from '~functions/shared/deps'
import { DEV_CRON_MAX_YEARS_AHEAD, lastCronRun } from './dev-cron'

/** The job state under which the local host keeps the development clock (its offset from the machine's clock). */
export const DEV_CLOCK_JOB = 'dev-clock'

const YEAR_MS = 365.25 * 24 * 3600 * 1000

/**
 * The time every handler of the local host sees (deps.clock) while development login is on: the machine's clock
 * plus an offset that POST /api/dev/clock moves forward, so a journey can span hours (check in, check out two hours
 * later). It keeps running from the time it was set to.
 */
export interface DevClock {
  now(): Date
  /** the offset from the machine's clock (ms) */
  offsetMs(): number
  setOffset(ms: number): void
  /** the machine's own clock */
  real(): Date
}

export function createDevClock(real: () => Date = () => new Date(), offsetMs = 0): DevClock {
  let offset = offsetMs
  return {
    now: () => new Date(real().getTime() + offset),
    offsetMs: () => offset,
    setOffset(ms) {
      offset = ms
    },
    real,
  }
}

/** Reads the offset the host kept (a restart keeps the development time). */
export async function loadDevClock(jobs: Deps['jobs'], clock: DevClock): Promise<void> {
  const state = await jobs.getCursors(DEV_CLOCK_JOB)
  const offset = Number(state.offsetMs)
  if (Number.isFinite(offset) && offset > 0) clock.setOffset(offset)
}

/**
 * Why a requested time is refused (a Chinese message), or null: it must be a time, not before the current
 * development time (the clock only moves forward: time limits and check-ins would be judged backwards), not before
 * the last scheduled-job run, and not more than DEV_CRON_MAX_YEARS_AHEAD years past the machine's clock.
 */
export async function refuseClockTime(deps: Deps, clock: DevClock, now: unknown): Promise<string | null> {
  const at = typeof now === 'string' ? Date.parse(now) : NaN
  if (!Number.isFinite(at)) return '请提供时间（now），如2026-03-02T10:00:00+08:00'
  if (at < clock.now().getTime()) return `时间只能往后调，不能早于现在的开发时间（${clock.now().toISOString()}）`
  if (at > clock.real().getTime() + DEV_CRON_MAX_YEARS_AHEAD * YEAR_MS) return `时间不能晚于现在${DEV_CRON_MAX_YEARS_AHEAD}年以上`
  const last = await lastCronRun(deps)
  if (last !== null && at < Date.parse(last)) return `时间不能早于上次运行定时任务的时间（${last}）`
  return null
}

/** Sets the development time and keeps it (its offset) in the job state. */
export async function setDevClock(deps: Deps, clock: DevClock, now: string): Promise<string> {
  const offset = Date.parse(now) - clock.real().getTime()
  clock.setOffset(offset)
  await deps.jobs.saveCursors(DEV_CLOCK_JOB, { offsetMs: String(offset) })
  return clock.now().toISOString()
}
