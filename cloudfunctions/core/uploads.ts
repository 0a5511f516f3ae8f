import { goodsUploadPrefix, orderUploadPrefix, type Order, type PhotoCheck, type UploadRecord } from '~types'
import type { Relation } from './relations'

/**
 * Who may upload an activity photo for an order, and when: a claimer, a dispatched team's leader (who may complete
 * for the team) or a manager of the handling unit, while the order can still be completed (已接单). The reason it is
 * refused, in Chinese, as `{ code, message }`, or null when allowed.
 */
export function uploadRefusal(relations: ReadonlySet<Relation>, order: Order): { code: 'FORBIDDEN' | 'CONFLICT'; message: string } | null {
  if (!relations.has('claimer') && !relations.has('leader') && !relations.has('manager')) {
    return { code: 'FORBIDDEN', message: '只有接单志愿者、队长或承办单位管理员可以上传这张订单的活动照片' }
  }
  if (order.status !== 'claimed') return { code: 'CONFLICT', message: '这张订单现在不能上传活动照片（只在提交完成前上传）' }
  return null
}

/**
 * Who may see a photo: anyone once content security passed it (`public`), otherwise only the order's own people:
 * the owner (the resident, or the proxy who placed it), its claimers, the dispatched teams' leaders and its managers.
 */
export function maySeePhoto(relations: ReadonlySet<Relation>, upload: Pick<UploadRecord, 'visibility'>): boolean {
  if (upload.visibility === 'public') return true
  return relations.has('owner') || relations.has('claimer') || relations.has('leader') || relations.has('manager')
}

/** Whether a cloud path (or a cloud fileID ending in one) lies under the order's upload path `orders/<orderId>/`. */
export function isUnderOrderPath(orderId: string, pathOrFileId: string): boolean {
  return isUnderPrefix(orderUploadPrefix(orderId), pathOrFileId)
}

/** Whether a cloud path (or a cloud fileID ending in one) lies under the unit's goods picture path `goods/<unitId>/`. */
export function isUnderGoodsPath(unitId: string, pathOrFileId: string): boolean {
  return isUnderPrefix(goodsUploadPrefix(unitId), pathOrFileId)
}

function isUnderPrefix(prefix: string, pathOrFileId: string): boolean {
  const rest = pathOrFileId.startsWith('cloud://') ? pathOrFileId.slice(pathOrFileId.indexOf('/', 'cloud://'.length) + 1) : pathOrFileId
  if (!rest.startsWith(prefix)) return false
  const name = rest.slice(prefix.length)
  return /^[A-Za-z0-9_-]{1,80}\.(jpg|jpeg|png|webp)$/.test(name)
}

/**
 * Why the photos named at completion cannot be used, in Chinese, or null: each id must be a stored upload of this
 * order (its path under `orders/<orderId>/`) that content security has not rejected. `found` are the uploads read
 * by those ids.
 */
export function photosProblem(orderId: string, ids: readonly string[], found: readonly UploadRecord[]): string | null {
  const byId = new Map(found.map((u) => [u.id, u]))
  for (const [i, id] of ids.entries()) {
    const upload = byId.get(id)
    if (!upload) return `第${i + 1}张照片不存在，请重新上传`
    if (upload.orderId !== orderId || !upload.path.startsWith(`orders/${orderId}/`)) return `第${i + 1}张照片不属于这张订单`
    if (upload.check === 'reject') return `第${i + 1}张照片未通过内容安全审核，请删除后重新上传`
  }
  return null
}

/** A content-security verdict on a photo: its check and who may see it after (public only when it passed). */
export function photoAfterVerdict(verdict: Extract<PhotoCheck, 'pass' | 'reject'>, at: string): Pick<UploadRecord, 'check' | 'visibility' | 'checkedAt' | 'traceId'> {
  return { check: verdict, visibility: verdict === 'pass' ? 'public' : 'private', checkedAt: at, traceId: null }
}

/**
 * Why an upload cannot be the picture of goods of `unitId`, in Chinese, or null: it must be a stored goods picture
 * of that unit (path under `goods/<unitId>/`, uploaded by one of its managers) that content security has not rejected.
 * A new goods names a picture of the unit it is made in; an existing one of its own unit, so one unit's picture never
 * shows on another unit's shelf.
 */
export function goodsPictureProblem(unitId: string, upload: UploadRecord | undefined): string | null {
  if (!upload) return '商品图片不存在，请重新上传'
  if (upload.unitId !== unitId || !upload.path.startsWith(goodsUploadPrefix(unitId))) return '这张图片不属于本单位的积分超市，请重新上传'
  if (upload.check === 'reject') return '这张图片未通过内容安全审核，请换一张'
  return null
}
