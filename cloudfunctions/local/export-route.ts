import { createReadStream, existsSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { DiskFiles } from '~adapters/disk/files'
import { AppError } from '~core/errors'
import type { Deps } from '~functions/shared/deps'
import { exportForDownload } from '~functions/shared/exports'
import type { ExportFormat } from '~types'
import type { SignIn } from './sign-in'
import { sendError } from './reply'

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

/** `attachment` with an ASCII fallback name and the Chinese name in RFC 5987 form (filename*=UTF-8''…). */
export function contentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}

/**
 * GET /api/exports/<id>: the file of an export made by export.create, for the person who made it (Bearer token); someone
 * else's is FORBIDDEN, a missing or expired one NOT_FOUND, without a token UNAUTHENTICATED.
 */
export function exportRoute(deps: Deps, signIn: SignIn, files: DiskFiles) {
  return async (routes: FastifyInstance) => {
    routes.get('/api/exports/:id', async (req, reply) => {
      const who = await signIn.resolve(req.headers.authorization)
      if (who.kind !== 'user') return sendError(reply, 'UNAUTHENTICATED', who.kind === 'invalid' ? '登录已失效，请重新登录' : '请先登录')
      try {
        const user = await deps.users.getUserByOpenid(who.openid)
        if (!user) throw new AppError('UNAUTHENTICATED', '请先登录')
        const id = String((req.params as { id: string }).id).slice(0, 80)
        const record = await exportForDownload(deps, user.id, id, deps.clock().toISOString())
        const file = files.pathOf(record.fileRef)
        if (!existsSync(file)) throw new AppError('NOT_FOUND', '导出文件不存在或已过期，请重新导出')
        return reply
          .header('content-type', CONTENT_TYPES[record.format])
          .header('content-disposition', contentDisposition(record.fileName, `export-${record.kind}.${record.format}`))
          .header('cache-control', 'private, no-store')
          .send(createReadStream(file))
      } catch (e) {
        if (e instanceof AppError) return sendError(reply, e.code, e.message)
        throw e
      }
    })
  }
}
