/**
 * Activity photos (issue 10): picking, compressing and uploading one photo per request, before order.complete names
 * them by id.
 * - weapp: Taro.chooseMedia (images, compressed) → Taro.compressImage → Taro.cloud.uploadFile to
 *   `orders/<orderId>/<uuid>.jpg`, then order.attachPhoto makes it an upload of the order (and sends it to WeChat's
 *   image check);
 * - H5: a file input → a canvas at most PHOTO_MAX_SIDE px on its long side, as JPEG → POST /api/upload?orderId=…
 *   (multipart, Bearer token) on the local host, with upload progress (XMLHttpRequest).
 * A goods picture of the 积分超市 goes the same way to `goods/<unitId>/` (mall.attachPicture, POST /api/upload?unitId=…).
 */
import Taro from '@tarojs/taro'
import { goodsUploadPrefix, orderUploadPrefix, UPLOAD_MAX_BYTES, type UploadAnswer } from '~types/uploads'
import { getToken } from './auth'
import { ApiCallError, call, errorFromBody, NETWORK_MESSAGE } from './transport'

/** The long side of a photo after compression in the browser (px), and its JPEG quality. */
export const PHOTO_MAX_SIDE = 1600
const JPEG_QUALITY = 0.82

/** A photo picked on the phone: where it is (a temporary path on weapp, the File on H5) and a preview URL. */
export interface PickedPhoto {
  preview: string
  source: string | File
}

/** A photo's own request id: letters, digits and dashes, so it is also a file name under the order's path. */
export const newPhotoRequestId = () => `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`

/** Lets the person pick up to `max` photos. An empty list when they cancel. */
export async function pickPhotos(max: number): Promise<PickedPhoto[]> {
  if (max <= 0) return []
  if (process.env.TARO_ENV === 'weapp') {
    try {
      const res = await Taro.chooseMedia({ count: max, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      return res.tempFiles.map((f) => ({ preview: f.tempFilePath, source: f.tempFilePath }))
    } catch {
      return []
    }
  }
  const files = await chooseFiles()
  return files.slice(0, max).map((file) => ({ preview: URL.createObjectURL(file), source: file }))
}

/** H5: a hidden file input, images only, several at once. */
function chooseFiles(): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = 'image/jpeg,image/png,image/webp'
    input.multiple = true
    input.style.display = 'none'
    input.addEventListener('change', () => {
      resolve(Array.from(input.files ?? []))
      input.remove()
    })
    document.body.appendChild(input)
    input.click()
  })
}

/** H5: the photo drawn on a canvas at most PHOTO_MAX_SIDE px on its long side, as a JPEG. */
export async function compressInBrowser(file: File): Promise<Blob> {
  const url = URL.createObjectURL(file)
  try {
    const img = await new Promise<HTMLImageElement>((resolve, reject) => {
      const el = new Image()
      el.onload = () => resolve(el)
      el.onerror = () => reject(new ApiCallError('INVALID_INPUT', '这张图片打不开，请换一张'))
      el.src = url
    })
    const scale = Math.min(1, PHOTO_MAX_SIDE / Math.max(img.naturalWidth, img.naturalHeight))
    const canvas = document.createElement('canvas')
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
    canvas.getContext('2d')?.drawImage(img, 0, 0, canvas.width, canvas.height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new ApiCallError('INVALID_INPUT', '图片压缩失败，请换一张'))), 'image/jpeg', JPEG_QUALITY),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}

/**
 * Uploads one picked photo for the order; `onProgress` gets 0–100. `requestId` is the photo's own (kept across its
 * retries): the cloud path on weapp and the request on H5, so a retry lands on the same upload. Throws
 * ApiCallError with a message for the person.
 */
export async function uploadPhoto(orderId: string, photo: PickedPhoto, requestId: string, onProgress: (percent: number) => void): Promise<UploadAnswer> {
  if (process.env.TARO_ENV === 'weapp') {
    const fileId = await uploadToCloud(`${orderUploadPrefix(orderId)}${requestId}.jpg`, photo.source as string, onProgress)
    return call('order', 'attachPhoto', { orderId, fileId })
  }
  return postToHost(`orderId=${encodeURIComponent(orderId)}`, await compressed(photo), requestId, onProgress)
}

/** Uploads a picked picture as a goods picture of the unit (积分超市), for mall.upsertGoods' pictureId. */
export async function uploadGoodsPicture(unitId: string, photo: PickedPhoto, requestId: string, onProgress: (percent: number) => void = () => undefined): Promise<UploadAnswer> {
  if (process.env.TARO_ENV === 'weapp') {
    const fileId = await uploadToCloud(`${goodsUploadPrefix(unitId)}${requestId}.jpg`, photo.source as string, onProgress)
    return call('mall', 'attachPicture', { unitId, fileId })
  }
  return postToHost(`unitId=${encodeURIComponent(unitId)}`, await compressed(photo), requestId, onProgress)
}

async function compressed(photo: PickedPhoto): Promise<Blob> {
  const blob = await compressInBrowser(photo.source as File)
  if (blob.size > UPLOAD_MAX_BYTES) throw new ApiCallError('INVALID_INPUT', `照片不能超过${UPLOAD_MAX_BYTES / 1024 / 1024}MB，请换一张`)
  return blob
}

/** weapp: the photo compressed and put into cloud storage at `cloudPath`; answers its fileID. */
async function uploadToCloud(cloudPath: string, tempPath: string, onProgress: (percent: number) => void): Promise<string> {
  let filePath = tempPath
  try {
    filePath = (await Taro.compressImage({ src: tempPath, quality: 80 })).tempFilePath
  } catch {
    // an image the phone cannot compress goes as chosen (chooseMedia already picked the compressed one)
  }
  try {
    const task = Taro.cloud.uploadFile({ cloudPath, filePath })
    ;(task as unknown as { onProgressUpdate?: (cb: (r: { progress: number }) => void) => void }).onProgressUpdate?.((r) => onProgress(r.progress))
    return (await task).fileID
  } catch {
    throw new ApiCallError('NETWORK', '照片上传失败，请检查网络后重试')
  }
}

/** H5: the blob to the local host's POST /api/upload?<target>&requestId=… */
function postToHost(target: string, blob: Blob, requestId: string, onProgress: (percent: number) => void): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `${API_BASE}/api/upload?${target}&requestId=${encodeURIComponent(requestId)}`)
    const token = getToken()
    if (token) xhr.setRequestHeader('authorization', 'Bearer ' + token)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onerror = () => reject(new ApiCallError('NETWORK', NETWORK_MESSAGE))
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = JSON.parse(xhr.responseText)
      } catch {
        body = null
      }
      const ok = (body as { ok?: unknown } | null)?.ok === true
      if (ok) resolve((body as { data: UploadAnswer }).data)
      else reject(errorFromBody(body))
    }
    const form = new FormData()
    form.append('file', blob, 'photo.jpg')
    xhr.send(form)
  })
}

/** Where a goods picture is shown from: the cloud fileID on weapp, the local host's /api/files/<id> on H5. */
export const pictureUrl = (src: string) => (src.startsWith('/') ? `${API_BASE}${src}` : src)
