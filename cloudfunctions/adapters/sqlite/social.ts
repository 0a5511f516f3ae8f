import { chinaDay } from '~core/figures'
import type { PublicRating, SocialStore, TeamSum } from '~core/ports'
import type { SocialSummary, ViewerMarks } from '~types'
import { all, type Database, one, prepareAll, readTx, writeTx } from './db'

export const SOCIAL_SQL = {
  markOf: `SELECT doc FROM social_marks WHERE order_id = @orderId AND user_id = @userId`,
  marksOf: `
    SELECT order_id AS orderId, liked, stars FROM social_marks
    WHERE order_id IN (SELECT value FROM json_each(@orderIds)) AND user_id = @userId`,
  putMark: `
    INSERT INTO social_marks (order_id, user_id, liked, stars, doc) VALUES (@orderId, @userId, @liked, @stars, @doc)
    ON CONFLICT (order_id, user_id) DO UPDATE SET liked = excluded.liked, stars = excluded.stars, doc = excluded.doc`,
  summaryOf: `SELECT order_id AS orderId, likes, rating_count AS ratingCount, rating_sum AS ratingSum FROM social_summaries WHERE order_id = @orderId`,
  summariesOf: `
    SELECT order_id AS orderId, likes, rating_count AS ratingCount, rating_sum AS ratingSum FROM social_summaries
    WHERE order_id IN (SELECT value FROM json_each(@orderIds))`,
  moveSummary: `
    INSERT INTO social_summaries (order_id, likes, rating_count, rating_sum) VALUES (@orderId, @likes, @count, @sum)
    ON CONFLICT (order_id) DO UPDATE SET likes = likes + @likes, rating_count = rating_count + @count, rating_sum = rating_sum + @sum`,
  teamMarkOf: `SELECT stars FROM social_team_marks WHERE team_id = @teamId AND month = @month AND user_id = @userId`,
  putTeamMark: `
    INSERT INTO social_team_marks (team_id, month, user_id, stars) VALUES (@teamId, @month, @userId, @stars)
    ON CONFLICT (team_id, month, user_id) DO UPDATE SET stars = excluded.stars`,
  moveTeamMonth: `
    INSERT INTO social_team_months (team_id, month, count, stars) VALUES (@teamId, @month, @count, @stars)
    ON CONFLICT (team_id, month) DO UPDATE SET count = count + @count, stars = stars + @stars`,
  teamMonths: `
    SELECT team_id AS teamId, SUM(count) AS count, SUM(stars) AS stars FROM social_team_months
    WHERE team_id IN (SELECT value FROM json_each(@teamIds)) AND month >= @fromMonth GROUP BY team_id`,
}

/** One row per person and order: their like and their public rating. */
interface MarkDoc {
  orderId: string
  userId: string
  liked: boolean
  likedAt: string | null
  rating: PublicRating | null
}

const emptySummary = (orderId: string): SocialSummary => ({ orderId, likes: 0, ratingCount: 0, ratingSum: 0 })

/**
 * 社会评单 over SQLite: social_marks (a person's like and rating of an order, by (order, person)), social_summaries
 * (per order) and the team month sums, each write one IMMEDIATE transaction, so 20 parallel likes count once.
 */
export function createSocialStore(db: Database.Database): SocialStore {
  const s = prepareAll(db, SOCIAL_SQL)
  const markOf = (orderId: string, userId: string): MarkDoc | null => {
    const row = one<{ doc: string }>(s.markOf, { orderId, userId })
    return row ? (JSON.parse(row.doc) as MarkDoc) : null
  }
  const putMark = (m: MarkDoc) =>
    s.putMark.run({ orderId: m.orderId, userId: m.userId, liked: m.liked ? 1 : 0, stars: m.rating?.stars ?? null, doc: JSON.stringify(m) })
  const summaryOf = (orderId: string) => one<SocialSummary>(s.summaryOf, { orderId }) ?? emptySummary(orderId)

  const setLike = writeTx(db, (orderId: string, userId: string, liked: boolean, at: string) => {
    const mark = markOf(orderId, userId)
    if ((mark?.liked ?? false) === liked) return { likes: summaryOf(orderId).likes, changed: false }
    putMark({ orderId, userId, liked, likedAt: liked ? at : null, rating: mark?.rating ?? null })
    s.moveSummary.run({ orderId, likes: liked ? 1 : -1, count: 0, sum: 0 })
    return { likes: summaryOf(orderId).likes, changed: true }
  })

  const rate = writeTx(db, (r: PublicRating) => {
    const mark = markOf(r.orderId, r.userId)
    const before = mark?.rating ?? null
    putMark({ orderId: r.orderId, userId: r.userId, liked: mark?.liked ?? false, likedAt: mark?.likedAt ?? null, rating: r })
    s.moveSummary.run({ orderId: r.orderId, likes: 0, count: before ? 0 : 1, sum: r.stars - (before?.stars ?? 0) })
    const month = chinaDay(r.at).slice(0, 7)
    for (const teamId of r.teamIds) {
      const earlier = one<{ stars: number }>(s.teamMarkOf, { teamId, month, userId: r.userId })
      s.putTeamMark.run({ teamId, month, userId: r.userId, stars: r.stars })
      s.moveTeamMonth.run({ teamId, month, count: earlier ? 0 : 1, stars: r.stars - (earlier?.stars ?? 0) })
    }
    return { summary: summaryOf(r.orderId), created: before === null }
  })

  const marks = readTx(db, (orderIds: readonly string[], userId: string) => {
    const rows = all<{ orderId: string; liked: number; stars: number | null }>(s.marksOf, { orderIds: JSON.stringify(orderIds), userId })
    return Object.fromEntries(rows.map((r): [string, ViewerMarks] => [r.orderId, { liked: r.liked === 1, myStars: r.stars }]))
  })

  return {
    async like(orderId, userId, at) {
      const res = setLike(orderId, userId, true, at)
      return { likes: res.likes, created: res.changed }
    },
    async unlike(orderId, userId) {
      const res = setLike(orderId, userId, false, '')
      return { likes: res.likes, removed: res.changed }
    },
    async rate(rating) {
      return rate(rating)
    },
    async summaries(orderIds) {
      if (orderIds.length === 0) return {}
      const rows = all<SocialSummary>(s.summariesOf, { orderIds: JSON.stringify(orderIds) })
      return Object.fromEntries(rows.map((r) => [r.orderId, r]))
    },
    async marks(orderIds, userId) {
      if (orderIds.length === 0) return {}
      return marks(orderIds, userId)
    },
    async getRating(orderId, userId) {
      return markOf(orderId, userId)?.rating ?? null
    },
    async teamSums(teamIds, fromMonth) {
      if (teamIds.length === 0) return {}
      const rows = all<{ teamId: string } & TeamSum>(s.teamMonths, { teamIds: JSON.stringify(teamIds), fromMonth })
      return Object.fromEntries(rows.filter((r) => r.count > 0).map((r) => [r.teamId, { count: r.count, stars: r.stars }]))
    },
  }
}
