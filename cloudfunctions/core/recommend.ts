import type { Order, Team, TeamFigures, TeamRecommendation } from '~types'
import type { TeamStats } from './ports'
import { isPoorTeam, noFigures, teamFiguresLine, teamQualityScore } from './team-figures'

const PLACE_REASONS = ['县级中心队伍', '所在实践所队伍', '本站队伍']

/**
 * Ranks the teams that serve the order's theme for the dispatcher: closeness in the unit tree to where the
 * resident lives (same unit, then each ancestor), fewer open orders, and the team's figures of the last 12 months
 * (issue 11: services, good rate, 回访 on time, on-time completion; core/team-figures.ts teamQualityScore).
 * Returns every candidate with its reasons, best first: the theme match first, then where the team is, its size, its
 * load and its figures' line, each said once (the card shows nothing else, so nothing twice).
 */
export function recommendTeams(
  order: Order,
  candidates: readonly Team[],
  stats: Readonly<Record<string, TeamStats>>,
  figuresByTeam: Readonly<Record<string, TeamFigures>>,
): TeamRecommendation[] {
  const path = order.originPath
  return candidates
    .filter((team) => team.themeIds.includes(order.themeId))
    .map((team) => {
      const s = stats[team.id] ?? { openLoad: 0, ratingSum: 0, ratingCount: 0, served: 0 }
      const depth = path.indexOf(team.orgUnitId)
      const distance = depth < 0 ? null : path.length - 1 - depth
      const reasons = ['服务主题相符']
      let score = 0
      if (distance === null) {
        reasons.push('其他地区队伍')
      } else {
        score += 40 - 10 * distance
        reasons.push(distance === 0 ? '与群众同一单位' : (PLACE_REASONS[depth] ?? '上级单位队伍'))
      }
      const memberCount = team.memberIds.length
      reasons.push(memberCount > 0 ? `队员${memberCount}人` : '尚无队员')
      score -= Math.min(s.openLoad, 5) * 4
      reasons.push(s.openLoad === 0 ? '当前没有在办订单' : `当前在办${s.openLoad}单`)
      const rating = s.ratingCount > 0 ? { average: round1(s.ratingSum / s.ratingCount), count: s.ratingCount } : null
      const figures = figuresByTeam[team.id] ?? noFigures()
      score += teamQualityScore(figures)
      reasons.push(teamFiguresLine(figures))
      if (isPoorTeam(figures)) reasons.push('近一年评价或及时率偏低，请留意')
      return { team, score: round1(score), reasons: [...new Set(reasons)], openLoad: s.openLoad, rating, memberCount, served: s.served, figures }
    })
    .sort((a, b) => b.score - a.score || a.team.name.localeCompare(b.team.name, 'zh-CN'))
}

const round1 = (n: number) => Math.round(n * 10) / 10
