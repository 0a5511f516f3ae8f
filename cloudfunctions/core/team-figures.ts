import type { TeamFigures } from '~types'
import { addDays, chinaDay, type TeamCounters, zeroTeamCounters } from './figures'
import { TEAM_FIGURES } from './config'

/** A team's public ratings as the social port sums them (each person once per team and month). */
export interface PublicSums {
  count: number
  stars: number
}

const share = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null)
const average = (sum: number, n: number) => (n > 0 ? Math.round((sum / n) * 100) / 100 : null)

/** The days [fromDay, toDay) that TeamFigures covers at `now`: the last TEAM_FIGURES.days China days, today included. */
export function teamFiguresPeriod(now: Date): { fromDay: string; toDay: string } {
  const today = chinaDay(now.toISOString())
  return { fromDay: addDays(today, 1 - TEAM_FIGURES.days), toDay: addDays(today, 1) }
}

/** Each team's figures from its rollup counters and public rating sums (a team missing from either has none there). */
export function teamFiguresOf(counters: Readonly<Record<string, TeamCounters>>, publicSums: Readonly<Record<string, PublicSums>>): Record<string, TeamFigures> {
  const ids = new Set([...Object.keys(counters), ...Object.keys(publicSums)])
  return Object.fromEntries(
    [...ids].map((id) => {
      const c = counters[id] ?? zeroTeamCounters()
      const p = publicSums[id] ?? { count: 0, stars: 0 }
      const figures: TeamFigures = {
        services: c.services,
        rated: c.rated,
        avgStars: average(c.stars, c.rated),
        goodRate: share(c.good, c.rated),
        publicRated: p.count,
        publicAvg: average(p.stars, p.count),
        followUps: c.followUps,
        followUpsOnTime: c.followUpsOnTime,
        followUpOnTimeRate: share(c.followUpsOnTime, c.followUps),
        withPreferred: c.withPreferred,
        onTime: c.onTime,
        onTimeRate: share(c.onTime, c.withPreferred),
      }
      return [id, figures]
    }),
  )
}

export const noFigures = (): TeamFigures => teamFiguresOf({ x: zeroTeamCounters() }, {}).x

const percent = (rate: number) => `${Math.round(rate * 100)}%`

/** The one line a dispatcher reads about a team, e.g. "近一年服务38次，好评率95%，回访及时率100%"; parts without data left out. */
export function teamFiguresLine(f: TeamFigures): string {
  if (f.services === 0 && f.publicRated === 0) return '近一年暂无服务记录'
  const parts = [`近一年服务${f.services}次`]
  if (f.goodRate !== null) parts.push(`好评率${percent(f.goodRate)}`)
  if (f.publicAvg !== null) parts.push(`社会评分${f.publicAvg}分`)
  if (f.followUpOnTimeRate !== null) parts.push(`回访及时率${percent(f.followUpOnTimeRate)}`)
  if (f.onTimeRate !== null) parts.push(`按时完成率${percent(f.onTimeRate)}`)
  return parts.join('，')
}

/**
 * The part of a team's recommendation score its figures give (issue 11): experience (services, up to 10), the good
 * rate, the 回访 on time and the on-time rate, each against a neutral 0.8 (a share below it costs, above it gains);
 * a team without data in a part is neutral there.
 */
export function teamQualityScore(f: TeamFigures): number {
  const against = (rate: number | null, weight: number) => (rate === null ? 0 : (rate - TEAM_FIGURES.neutralRate) * weight)
  return (
    Math.min(f.services, 10) +
    against(f.goodRate, TEAM_FIGURES.weights.goodRate) +
    against(f.followUpOnTimeRate, TEAM_FIGURES.weights.followUpOnTime) +
    against(f.onTimeRate, TEAM_FIGURES.weights.onTime)
  )
}

/** A team whose good rate or on-time shares fall below TEAM_FIGURES.poorRate (with data). */
export const isPoorTeam = (f: TeamFigures): boolean =>
  [f.goodRate, f.followUpOnTimeRate, f.onTimeRate].some((r) => r !== null && r < TEAM_FIGURES.poorRate)
