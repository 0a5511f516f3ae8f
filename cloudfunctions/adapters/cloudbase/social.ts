import { chinaDay } from '~core/figures'
import type { PublicRating, SocialStore, TeamSum } from '~core/ports'
import type { SocialSummary, ViewerMarks } from '~types'
import { abort, type Conn, sdk } from './db'
import type { DbTransaction, DocData } from './db-types'

/** Whole-transaction attempts for an order many people like at once (each conflict re-reads). */
const CONTENDED_ATTEMPTS = 12

const markId = (orderId: string, userId: string) => `${orderId}:${userId}`

interface MarkDoc {
  orderId: string
  userId: string
  liked: boolean
  likedAt: string | null
  rating: PublicRating | null
}

const summaryOf = (orderId: string, doc: DocData | null): SocialSummary => ({
  orderId,
  likes: Number(doc?.likes ?? 0),
  ratingCount: Number(doc?.ratingCount ?? 0),
  ratingSum: Number(doc?.ratingSum ?? 0),
})

const markOf = (doc: DocData | null): MarkDoc | null =>
  doc ? { orderId: String(doc.orderId), userId: String(doc.userId), liked: doc.liked === true, likedAt: (doc.likedAt as string | null) ?? null, rating: (doc.rating as PublicRating | null) ?? null } : null

/**
 * 社会评单 on CloudBase: `social_marks` (a person's like and public rating of an order, `_id` `${orderId}:${userId}`),
 * `social_summaries` (per order, `_id` the order id), `social_team_marks` (`${teamId}:${month}:${userId}`: the person's
 * latest stars for the team that month) and `social_team_months` (`${teamId}:${month}`: the month's count and sum).
 * Each write is one transaction of single-document reads and sets, so parallel likes by one person count once.
 */
export function createSocialStore(c: Conn): SocialStore {
  const _ = c._

  async function setMark(t: DbTransaction, m: MarkDoc): Promise<void> {
    await sdk(t.collection('social_marks').doc(markId(m.orderId, m.userId)).set({ data: { ...m } }))
  }

  async function setLike(orderId: string, userId: string, liked: boolean, at: string): Promise<{ likes: number; changed: boolean }> {
    return c.runTx(async (t) => {
      const mark = markOf(await c.txGet(t, 'social_marks', markId(orderId, userId)))
      const summary = summaryOf(orderId, await c.txGet(t, 'social_summaries', orderId))
      if ((mark?.liked ?? false) === liked) return abort(t, { likes: summary.likes, changed: false })
      await setMark(t, { orderId, userId, liked, likedAt: liked ? at : null, rating: mark?.rating ?? null })
      const next = { ...summary, likes: summary.likes + (liked ? 1 : -1) }
      await sdk(t.collection('social_summaries').doc(orderId).set({ data: next }))
      return { likes: next.likes, changed: true }
    }, CONTENDED_ATTEMPTS)
  }

  return {
    async like(orderId, userId, at) {
      const res = await setLike(orderId, userId, true, at)
      return { likes: res.likes, created: res.changed }
    },
    async unlike(orderId, userId) {
      const res = await setLike(orderId, userId, false, '')
      return { likes: res.likes, removed: res.changed }
    },
    async rate(r) {
      const month = chinaDay(r.at).slice(0, 7)
      return c.runTx(async (t) => {
        const mark = markOf(await c.txGet(t, 'social_marks', markId(r.orderId, r.userId)))
        const summary = summaryOf(r.orderId, await c.txGet(t, 'social_summaries', r.orderId))
        const before = mark?.rating ?? null
        const teamMarks = await Promise.all(r.teamIds.map((teamId) => c.txGet(t, 'social_team_marks', `${teamId}:${month}:${r.userId}`)))
        const teamMonths = await Promise.all(r.teamIds.map((teamId) => c.txGet(t, 'social_team_months', `${teamId}:${month}`)))
        await setMark(t, { orderId: r.orderId, userId: r.userId, liked: mark?.liked ?? false, likedAt: mark?.likedAt ?? null, rating: r })
        const next: SocialSummary = { ...summary, ratingCount: summary.ratingCount + (before ? 0 : 1), ratingSum: summary.ratingSum + r.stars - (before?.stars ?? 0) }
        await sdk(t.collection('social_summaries').doc(r.orderId).set({ data: next }))
        for (const [i, teamId] of r.teamIds.entries()) {
          const earlier = teamMarks[i]
          const sums = teamMonths[i]
          await sdk(t.collection('social_team_marks').doc(`${teamId}:${month}:${r.userId}`).set({ data: { teamId, month, userId: r.userId, stars: r.stars } }))
          await sdk(
            t.collection('social_team_months').doc(`${teamId}:${month}`).set({
              data: {
                teamId,
                month,
                count: Number(sums?.count ?? 0) + (earlier ? 0 : 1),
                stars: Number(sums?.stars ?? 0) + r.stars - Number(earlier?.stars ?? 0),
              },
            }),
          )
        }
        return { summary: next, created: before === null }
      }, CONTENDED_ATTEMPTS)
    },
    async summaries(orderIds) {
      if (orderIds.length === 0) return {}
      const docs = await c.readIds('social_summaries', orderIds)
      return Object.fromEntries(docs.map((d) => [String(d._id), summaryOf(String(d._id), d)]))
    },
    async marks(orderIds, userId) {
      if (orderIds.length === 0) return {}
      const docs = await c.readIds('social_marks', orderIds.map((id) => markId(id, userId)))
      return Object.fromEntries(
        docs.map((d): [string, ViewerMarks] => {
          const m = markOf(d)!
          return [m.orderId, { liked: m.liked, myStars: m.rating?.stars ?? null }]
        }),
      )
    },
    async getRating(orderId, userId) {
      return markOf(await c.getDoc('social_marks', markId(orderId, userId)))?.rating ?? null
    },
    async teamSums(teamIds, fromMonth) {
      if (teamIds.length === 0) return {}
      const docs = await c.readAll('social_team_months', { teamId: _.in([...new Set(teamIds)]), month: _.gte(fromMonth) })
      const out: Record<string, TeamSum> = {}
      for (const d of docs) {
        const teamId = String(d.teamId)
        const sum = (out[teamId] ??= { count: 0, stars: 0 })
        sum.count += Number(d.count)
        sum.stars += Number(d.stars)
      }
      return Object.fromEntries(Object.entries(out).filter(([, v]) => v.count > 0))
    },
  }
}
