import type { OrderStatus } from './domain'

/**
 * 社会评单 (issue 11): the 公示栏 (public wall) of served orders, likes (点赞) and public ratings (社会评分), kept apart
 * from the requester's own rating (群众评分).
 */

/** The orders the wall shows and that may be liked and rated: served (completed, rated, or closed without a rating). */
export const SERVED_STATUSES: readonly OrderStatus[] = ['completed', 'rated', 'closed']

/** The longest comment of a public rating. */
export const PUBLIC_COMMENT_MAX = 200

/** 群众评分 and 社会评分: the two ratings, always shown apart, in the field's words. */
export const RATING_LABELS = { requester: '群众评分', public: '社会评分', likes: '点赞' } as const

/** An order's public figures: likes, and the public ratings' count and sum of stars. */
export interface SocialSummary {
  orderId: string
  likes: number
  ratingCount: number
  ratingSum: number
}

/** What one viewer did on an order: liked it, and the stars of their public rating (null: not rated). */
export interface ViewerMarks {
  liked: boolean
  myStars: number | null
}

/** A photo on the wall (passed content security): the cloud fileID on WeChat, /api/files/<id> on the local host. */
export interface WallPhoto {
  id: string
  src: string
}

export interface WallItem {
  orderId: string
  title: string
  themeId: string
  themeName: string
  /** the handling unit's name (站, 所 or the center) */
  stationName: string
  teamNames: string[]
  /** when and where it was done (the completion); the place never the resident's address (core/social.ts publicPlace) */
  servedAt: string | null
  place: string
  /** the person served, masked (王**); for a proxy order the person it was placed for */
  residentMasked: string
  photos: WallPhoto[]
  /** 群众评分: the requester's stars (null: not rated) */
  requesterStars: number | null
  /** 社会评分: average of public ratings (one decimal; null without any) and their count */
  publicAvg: number | null
  publicCount: number
  likes: number
  /** the signed-in viewer's marks; absent without sign-in */
  liked?: boolean
  myRating?: number | null
}

/** The answer of public.like / public.unlike. */
export interface LikeAnswer {
  orderId: string
  likes: number
  liked: boolean
}

/** The answer of public.rate: the order's 社会评分 and the caller's own rating. */
export interface PublicRateAnswer {
  orderId: string
  publicAvg: number | null
  publicCount: number
  myRating: { stars: number; comment: string; at: string }
}

/** The 社会评分 average of a summary: one decimal, null without ratings. */
export function publicAverage(s: Pick<SocialSummary, 'ratingCount' | 'ratingSum'>): number | null {
  return s.ratingCount === 0 ? null : Math.round((s.ratingSum / s.ratingCount) * 10) / 10
}
