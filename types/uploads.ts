/**
 * Photos of an activity (issue 10, 结项): uploaded by the order's people before `order.complete`, which names them
 * by id. A photo is private (the order's own people) until content security passed it; then it may be shown
 * publicly (the public wall of issue 11).
 */

/** At most this many photos on one completion. */
export const PHOTOS_MAX = 9
/** Bytes one uploaded photo may have (after compression on the phone or in the browser). */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024
/** The image types accepted, judged by the file's first bytes, never by its name. */
export const IMAGE_MIMES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type ImageMime = (typeof IMAGE_MIMES)[number]

/** Where an order's uploads live: `orders/<orderId>/<name>` (cloud storage on WeChat; a logical path locally). */
export const orderUploadPrefix = (orderId: string) => `orders/${orderId}/`

/**
 * Where a unit's goods pictures live (积分超市, issue 12): `goods/<unitId>/<name>`. A goods picture is an upload with
 * no order (`orderId` ''), its `unitId` the goods' unit: uploaded by the unit's managers, private to them until
 * content security passed it, then public (everyone who sees the shelf).
 */
export const goodsUploadPrefix = (unitId: string) => `goods/${unitId}/`

/**
 * Content security on a photo: `pending` (sent to WeChat, verdict to come), `pass`, `reject`, `unchecked` (the local
 * host checks nothing: 本地未检测).
 */
export const PHOTO_CHECKS = ['pending', 'pass', 'reject', 'unchecked'] as const
export type PhotoCheck = (typeof PHOTO_CHECKS)[number]

export const PHOTO_CHECK_LABELS: Record<PhotoCheck, string> = {
  pending: '审核中',
  pass: '已通过',
  reject: '未通过',
  unchecked: '本地未检测',
}

/** `private`: the order's owner or proxy, its claimers and managers; `public`: anyone (only after `pass`). */
export type PhotoVisibility = 'private' | 'public'

export interface UploadRecord {
  /** the id `order.complete` names (`f_…`, at most 64 characters) */
  id: string
  /** the order of an activity photo; '' for a goods picture */
  orderId: string
  /** a goods picture's unit (its path `goods/<unitId>/<file>`); absent on activity photos */
  unitId?: string
  /** `orders/<orderId>/<file>` (an activity photo) or `goods/<unitId>/<file>` (a goods picture) */
  path: string
  /** where the file storage keeps it: a file name in the data folder locally, the cloud fileID on WeChat */
  ref: string
  uploaderId: string
  mime: ImageMime
  bytes: number
  createdAt: string
  check: PhotoCheck
  /** the content-security request whose verdict is awaited (WeChat's trace_id), while `pending` */
  traceId: string | null
  checkedAt: string | null
  visibility: PhotoVisibility
}

/** What an upload answers (order.attachPhoto, POST /api/upload): the id to name at completion, and its check. */
export interface UploadAnswer {
  id: string
  path: string
  check: PhotoCheck
  visibility: PhotoVisibility
}

/** The image type of a file by its first bytes (JPEG, PNG or WebP), or null for anything else. */
export function sniffImage(head: Uint8Array): ImageMime | null {
  const at = (i: number) => head[i]
  if (head.length >= 3 && at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff) return 'image/jpeg'
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => at(i) === b)) return 'image/png'
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to))
  if (head.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp'
  return null
}
