import type { PolicyConfig } from '~core/config'
import { fail } from '~core/errors'
import type { ContentCheck, Stores } from '~core/ports'
import { uploadRule } from '~core/rate-limits'
import { relationsOf } from '~core/relations'
import { maySeePhoto, photoAfterVerdict, uploadRefusal } from '~core/uploads'
import type { ImageMime, Order, UploadAnswer, UploadRecord, User } from '~types'

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
  const rule = uploadRule(policy.rateLimits, user.id, now)
  if (rule) {
    const res = await stores.rateLimits.hit([rule.bucket])
    if (!res.allowed) fail('RATE_LIMITED', rule.message)
  }
  return order
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
  u: { id: string; order: Order; user: User; path: string; ref: string; mime: ImageMime; bytes: number; url: string | null; openid: string | null; now: string },
): Promise<UploadRecord> {
  const sent = u.url ? await check.checkImage({ url: u.url, scene: 'social', openid: u.openid }) : null
  const record: UploadRecord = {
    id: u.id,
    orderId: u.order.id,
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
export async function photoForViewer(stores: Pick<Stores, 'orders' | 'uploads'>, user: User | null, id: string): Promise<UploadRecord> {
  const [upload] = await stores.uploads.getUploads([id])
  if (!upload) fail('NOT_FOUND', '照片不存在')
  if (upload.visibility === 'public') return upload
  if (!user) fail('UNAUTHENTICATED', '请先登录')
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
