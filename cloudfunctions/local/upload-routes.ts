import { randomBytes } from 'node:crypto'
import { createReadStream, writeFileSync } from 'node:fs'
import path from 'node:path'
import multipart from '@fastify/multipart'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { DiskFiles } from '~adapters/disk/files'
import { createLocalContentCheck } from '~adapters/local/content-check'
import { AppError } from '~core/errors'
import { keyedId, newId } from '~functions/shared/ids'
import type { Deps } from '~functions/shared/deps'
import { authorizeGoodsUpload, authorizeUpload, photoForViewer, recordUpload, uploadAnswer } from '~usecases/uploads'
import { goodsUploadPrefix, IMAGE_MIMES, orderUploadPrefix, schemas, sniffImage, UPLOAD_MAX_BYTES, type ImageMime, type User } from '~types'
import { sendError } from './reply'
import { SESSION_INVALID, type SignIn } from './sign-in'

const EXTENSIONS: Record<ImageMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' }
const MAX_MB = UPLOAD_MAX_BYTES / 1024 / 1024
export const TOO_LARGE = `照片不能超过${MAX_MB}MB，请压缩后再上传`
export const NOT_AN_IMAGE = '只能上传JPG、PNG或WebP格式的图片'

/**
 * The local host's activity photos (issue 10):
 * - `POST /api/upload?orderId=<id>&requestId=<id>` (multipart, one file field; a retry with the same requestId answers
 *   the first upload), or `POST /api/upload?unitId=<id>&requestId=<id>` for a goods picture of the unit (积分超市,
 *   its managers or those above; path `goods/<unitId>/<id>.<ext>`, public once content security passed it): for a signed-in claimer, dispatched team leader or
 *   manager of the order while it can be completed (usecases/uploads.ts authorizeUpload, counted per person and
 *   hour); at most UPLOAD_MAX_BYTES (413 past it), an image only by its first bytes (JPEG, PNG, WebP), stored in
 *   the data folder's `uploads/` as `<id>.<ext>`, its logical path `orders/<orderId>/<id>.<ext>` → UploadAnswer. A
 *   refusal stores nothing.
 * - `GET /api/files/<id>`: the photo, to the order's own people (owner or proxy, claimers, leaders, managers), or
 *   to anyone once content security passed it (never locally, where nothing is checked).
 */
export function uploadRoutes(deps: Deps, signIn: SignIn, files: DiskFiles) {
  const check = deps.contentCheck ?? createLocalContentCheck()

  async function signedIn(authorization: string | undefined): Promise<User | null> {
    const who = await signIn.resolve(authorization)
    if (who.kind === 'invalid') throw new AppError('UNAUTHENTICATED', SESSION_INVALID)
    if (who.kind !== 'user') return null
    return deps.users.getUserByOpenid(who.openid)
  }

  const answerError = (reply: FastifyReply, e: unknown) => {
    if (e instanceof AppError) return sendError(reply, e.code, e.message)
    const code = (e as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE') return sendError(reply, 'INVALID_INPUT', TOO_LARGE, 413)
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return sendError(reply, 'INVALID_INPUT', '一次只能上传一张照片', 413)
    if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return sendError(reply, 'INVALID_INPUT', '请以表单（multipart/form-data）上传照片')
    throw e
  }

  /** What the upload is for: an order's activity photo (`orderId`) or a unit's goods picture (`unitId`), authorised. */
  async function uploadTarget(user: User, query: { orderId?: unknown; unitId?: unknown; requestId?: unknown }, now: string) {
    if (query.unitId !== undefined && query.orderId === undefined) {
      const parsed = schemas.mall.attachPicture.pick({ unitId: true }).extend({ requestId: schemas.order.claim.shape.requestId }).safeParse({ unitId: query.unitId, requestId: query.requestId })
      if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? '请选择所属单位')
      const unit = await authorizeGoodsUpload(deps, deps.policy, user, parsed.data.unitId, now)
      return { key: `goods:${unit.id}`, orderId: '', unitId: unit.id, prefix: goodsUploadPrefix(unit.id), requestId: parsed.data.requestId }
    }
    const parsed = schemas.order.claim.safeParse({ orderId: query.orderId, requestId: query.requestId })
    if (!parsed.success) throw new AppError('INVALID_INPUT', parsed.error.issues[0]?.message ?? '请填写订单编号')
    const order = await authorizeUpload(deps, deps.policy, user, parsed.data.orderId, now)
    return { key: order.id, orderId: order.id, unitId: undefined, prefix: orderUploadPrefix(order.id), requestId: parsed.data.requestId }
  }

  return async (routes: FastifyInstance) => {
    await routes.register(multipart, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 4, parts: 5 } })

    routes.post('/api/upload', async (req, reply) => {
      try {
        const user = await signedIn(req.headers.authorization)
        if (!user) throw new AppError('UNAUTHENTICATED', '请先登录')
        const query = req.query as { orderId?: unknown; unitId?: unknown; requestId?: unknown }
        const now = deps.clock().toISOString()
        const target = await uploadTarget(user, query, now)
        const { requestId } = target
        const part = await req.file()
        if (!part) throw new AppError('INVALID_INPUT', '请选择要上传的照片')
        // toBuffer throws FST_REQ_FILE_TOO_LARGE past the limit: nothing is written
        const bytes = await part.toBuffer()
        const mime = sniffImage(bytes.subarray(0, 16))
        if (!mime || !IMAGE_MIMES.includes(mime)) throw new AppError('INVALID_INPUT', NOT_AN_IMAGE)
        // a retried upload (the same requestId from the same person for the same order) answers the first one
        const id = requestId ? keyedId('f', user.id, target.key, requestId) : newId('f')
        const [earlier] = requestId ? await deps.uploads.getUploads([id]) : []
        if (earlier) return reply.send({ ok: true, data: uploadAnswer(earlier) })
        // each attempt its own file: a parallel retry's is removed below, never overwrites the one kept
        const name = `${id}-${randomBytes(4).toString('hex')}.${EXTENSIONS[mime]}`
        const temp = path.join(files.dir, `.${name}.part`)
        writeFileSync(temp, bytes, { mode: 0o600 })
        const ref = await files.put(name, temp)
        const record = await recordUpload(deps, check, {
          id,
          orderId: target.orderId,
          ...(target.unitId ? { unitId: target.unitId } : {}),
          user,
          path: target.prefix + name,
          ref,
          mime,
          bytes: bytes.length,
          url: null,
          openid: null,
          now,
        })
        // a parallel retry stored the upload first: this request's file is not needed
        if (record.ref !== ref) await files.remove([ref])
        return reply.send({ ok: true, data: uploadAnswer(record) })
      } catch (e) {
        return answerError(reply, e)
      }
    })

    routes.get('/api/files/:id', async (req, reply) => {
      try {
        const id = String((req.params as { id: string }).id).slice(0, 80)
        const user = await signedIn(req.headers.authorization)
        const upload = await photoForViewer(deps, user, id)
        const file = files.pathOf(upload.ref)
        if (!(await files.exists(upload.ref))) throw new AppError('NOT_FOUND', '照片不存在')
        return reply
          .header('content-type', upload.mime)
          .header('cache-control', upload.visibility === 'public' ? 'public, max-age=86400' : 'private, no-store')
          .header('content-disposition', 'inline')
          .send(createReadStream(file))
      } catch (e) {
        return answerError(reply, e)
      }
    })
  }
}
