/**
 * 志愿服务证明 (issue 10): certificates generated from the record, numbered, verifiable by anyone, never edited.
 * A certificate is issued by the county center for a volunteer over a period of China-time days [from, to] (both
 * included) and lists that volunteer's credited services (信用时长 or 补录) in it.
 */
import type { HoursStatus } from './domain'

/**
 * `valid`; `revoked` by a manager of the center with a reason; `superseded` by a later certificate of the same volunteer
 * whose period overlaps it and whose services in the overlapping days differ from its own (a correction of the
 * record): the old one names the serial that replaced it.
 */
export const CERTIFICATE_STATUSES = ['valid', 'revoked', 'superseded'] as const
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number]

export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: '有效',
  revoked: '已撤销',
  superseded: '已被新证明替代',
}

/** The kinds of hours a certificate may show: only credited ones. */
export type CreditedKind = Extract<HoursStatus, 'verified' | 'approved'>

/** One credited service as the certificate states it (a snapshot: later changes to the order never alter it). */
export interface CertificateService {
  orderId: string
  /** the China-time day of the service (its completion), YYYY-MM-DD */
  date: string
  /** what was done: the order's title */
  content: string
  /** where: the activity record's place, else the village (站) the order came from */
  place: string
  /** the organising unit: the unit that handled the order */
  organizer: string
  hours: number
  /** verified (信用时长) or approved (补录) */
  kind: CreditedKind
}

export interface Certificate {
  /** ZY-<unit code>-<year>-<6-digit sequence of that unit and year> */
  serial: string
  volunteerId: string
  /** the volunteer's name as it was at issue; the phone masked (138****1234) */
  name: string
  phoneMasked: string
  /** China-time days, both included */
  from: string
  to: string
  services: CertificateService[]
  /** the sum of the services' hours */
  hours: number
  /** the issuing unit: the county center */
  issuerUnitId: string
  issuer: string
  issuedAt: string
  /** a digest of the services (orderId, date, hours, kind), to tell a correction from the same record */
  fingerprint: string
  /** where the PDF is kept (the file storage's reference) */
  fileRef: string
  status: CertificateStatus
  revokedAt?: string
  revokedBy?: string
  revokeReason?: string
  supersededBy?: string
  supersededAt?: string
}

/** What public.verifyCertificate answers: nothing that identifies the person beyond the masked name. */
export interface CertificateVerification {
  serial: string
  /** 张* */
  name: string
  hours: number
  services: CertificateService[]
  from: string
  to: string
  issuer: string
  issuedAt: string
  status: CertificateStatus
  revokedAt?: string
  revokeReason?: string
  supersededBy?: string
}

/** One service on 我的服务记录: every order the volunteer claimed that was completed, with the fate of its hours. */
export interface ServiceRecord {
  orderId: string
  date: string
  content: string
  place: string
  organizer: string
  /** hours reported at completion for this volunteer */
  reported: number
  /** hours that count (0 unless verified or approved) */
  credited: number
  /** null: completed before hours had a status (issue 10); nothing counts */
  status: HoursStatus | null
  reason?: string
}

export interface ServiceTotals {
  services: number
  /** credited = verified + approved */
  credited: number
  verified: number
  approved: number
  /** reported hours still 待核实, and those 不予认定 */
  pending: number
  rejected: number
}

/** A certificate as its holder lists it. */
export interface CertificateListing {
  serial: string
  from: string
  to: string
  hours: number
  issuedAt: string
  status: CertificateStatus
  supersededBy?: string
}

export interface CertificateAnswer {
  serial: string
  /** where to fetch the PDF (a temporary link on WeChat, /api/certificates/<serial> locally, with the token) */
  url: string
  /** the public verification page the QR code opens */
  verifyUrl: string
  hours: number
  services: CertificateService[]
  from: string
  to: string
  status: CertificateStatus
  /** false: the same period with the same record already had this certificate, and it is answered again */
  created: boolean
  /** serials this one replaced */
  superseded: string[]
}
