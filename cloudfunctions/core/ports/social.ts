import type { SocialSummary, ViewerMarks } from '~types'

/** One person's public rating (社会评分) of an order, keyed `${orderId}:${userId}`. */
export interface PublicRating {
  orderId: string
  userId: string
  stars: number
  comment: string
  at: string
  /** the teams the order was dispatched to: the rating counts in their figures (teamSums) */
  teamIds: string[]
}

/** A team's public ratings of a period: each person counted once per month (their latest stars that month). */
export interface TeamSum {
  count: number
  stars: number
}

/**
 * 社会评单 (issue 11): likes and public ratings of served orders, each keyed `${orderId}:${userId}`, with a per-order
 * summary (likes, ratingCount, ratingSum) and per-team monthly sums kept in the same write. Every method is one
 * round trip on SQLite (one transaction); a write that touches several documents on CloudBase is one transaction.
 */
export interface SocialStore {
  /** Likes once: a second like by the same person (a retry, a double tap) changes nothing. */
  like(orderId: string, userId: string, at: string): Promise<{ likes: number; created: boolean }>
  /** Takes the person's like back; without one it changes nothing. */
  unlike(orderId: string, userId: string): Promise<{ likes: number; removed: boolean }>
  /**
   * Stores the person's public rating of the order, replacing their earlier one (the summary moves by the
   * difference), and moves each of its teams' sum of the rating's China-time month so that the person counts once
   * there with their latest stars.
   */
  rate(rating: PublicRating): Promise<{ summary: SocialSummary; created: boolean }>
  /** The summaries of these orders (an order without likes or ratings is left out). */
  summaries(orderIds: readonly string[]): Promise<Record<string, SocialSummary>>
  /** What this person did on these orders (liked, their stars); orders they did nothing on are left out. */
  marks(orderIds: readonly string[], userId: string): Promise<Record<string, ViewerMarks>>
  /** The person's public rating of an order, or null. */
  getRating(orderId: string, userId: string): Promise<PublicRating | null>
  /**
   * Each team's public ratings from `fromMonth` ('YYYY-MM', China time) on: how many (person, month) pairs and the
   * sum of their stars. Teams without any are left out. Read from sums kept at rating time, never a scan.
   */
  teamSums(teamIds: string[], fromMonth: string): Promise<Record<string, TeamSum>>
}
