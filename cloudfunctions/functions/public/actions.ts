import { verificationOf } from '~core/certificates'
import { AppError } from '~core/errors'
import { defineFunction } from '../shared/define'

/**
 * What anyone may read without signing in: no action here calls `call.user()`, so no identity is needed (on the local
 * host the per-address limit applies, as to every /api/* route).
 */
export const publicFunction = defineFunction('public', {
  /** 证明核验: the certificate of a serial as anyone may see it (the name masked), with its status. */
  async verifyCertificate(input, call) {
    const found = await call.deps.certificates.getCertificate(input.serial)
    if (!found) throw new AppError('NOT_FOUND', '未找到该编号的志愿服务证明，请核对编号')
    return verificationOf(found)
  },
})
