import { formatSerial, planIssue } from '~core/certificates'
import type { CertificateStore } from '~core/ports'
import type { Certificate } from '~types'
import { type Conn, sdk } from './db'
import type { DocData, DbTransaction } from './db-types'

/**
 * Certificates (`certificates`, one document per serial as its _id), the sequence per serial prefix
 * (`certificate_serials`, `_id` the prefix, `{ last }`), and each volunteer's valid serials (`certificate_holders`,
 * `_id` the volunteer): a transaction can only read documents by id, so the holder document is how the issuing write
 * reads the valid certificates it decides on, and two issues of one volunteer conflict on it. Two issues under one
 * prefix conflict on its counter document; the transaction runs again and takes the next number.
 */
function toCertificate(doc: DocData): Certificate {
  const { _id, _openid: _ignored, ...rest } = doc as DocData & { _openid?: unknown }
  return { ...(rest as unknown as Certificate), serial: String(_id) }
}

const certBody = (c: Certificate) => {
  const { serial: _serial, ...rest } = c
  return rest
}

async function validOf(c: Conn, t: DbTransaction, volunteerId: string): Promise<{ serials: string[]; certificates: Certificate[] }> {
  const holder = await c.txGet(t, 'certificate_holders', volunteerId)
  const serials = Array.isArray(holder?.valid) ? (holder.valid as string[]) : []
  const certificates: Certificate[] = []
  for (const serial of serials) {
    const doc = await c.txGet(t, 'certificates', serial)
    if (doc) certificates.push(toCertificate(doc))
  }
  return { serials, certificates: certificates.filter((x) => x.status === 'valid') }
}

/**
 * Whole-transaction attempts of an issue: every issue of a unit's year writes its counter document, so issues at the
 * same moment conflict there and take turns (each attempt the SDK's own retries, and a short random pause between).
 */
const ISSUE_ATTEMPTS = 12

const pause = () => new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20))

export function createCertificateStore(c: Conn): CertificateStore {
  const col = () => c.col('certificates')
  return {
    async issue(draft, prefix, fileName) {
      let attempt = 0
      return c.runTx(async (t) => {
        if (attempt++ > 0) await pause()
        const { serials, certificates: valid } = await validOf(c, t, draft.volunteerId)
        const plan = planIssue(draft, valid)
        if ('reuse' in plan) return { certificate: plan.reuse, created: false, superseded: [] }
        const counter = await c.txGet(t, 'certificate_serials', prefix)
        const last = (typeof counter?.last === 'number' ? counter.last : 0) + 1
        const serial = formatSerial(prefix, last)
        const certificate: Certificate = { ...draft, serial, fileRef: fileName(serial), status: 'valid' }
        await sdk(t.collection('certificate_serials').doc(prefix).set({ data: { last } }))
        await sdk(t.collection('certificates').doc(serial).set({ data: certBody(certificate) }))
        for (const old of plan.supersede) {
          await sdk(t.collection('certificates').doc(old).update({ data: { status: 'superseded', supersededBy: serial, supersededAt: draft.issuedAt } }))
        }
        const stillValid = serials.filter((s) => !plan.supersede.includes(s) && valid.some((v) => v.serial === s))
        await sdk(t.collection('certificate_holders').doc(draft.volunteerId).set({ data: { valid: [...stillValid, serial] } }))
        return { certificate, created: true, superseded: plan.supersede }
      }, ISSUE_ATTEMPTS)
    },
    async getCertificate(serial) {
      const doc = await c.getDoc('certificates', serial)
      return doc ? toCertificate(doc) : null
    },
    async listOfVolunteer(volunteerId, limit) {
      const n = Math.max(1, Math.min(100, Math.floor(limit)))
      const { data } = await sdk(col().where({ volunteerId }).orderBy('issuedAt', 'desc').orderBy('_id', 'desc').limit(n).get())
      return data.map(toCertificate)
    },
    async revoke(serial, by) {
      return c.runTx(async (t) => {
        const doc = await c.txGet(t, 'certificates', serial)
        if (!doc) return null
        const found = toCertificate(doc)
        if (found.status === 'revoked') return { certificate: found, changed: false }
        const change = { status: 'revoked' as const, revokedAt: by.at, revokedBy: by.userId, revokeReason: by.reason }
        await sdk(t.collection('certificates').doc(serial).update({ data: change }))
        const holder = await c.txGet(t, 'certificate_holders', found.volunteerId)
        if (Array.isArray(holder?.valid) && (holder.valid as string[]).includes(serial)) {
          await sdk(t.collection('certificate_holders').doc(found.volunteerId).set({ data: { valid: (holder.valid as string[]).filter((s) => s !== serial) } }))
        }
        return { certificate: { ...found, ...change }, changed: true }
      })
    },
  }
}
