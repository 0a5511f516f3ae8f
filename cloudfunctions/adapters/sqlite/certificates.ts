import { formatSerial, planIssue } from '~core/certificates'
import type { CertificateStore } from '~core/ports'
import type { Certificate } from '~types'
import { all, type Database, one, parseDoc, parseDocs, prepareAll, writeTx } from './db'

export const CERTIFICATES_SQL = {
  certificateBySerial: `SELECT doc FROM certificates WHERE serial = @serial`,
  validOfVolunteer: `SELECT doc FROM certificates WHERE volunteer_id = @volunteerId AND status = 'valid' ORDER BY issued_at`,
  certificatesOfVolunteer: `SELECT doc FROM certificates WHERE volunteer_id = @volunteerId ORDER BY issued_at DESC, serial DESC LIMIT @limit`,
  insertCertificate: `
    INSERT INTO certificates (serial, volunteer_id, status, issued_at, doc) VALUES (@serial, @volunteerId, @status, @issuedAt, @doc)`,
  setCertificate: `UPDATE certificates SET status = @status, doc = @doc WHERE serial = @serial`,
  nextSerial: `
    INSERT INTO certificate_serials (prefix, last) VALUES (@prefix, 1)
    ON CONFLICT (prefix) DO UPDATE SET last = last + 1
    RETURNING last`,
}

export function createCertificateStore(db: Database.Database): CertificateStore {
  const s = prepareAll(db, CERTIFICATES_SQL)
  const put = (c: Certificate) => s.setCertificate.run({ serial: c.serial, status: c.status, doc: JSON.stringify(c) })

  const issue = writeTx(db, (draft: Parameters<CertificateStore['issue']>[0], prefix: string, fileName: (serial: string) => string) => {
    const valid = parseDocs<Certificate>(all(s.validOfVolunteer, { volunteerId: draft.volunteerId }))
    const plan = planIssue(draft, valid)
    if ('reuse' in plan) return { certificate: plan.reuse, created: false, superseded: [] }
    const { last } = s.nextSerial.get({ prefix }) as { last: number }
    const serial = formatSerial(prefix, last)
    const certificate: Certificate = { ...draft, serial, fileRef: fileName(serial), status: 'valid' }
    s.insertCertificate.run({ serial, volunteerId: draft.volunteerId, status: 'valid', issuedAt: draft.issuedAt, doc: JSON.stringify(certificate) })
    for (const old of valid.filter((c) => plan.supersede.includes(c.serial))) {
      put({ ...old, status: 'superseded', supersededBy: serial, supersededAt: draft.issuedAt })
    }
    return { certificate, created: true, superseded: plan.supersede }
  })

  const revoke = writeTx(db, (serial: string, by: { userId: string; at: string; reason: string }) => {
    const found = parseDoc<Certificate>(one(s.certificateBySerial, { serial }))
    if (!found) return null
    if (found.status === 'revoked') return { certificate: found, changed: false }
    const certificate: Certificate = { ...found, status: 'revoked', revokedAt: by.at, revokedBy: by.userId, revokeReason: by.reason }
    put(certificate)
    return { certificate, changed: true }
  })

  return {
    async issue(draft, prefix, fileName) {
      return issue(draft, prefix, fileName)
    },
    async getCertificate(serial) {
      return parseDoc<Certificate>(one(s.certificateBySerial, { serial }))
    },
    async listOfVolunteer(volunteerId, limit) {
      return parseDocs<Certificate>(all(s.certificatesOfVolunteer, { volunteerId, limit: Math.max(1, Math.min(100, Math.floor(limit))) }))
    },
    async revoke(serial, by) {
      return revoke(serial, by)
    },
  }
}
