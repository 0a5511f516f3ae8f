import { verificationOf } from '~core/certificates'
import { AppError, fail } from '~core/errors'
import { likeRule, publicRatingRule, type RateRule } from '~core/rate-limits'
import { isServed, NOT_SERVED, publicRateRefusal } from '~core/social'
import { publicAverage } from '~types'
import { wallPage } from '~usecases/wall'
import { requireFitText } from '../shared/content'
import { type Call, defineFunction } from '../shared/define'
import { themeList } from '../shared/themes'
import { unitTree } from '../shared/units'

/** A served order to like or rate (NOT_FOUND, or CONFLICT while it is not served yet): one read. */
async function servedOrder(call: Call, orderId: string) {
  const { order } = await call.deps.orders.loadOrder(orderId)
  if (!order) fail('NOT_FOUND', '订单不存在')
  if (!isServed(order)) fail('CONFLICT', NOT_SERVED)
  return order
}

/**
 * The day's allowance of likes or ratings (one store call), the order as the token: a repeat on an order already
 * counted that day spends nothing. RATE_LIMITED with the rule's message, nothing counted, when the day is used up.
 */
async function spendDaily(call: Call, rule: RateRule | null, token: string): Promise<void> {
  if (!rule || call.ctx.source !== 'client') return
  const res = await call.deps.rateLimits.hit([rule.bucket], token)
  if (!res.allowed) throw new AppError('RATE_LIMITED', rule.message)
}

/**
 * What anyone may read without signing in (verifyCertificate, wall: no `call.user()` without an identity), and
 * society's likes and ratings of served orders (社会评单, issue 11), which need a sign-in.
 */
export const publicFunction = defineFunction('public', {
  /** 证明核验: the certificate of a serial as anyone may see it (the name masked), with its status. */
  async verifyCertificate(input, call) {
    const found = await call.deps.certificates.getCertificate(input.serial)
    if (!found) throw new AppError('NOT_FOUND', '未找到该编号的志愿服务证明，请核对编号')
    return verificationOf(found)
  },

  /** 公示栏: served orders of a unit's subtree, newest first; a signed-in viewer also gets their like and rating. */
  async wall(input, call) {
    const viewer = call.ctx.openid ? await call.user() : null
    const [units, themes] = await Promise.all([unitTree(call.deps.catalog), themeList(call.deps.catalog)])
    return wallPage(call.deps, viewer, input, units, themes)
  },

  /** 点赞: once per person per order whatever the retries; only a served order. */
  async like(input, call) {
    const user = await call.user()
    await servedOrder(call, input.orderId)
    await spendDaily(call, likeRule(call.deps.policy.rateLimits, user.id, call.now), `public.like:${input.orderId}`)
    const { likes } = await call.deps.social.like(input.orderId, user.id, call.now)
    return { orderId: input.orderId, likes, liked: true }
  },

  /** 取消点赞: takes the caller's like back (nothing to take back changes nothing). */
  async unlike(input, call) {
    const user = await call.user()
    const { likes } = await call.deps.social.unlike(input.orderId, user.id)
    return { orderId: input.orderId, likes, liked: false }
  },

  /** 社会评分: anyone signed in but the order's own people; a second rating replaces the caller's first. */
  async rate(input, call) {
    const user = await call.user()
    const order = await servedOrder(call, input.orderId)
    const refusal = publicRateRefusal(order, user)
    if (refusal) fail('FORBIDDEN', refusal)
    await requireFitText(call, [{ label: '评价', text: input.comment, scene: 'comment' }])
    await spendDaily(call, publicRatingRule(call.deps.policy.rateLimits, user.id, call.now), `public.rate:${input.orderId}`)
    const rating = { orderId: order.id, userId: user.id, stars: input.stars, comment: input.comment, at: call.now, teamIds: order.teamIds }
    const { summary } = await call.deps.social.rate(rating)
    return {
      orderId: order.id,
      publicAvg: publicAverage(summary),
      publicCount: summary.ratingCount,
      myRating: { stars: rating.stars, comment: rating.comment, at: rating.at },
    }
  },
})
