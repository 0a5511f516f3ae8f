import type { PolicyConfig } from '~core/config'
import { fail } from '~core/errors'
import { managesGoods } from '~core/mall'
import type { ContentCheck, Stores } from '~core/ports'
import { uploadRule } from '~core/rate-limits'
import { relationsOf } from '~core/relations'
import { maySeePhoto, photoAfterVerdict, uploadRefusal } from '~core/uploads'
import type { ImageMime, Order, OrgUnit, UploadAnswer, UploadRecord, User } from '~types'

export type UploadStores = Pick<Stores, 'orders' | 'uploads' | 'rateLimits'>

/**
 * The order a person is about to upload a photo for (before any byte is stored): it exists, they are one of its
 * claimers, a dispatched team's leader or a manager of it, and it can still be completed; then their upload is
 * counted against the hourly limit (`SIDAN_RATE_UPLOADS_PER_HOUR`, one store call). Throws the refusal otherwise.
 */
export async function authorizeUpload(stores: UploadStores, policy: PolicyConfig, user: User, orderId: string, now: string): Promise<Order> {
  const { order, teams } = await stores.orders.loadOrder(orderId, { teamIds: user.teamIds })
  if (!order) fail('NOT_FOUND', '订单不存在')
  const refusal = uploadRefusal(relationsOf({ kind: 'user', user }, order, teams), order)
  if (refusal) fail(refusal.code, refusal.message)
  await countUpload(stores, policy, user, now)
  return order
}

async function countUpload(stores: Pick<Stores, 'rateLimits'>, policy: PolicyConfig, user: User, now: string): Promise<void> {
  const rule = uploadRule(policy.rateLimits, user.id, now)
  if (rule) {
    const res = await stores.rateLimits.hit([rule.bucket])
    if (!res.allowed) fail('RATE_LIMITED', rule.message)
  }
}

/**
 * The unit a person is about to upload a goods picture for (积分超市): it exists and they manage it or a unit above
 * it (the same rule as mall.upsertGoods); then counted against the hourly upload limit. Throws the refusal otherwise.
 */
export async function authorizeGoodsUpload(stores: Pick<Stores, 'catalog' | 'rateLimits'>, policy: PolicyConfig, user: User, unitId: string, now: string): Promise<OrgUnit> {
  const unit = await stores.catalog.getUnit(unitId)
  if (!unit) fail('NOT_FOUND', '单位不存在')
  if (!managesGoods(user, unit.path)) fail('FORBIDDEN', '只有本单位（或上级单位）的管理员可以上传积分超市的商品图片')
  await countUpload(stores, policy, user, now)
  return unit
}

/**
 * Records a stored photo as an upload of the order and sends it to content security (`url`: where WeChat can fetch
 * it; none locally). Until a verdict says `pass` it is private to the order's own people. A retried attach (the same
 * id) answers the stored upload: the caller compares its `ref` with the file it stored, which a parallel retry made
 * superfluous.
 */
export async function recordUpload(
  stores: UploadStores,
  check: ContentCheck,
  u: { id: string; orderId: string; unitId?: string; user: User; path: string; ref: string; mime: ImageMime; bytes: number; url: string | null; openid: string | null; now: string },
): Promise<UploadRecord> {
  const sent = u.url ? await check.checkImage({ url: u.url, scene: 'social', openid: u.openid }) : null
  const record: UploadRecord = {
    id: u.id,
    orderId: u.orderId,
    ...(u.unitId ? { unitId: u.unitId } : {}),
    path: u.path,
    ref: u.ref,
    uploaderId: u.user.id,
    mime: u.mime,
    bytes: u.bytes,
    createdAt: u.now,
    check: sent?.status === 'pending' ? 'pending' : 'unchecked',
    traceId: sent?.status === 'pending' ? sent.traceId : null,
    checkedAt: null,
    visibility: 'private',
  }
  const { record: stored } = await stores.uploads.saveUpload(record)
  return stored
}

export function uploadAnswer(u: UploadRecord): UploadAnswer {
  return { id: u.id, path: u.path, check: u.check, visibility: u.visibility }
}

/**
 * A photo for someone to see (GET /api/files/<id>): a public one for anyone, a private one only for the order's own
 * people (core/uploads.ts maySeePhoto). `user` is null without a sign-in.
 */
export async function photoForViewer(stores: Pick<Stores, 'orders' | 'uploads' | 'catalog'>, user: User | null, id: string): Promise<UploadRecord> {
  const [upload] = await stores.uploads.getUploads([id])
  if (!upload) fail('NOT_FOUND', '照片不存在')
  if (upload.visibility === 'public') return upload
  if (!user) fail('UNAUTHENTICATED', '请先登录')
  if (upload.unitId !== undefined) {
    // a goods picture not yet passed: only the managers of its unit (or above) see it
    const unit = await stores.catalog.getUnit(upload.unitId)
    if (!unit || !managesGoods(user, unit.path)) fail('FORBIDDEN', '您无权查看这张图片')
    return upload
  }
  const { order, teams } = await stores.orders.loadOrder(upload.orderId, { teamIds: user.teamIds })
  if (!order || !maySeePhoto(relationsOf({ kind: 'user', user }, order, teams), upload)) fail('FORBIDDEN', '您无权查看这张照片')
  return upload
}

/**
 * The verdict of WeChat's asynchronous image check (the `wxa_media_check` push): `pass` makes the photo public,
 * anything else keeps it private and marks it rejected. An unknown trace or a verdict already applied changes
 * nothing (answers null).
 */
export async function applyMediaVerdict(stores: Pick<Stores, 'uploads'>, traceId: string, suggest: string, now: string): Promise<UploadRecord | null> {
  const patch = photoAfterVerdict(suggest === 'pass' ? 'pass' : 'reject', now)
  return stores.uploads.applyVerdict(traceId, { check: patch.check as 'pass' | 'reject', visibility: patch.visibility, checkedAt: now })
}
