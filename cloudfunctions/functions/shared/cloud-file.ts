import type { FileStorage } from '~core/ports'
import { recordUpload, uploadAnswer } from '~usecases/uploads'
import type { ImageMime, UploadAnswer, User } from '~types'
import { contentCheckOf } from './content'
import type { Call } from './define'
import { keyedId } from './ids'

const mimeOf = (name: string): ImageMime => {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
  return ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : 'image/jpeg'
}

/**
 * A file the mini-program put into cloud storage itself (weapp: Taro.cloud.uploadFile), recorded as an upload under
 * `<folder>/<its name>` and sent to WeChat's image check at once: an order's photo (order.attachPhoto) or a unit's
 * goods picture (mall.attachPicture). The caller has checked the path, the person and that the file exists; the id is
 * keyed by the owner and the fileId, so a retry records the same upload.
 */
export async function recordCloudFile(
  call: Call,
  user: User,
  files: FileStorage,
  f: { fileId: string; owner: string; orderId: string; unitId?: string; folder: string },
): Promise<UploadAnswer> {
  const id = keyedId('f', f.owner, f.fileId)
  const name = f.fileId.slice(f.fileId.lastIndexOf('/') + 1)
  const stored = await recordUpload(call.deps, contentCheckOf(call), {
    id,
    orderId: f.orderId,
    ...(f.unitId ? { unitId: f.unitId } : {}),
    user,
    path: `${f.folder}/${name}`,
    ref: f.fileId,
    mime: mimeOf(name),
    bytes: 0,
    url: await files.url(f.fileId, id, 3600),
    openid: call.ctx.openid,
    now: call.now,
  })
  return uploadAnswer(stored)
}
