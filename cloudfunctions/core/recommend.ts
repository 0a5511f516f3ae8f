import type { Order, Team, TeamRecommendation } from '~types'
import type { TeamStats } from './ports'

const PLACE_REASONS = ['县级中心队伍', '所在实践所队伍', '本站队伍']

/**
 * Ranks the teams that serve the order's theme for the dispatcher: closeness in the unit tree to where the
 * resident lives (same unit, then each ancestor), then fewer open orders, then better ratings.
 * Returns every candidate with its reasons, best first: the theme match first, then where the team is, its size, the
 * orders it has served, its load and its rating, each said once (the card shows nothing else, so nothing twice).
 */
export function recommendTeams(
  order: Order,
  candidates: readonly Team[],
  stats: Readonly<Record<string, TeamStats>>,
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
      reasons.push(s.served > 0 ? `已服务${s.served}单` : '尚无服务记录')
      score -= Math.min(s.openLoad, 5) * 4
      reasons.push(s.openLoad === 0 ? '当前没有在办订单' : `当前在办${s.openLoad}单`)
      const rating = s.ratingCount > 0 ? { average: round1(s.ratingSum / s.ratingCount), count: s.ratingCount } : null
      if (rating) {
        score += (rating.average - 3) * 5
        reasons.push(`平均${rating.average}星（${rating.count}次评单）`)
      } else {
        reasons.push('暂无评单')
      }
      return { team, score: round1(score), reasons: [...new Set(reasons)], openLoad: s.openLoad, rating, memberCount, served: s.served }
    })
    .sort((a, b) => b.score - a.score || a.team.name.localeCompare(b.team.name, 'zh-CN'))
}

const round1 = (n: number) => Math.round(n * 10) / 10
