import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { certificateRevokedEntry } from '~core/audit'
import {
  certificateDraft,
  certificateFileName,
  certificatePeriod,
  creditedServices,
  issuerOf,
  mayRevoke,
  serialPrefix,
} from '~core/certificates'
import { CERTIFICATES } from '~core/config'
import { AppError, fail } from '~core/errors'
import type { FileStorage } from '~core/ports'
import type { Certificate, CertificateAnswer } from '~types'
import { type Call, defineFunction } from '../shared/define'
import type { Deps } from '../shared/deps'
import { loadServiceRecords } from '../shared/service-records'
import { renderCertificate } from './pdf'

/** Where certificates' PDFs are kept: the cloud entry and the local host provide it. */
function certificateFilesOf(deps: Deps): FileStorage {
  if (!deps.certificateFiles) throw new AppError('INTERNAL', '证明文件存储未配置')
  return deps.certificateFiles
}

/** The public verification page of a serial (what the QR code opens). */
export function verifyUrlOf(deps: Deps, serial: string): string {
  const base = deps.verifyUrlBase ?? '/#/packages/public/pages/verify/index'
  return `${base}${base.includes('?') ? '&' : '?'}serial=${encodeURIComponent(serial)}`
}

/** Renders the certificate's PDF and puts it in the file storage under its fileRef (the same bytes again on a retry). */
async function storePdf(call: Call, c: Certificate): Promise<void> {
  const files = certificateFilesOf(call.deps)
  const pdf = await renderCertificate(c, verifyUrlOf(call.deps, c.serial))
  const dir = mkdtempSync(path.join(tmpdir(), 'sidan-cert-'))
  try {
    const tmp = path.join(dir, c.fileRef)
    writeFileSync(tmp, pdf)
    await files.put(c.fileRef, tmp)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const certificateFunction = defineFunction('certificate', {
  /**
   * 开具志愿服务证明: the caller's credited services (信用时长, 补录) over the China-time days [from, to] (default: from
   * the first to today), as a numbered certificate of the county center and its PDF. The same period with the same
   * record answers the certificate already issued (no new serial); a changed record issues a new serial and
   * supersedes the overlapping certificates it corrects (core/certificates.ts planIssue).
   */
  async issue(input, call) {
    const { deps } = call
    const user = await call.user()
    if (!user.roles.includes('volunteer') && !user.roles.includes('leader')) fail('FORBIDDEN', '只有志愿者可以开具志愿服务证明')
    const { records, units } = await loadServiceRecords(deps, user)
    const issuer = issuerOf(user, units)
    if (!issuer) throw new AppError('INTERNAL', '未找到出具证明的实践中心')
    const period = certificatePeriod(input, records, call.now)
    if (Date.parse(`${period.to}T00:00:00Z`) - Date.parse(`${period.from}T00:00:00Z`) > CERTIFICATES.maxYears * 366 * 86400_000) {
      fail('INVALID_INPUT', `一份证明最多涵盖${CERTIFICATES.maxYears}年`)
    }
    const services = creditedServices(records, period.from, period.to)
    if (services.length === 0) fail('NOT_FOUND', '所选期间没有已认定的服务时长（信用时长或补录），暂不能开具证明')
    const draft = certificateDraft({ user, issuer, period, services, issuedAt: call.now })
    const { certificate, created, superseded } = await deps.certificates.issue(draft, serialPrefix(issuer.id, call.now), certificateFileName)
    // a certificate reused is rendered again from its record: the file of an issue whose upload failed is mended
    await storePdf(call, certificate)
    const url = await certificateFilesOf(deps).url(certificate.fileRef, certificate.serial, CERTIFICATES.linkSeconds)
    const answer: CertificateAnswer = {
      serial: certificate.serial,
      url,
      verifyUrl: verifyUrlOf(deps, certificate.serial),
      hours: certificate.hours,
      services: certificate.services,
      from: certificate.from,
      to: certificate.to,
      status: certificate.status,
      created,
      superseded,
    }
    return answer
  },

  /** 撤销: by a manager of the issuing center or an admin, with a reason; audited. A revoked one stays revoked. */
  async revoke(input, call) {
    const { deps } = call
    const user = await call.user()
    const found = await deps.certificates.getCertificate(input.serial)
    if (!found) throw new AppError('NOT_FOUND', '证明编号不存在')
    if (!mayRevoke(user, found)) fail('FORBIDDEN', '只有出具证明的实践中心管理员可以撤销证明')
    const result = await deps.certificates.revoke(input.serial, { userId: user.id, at: call.now, reason: input.reason })
    if (!result) throw new AppError('NOT_FOUND', '证明编号不存在')
    const c = result.certificate
    // recorded again on a retry (its id is the serial's: stored once), so a crash after the revoke loses no entry
    await deps.audit.record([
      certificateRevokedEntry({ by: user, serial: c.serial, holderId: c.volunteerId, holderName: c.name, unitId: c.issuerUnitId, reason: c.revokeReason ?? input.reason, at: c.revokedAt ?? call.now }),
    ])
    return { serial: c.serial, status: c.status, revokedAt: c.revokedAt ?? call.now, revokeReason: c.revokeReason ?? input.reason }
  },
})
