import type { TeamFigures } from '~types'
import { noFigures, teamFiguresOf, teamFiguresPeriod } from '~core/team-figures'
import type { Deps } from './deps'

/**
 * The figures of these teams over the last 12 months (issue 11): one batched read of the team rollups and one of the
 * public ratings' monthly sums (社会评分, each person once per team and month), side by side, whatever the number of
 * teams; every team asked about is in the answer (a team without services has zero figures).
 */
export async function teamFiguresFor(deps: Pick<Deps, 'stats' | 'social'>, teamIds: readonly string[], now: Date): Promise<Record<string, TeamFigures>> {
  const ids = [...new Set(teamIds)]
  if (ids.length === 0) return {}
  const { fromDay, toDay } = teamFiguresPeriod(now)
  const [counters, publicSums] = await Promise.all([deps.stats.teamSums(ids, fromDay, toDay), deps.social.teamSums(ids, fromDay.slice(0, 7))])
  const figures = teamFiguresOf(counters, publicSums)
  return Object.fromEntries(ids.map((id) => [id, figures[id] ?? noFigures()]))
}
