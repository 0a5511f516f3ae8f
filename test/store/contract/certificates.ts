/** The certificates port (issue 10): its documented behaviour for any adapter, run by ./index.ts. */
import { certificateFileName, fingerprintOf, type CertificateDraft } from '~core/certificates'
import type { Stores } from '~core/ports'
import type { CertificateService } from '~types'
import { at } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

const service = (orderId: string, date: string, hours = 2, kind: 'verified' | 'approved' = 'verified'): CertificateService => ({
  orderId,
  date,
  content: '健康义诊',
  place: '东一村',
  organizer: '东一村实践站',
  hours,
  kind,
})

export function makeDraft(volunteerId: string, over: Partial<CertificateDraft> & { services?: CertificateService[] } = {}): CertificateDraft {
  const services = over.services ?? [service('o-1', '2026-01-05')]
  return {
    volunteerId,
    name: '张护士',
    phoneMasked: '138****1234',
    from: '2026-01-01',
    to: '2026-01-31',
    hours: services.reduce((s, x) => s + x.hours, 0),
    issuerUnitId: 'c',
    issuer: '县新时代文明实践中心',
    issuedAt: at(0),
    ...over,
    services,
    fingerprint: fingerprintOf(services),
  }
}

const PREFIX = 'ZY-C-2026'

export function certificatesContract(make: MakeStores): void {
  describe('certificates', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('issue numbers each prefix from 1; the same period and record is answered again; get and list read them back', async () => {
      const first = await stores.certificates.issue(makeDraft('v-1'), PREFIX, certificateFileName)
      expect(first).toMatchObject({ created: true, superseded: [] })
      expect(first.certificate).toMatchObject({ serial: 'ZY-C-2026-000001', fileRef: 'ZY-C-2026-000001.pdf', status: 'valid', hours: 2 })
      const again = await stores.certificates.issue(makeDraft('v-1', { issuedAt: at(5) }), PREFIX, certificateFileName)
      expect(again).toEqual({ certificate: first.certificate, created: false, superseded: [] })
      const other = await stores.certificates.issue(makeDraft('v-2', { issuedAt: at(10) }), PREFIX, certificateFileName)
      expect(other.certificate.serial).toBe('ZY-C-2026-000002')
      const nextYear = await stores.certificates.issue(makeDraft('v-2', { from: '2027-01-01', to: '2027-01-02', issuedAt: at(20) }), 'ZY-C-2027', certificateFileName)
      expect(nextYear.certificate.serial).toBe('ZY-C-2027-000001')
      expect(await stores.certificates.getCertificate('ZY-C-2026-000001')).toEqual(first.certificate)
      expect(await stores.certificates.getCertificate('ZY-C-2026-000404')).toBeNull()
      expect((await stores.certificates.listOfVolunteer('v-2', 10)).map((c) => c.serial)).toEqual(['ZY-C-2027-000001', 'ZY-C-2026-000002'])
      expect((await stores.certificates.listOfVolunteer('v-2', 1)).map((c) => c.serial)).toEqual(['ZY-C-2027-000001'])
      expect(await stores.certificates.listOfVolunteer('v-none', 10)).toEqual([])
    })

    test('a corrected record supersedes the overlapping certificates whose days differ, and leaves the others valid', async () => {
      const january = await stores.certificates.issue(makeDraft('v-1', { services: [service('o-1', '2026-01-05'), service('o-2', '2026-01-20')] }), PREFIX, certificateFileName)
      const lateJanuary = await stores.certificates.issue(
        makeDraft('v-1', { from: '2026-01-15', to: '2026-01-31', services: [service('o-2', '2026-01-20')], issuedAt: at(1) }),
        PREFIX,
        certificateFileName,
      )
      expect(lateJanuary.superseded).toEqual([])
      // 1月5日's hours corrected (approved 1 more): January is superseded, late January (other days) stays valid
      const corrected = await stores.certificates.issue(
        makeDraft('v-1', { from: '2026-01-01', to: '2026-01-10', services: [service('o-1', '2026-01-05', 3)], issuedAt: at(2) }),
        PREFIX,
        certificateFileName,
      )
      expect(corrected).toMatchObject({ created: true, superseded: [january.certificate.serial] })
      expect(await stores.certificates.getCertificate(january.certificate.serial)).toMatchObject({
        status: 'superseded',
        supersededBy: corrected.certificate.serial,
        supersededAt: at(2),
      })
      expect((await stores.certificates.getCertificate(lateJanuary.certificate.serial))?.status).toBe('valid')
      // a superseded certificate is never reused
      const januaryAgain = await stores.certificates.issue(makeDraft('v-1', { services: [service('o-1', '2026-01-05'), service('o-2', '2026-01-20')], issuedAt: at(3) }), PREFIX, certificateFileName)
      expect(januaryAgain.created).toBe(true)
    })

    test('revoke moves a certificate to revoked once, keeping who, when and why; an unknown serial is null; a revoked one is not reused', async () => {
      const { certificate } = await stores.certificates.issue(makeDraft('v-1'), PREFIX, certificateFileName)
      const revoked = await stores.certificates.revoke(certificate.serial, { userId: 'm-1', at: at(9), reason: '时长有误' })
      expect(revoked).toEqual({ certificate: { ...certificate, status: 'revoked', revokedAt: at(9), revokedBy: 'm-1', revokeReason: '时长有误' }, changed: true })
      const again = await stores.certificates.revoke(certificate.serial, { userId: 'm-2', at: at(10), reason: '别的' })
      expect(again).toEqual({ certificate: revoked!.certificate, changed: false })
      expect(await stores.certificates.getCertificate(certificate.serial)).toEqual(revoked!.certificate)
      expect(await stores.certificates.revoke('ZY-C-2026-000404', { userId: 'm-1', at: at(9), reason: 'x' })).toBeNull()
      const reissued = await stores.certificates.issue(makeDraft('v-1', { issuedAt: at(11) }), PREFIX, certificateFileName)
      expect(reissued).toMatchObject({ created: true, certificate: { serial: 'ZY-C-2026-000002' } })
    })

    test('parallel issues under one prefix take distinct, consecutive numbers; parallel issues of one record make one certificate', async () => {
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => stores.certificates.issue(makeDraft(`v-${i}`), PREFIX, certificateFileName)))
      expect(results.map((r) => r.certificate.serial).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `ZY-C-2026-${String(i + 1).padStart(6, '0')}`))
      const same = await Promise.all(Array.from({ length: 4 }, () => stores.certificates.issue(makeDraft('v-same'), PREFIX, certificateFileName)))
      expect(new Set(same.map((r) => r.certificate.serial)).size).toBe(1)
      expect(same.filter((r) => r.created)).toHaveLength(1)
    })
  })
}
