import { createReadStream, existsSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import type { DiskFiles } from '~adapters/disk/files'
import { mayRevoke, SERIAL_PATTERN } from '~core/certificates'
import { AppError } from '~core/errors'
import type { Deps } from '~functions/shared/deps'
import { contentDisposition } from './export-route'
import { sendError } from './reply'
import type { SignIn } from './sign-in'

/**
 * GET /api/certificates/<serial>: a certificate's PDF, for its holder and for those who may revoke it (managers of the
 * issuing center, admins); anyone else FORBIDDEN, an unknown serial NOT_FOUND, without a token UNAUTHENTICATED.
 * Anyone may verify a certificate (public.verifyCertificate); only these people get the file.
 */
export function certificateRoute(deps: Deps, signIn: SignIn, files: DiskFiles) {
  return async (routes: FastifyInstance) => {
    routes.get('/api/certificates/:serial', async (req, reply) => {
      const who = await signIn.resolve(req.headers.authorization)
      if (who.kind !== 'user') return sendError(reply, 'UNAUTHENTICATED', who.kind === 'invalid' ? '登录已失效，请重新登录' : '请先登录')
      try {
        const user = await deps.users.getUserByOpenid(who.openid)
        if (!user) throw new AppError('UNAUTHENTICATED', '请先登录')
        const serial = String((req.params as { serial: string }).serial).slice(0, 40).toUpperCase()
        const found = SERIAL_PATTERN.test(serial) ? await deps.certificates.getCertificate(serial) : null
        if (!found) throw new AppError('NOT_FOUND', '证明不存在')
        if (found.volunteerId !== user.id && !mayRevoke(user, found)) throw new AppError('FORBIDDEN', '只能下载本人的志愿服务证明')
        const file = files.pathOf(found.fileRef)
        if (!existsSync(file)) throw new AppError('NOT_FOUND', '证明文件不存在，请重新开具')
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', contentDisposition(`志愿服务证明_${found.name}_${found.serial}.pdf`, `${found.serial}.pdf`))
          .header('cache-control', 'private, no-store')
          .send(createReadStream(file))
      } catch (e) {
        if (e instanceof AppError) return sendError(reply, e.code, e.message)
        throw e
      }
    })
  }
}
