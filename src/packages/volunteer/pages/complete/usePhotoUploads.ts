import { useCallback, useRef, useState } from 'react'
import { PHOTOS_MAX } from '~types/uploads'
import { newPhotoRequestId, pickPhotos, uploadPhoto, type PickedPhoto } from '~src/services/photos'
import { toApiCallError } from '~src/services/transport'

/** One photo of the form: picked, then uploading (with progress), uploaded (its id) or failed (with why). */
export interface FormPhoto {
  key: string
  picked: PickedPhoto
  /** kept across retries, so a retry lands on the same upload */
  requestId: string
  status: 'uploading' | 'done' | 'failed'
  progress: number
  id?: string
  error?: string
}

/**
 * The completion form's photos: each uploaded on its own as soon as it is picked (one request each), retried on its
 * own, removed from the form; at most PHOTOS_MAX. `ids` are the uploaded ones, in the order shown.
 */
export function usePhotoUploads(orderId: string) {
  const [photos, setPhotos] = useState<FormPhoto[]>([])
  const seq = useRef(0)
  const countRef = useRef(0)
  countRef.current = photos.length

  const patch = (key: string, change: Partial<FormPhoto>) => setPhotos((ps) => ps.map((p) => (p.key === key ? { ...p, ...change } : p)))

  const start = useCallback(
    async (key: string, picked: PickedPhoto, requestId: string) => {
      patch(key, { status: 'uploading', progress: 0, error: undefined })
      try {
        const uploaded = await uploadPhoto(orderId, picked, requestId, (progress) => patch(key, { progress }))
        patch(key, { status: 'done', progress: 100, id: uploaded.id })
      } catch (err) {
        patch(key, { status: 'failed', error: toApiCallError(err).message })
      }
    },
    [orderId],
  )

  const add = useCallback(async () => {
    const picked = await pickPhotos(PHOTOS_MAX - countRef.current)
    const room = PHOTOS_MAX - countRef.current
    const fresh = picked.slice(0, room).map((p) => ({ key: `p${++seq.current}`, picked: p, requestId: newPhotoRequestId(), status: 'uploading' as const, progress: 0 }))
    if (fresh.length === 0) return
    setPhotos((ps) => [...ps, ...fresh])
    await Promise.all(fresh.map((p) => start(p.key, p.picked, p.requestId)))
  }, [start])

  const retry = useCallback((key: string) => {
    const photo = photos.find((p) => p.key === key)
    if (photo) void start(key, photo.picked, photo.requestId)
  }, [photos, start])

  const remove = useCallback((key: string) => setPhotos((ps) => ps.filter((p) => p.key !== key)), [])

  const ids = photos.filter((p) => p.status === 'done' && p.id).map((p) => p.id!)
  /** why the form cannot be sent yet because of its photos, '' when it can */
  const problem = photos.some((p) => p.status === 'uploading')
    ? '照片还在上传，请稍候再提交'
    : photos.some((p) => p.status === 'failed')
      ? '有照片上传失败，请点“重试”或删除后再提交'
      : ''
  return { photos, ids, problem, add, retry, remove, full: photos.length >= PHOTOS_MAX }
}
