import {
  CHINA_OFFSET_MS,
  type Certificate,
  type CertificateListing,
  type CertificateService,
  type CertificateVerification,
  type HoursStatus,
  type Order,
  type OrgUnit,
  type ServiceRecord,
  type ServiceTotals,
  type User,
} from '~types'
import { CERTIFICATES } from './config'
import { creditedHours } from './hours'
import { maskPhone } from './privacy'

/**
 * 志愿服务证明 (issue 10): which services a certificate states, its serial, what supersedes what, and what anyone may
 * read of it. Pure: the certificate function reads the records, this decides, the certificates port stores.
 */

const SERVED = new Set<Order['status']>(['completed', 'rated', 'closed'])

/** The China-time day of an instant, YYYY-MM-DD. */
export function chinaDate(at: string): string {
  return new Date(Date.parse(at) + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The China-time year of an instant. */
export const chinaYear = (at: string): number => Number(chinaDate(at).slice(0, 4))

/** A unit's name without the 新时代文明实践中心/所/站 tail: 滩尾村新时代文明实践站 → 滩尾村. */
export function shortUnitName(name: string): string {
  return name.replace(/新时代文明实践(中心|所|站)$/, '') || name
}

/** 张护士 → 张**, 欧阳娜娜 → 欧***: the first character only (a surrogate pair counts as one). */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length === 0) return '*'
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1))
}

/** A unit's code in a serial: its id without the `unit-` prefix, letters and digits only, upper case, ≤ 12. */
export function unitCode(unitId: string): string {
  const code = unitId.replace(/^unit-/, '').replace(/[^A-Za-z0-9]/g, '').toUpperCase().slice(0, 12)
  return code || 'UNIT'
}

/** The part of a serial a unit's yearly sequence counts under: ZY-CENTER-2026. */
export const serialPrefix = (issuerUnitId: string, issuedAt: string) => `ZY-${unitCode(issuerUnitId)}-${chinaYear(issuedAt)}`

export const formatSerial = (prefix: string, sequence: number) => `${prefix}-${String(sequence).padStart(CERTIFICATES.sequenceDigits, '0')}`

/** What a serial looks like (public.verifyCertificate refuses anything else before reading). */
export const SERIAL_PATTERN = /^ZY-[A-Z0-9]{1,12}-\d{4}-\d{6,}$/

/** The issuing unit: the center at the top of the tree (the volunteer's own path first). */
export function issuerOf(user: User, units: ReadonlyMap<string, OrgUnit>): OrgUnit | null {
  const top = user.unitPath[0] ? units.get(user.unitPath[0]) : undefined
  if (top) return top
  return [...units.values()].find((u) => u.level === 'center') ?? null
}

type Served = { order: Order; claim: Order['claims'][number] }

function servedBy(orders: readonly Order[], volunteerId: string): Served[] {
  const out: Served[] = []
  for (const order of orders) {
    if (!SERVED.has(order.status) || !order.completion) continue
    const claim = order.claims.find((c) => c.volunteerId === volunteerId)
    if (claim) out.push({ order, claim })
  }
  return out.sort((a, b) => (a.order.completion!.at < b.order.completion!.at ? -1 : a.order.completion!.at > b.order.completion!.at ? 1 : a.order.id < b.order.id ? -1 : 1))
}

function placeOf(order: Order, units: ReadonlyMap<string, OrgUnit>): string {
  const place = order.completion?.place?.trim()
  if (place) return place
  const village = units.get(order.originPath[order.originPath.length - 1] ?? '') ?? units.get(order.orgUnitId)
  return village ? shortUnitName(village.name) : ''
}

const organizerOf = (order: Order, units: ReadonlyMap<string, OrgUnit>) => units.get(order.orgUnitId)?.name ?? ''

/** 我的服务记录: every served order the volunteer claimed, oldest first, with its hours' fate. */
export function serviceRecords(orders: readonly Order[], volunteerId: string, units: ReadonlyMap<string, OrgUnit>): ServiceRecord[] {
  return servedBy(orders, volunteerId).map(({ order, claim }) => {
    const h = claim.hours ?? null
    const status: HoursStatus | null = h?.status ?? null
    return {
      orderId: order.id,
      date: chinaDate(order.completion!.at),
      content: order.title,
      place: placeOf(order, units),
      organizer: organizerOf(order, units),
      reported: h?.reported ?? order.completion!.hours,
      credited: creditedHours(claim),
      status,
      ...(h?.reason ? { reason: h.reason } : {}),
    }
  })
}

const round = (n: number) => Math.round(n * 100) / 100

export function serviceTotals(records: readonly ServiceRecord[]): ServiceTotals {
  const sum = (status: HoursStatus, field: 'credited' | 'reported') => round(records.filter((r) => r.status === status).reduce((s, r) => s + r[field], 0))
  const verified = sum('verified', 'credited')
  const approved = sum('approved', 'credited')
  return { services: records.length, credited: round(verified + approved), verified, approved, pending: sum('pending', 'reported'), rejected: sum('rejected', 'reported') }
}

/** The credited services of a volunteer within [from, to] (China-time days, both included): what a certificate states. */
export function creditedServices(records: readonly ServiceRecord[], from: string | null, to: string): CertificateService[] {
  return records
    .filter((r) => r.credited > 0 && (r.status === 'verified' || r.status === 'approved') && (from === null || r.date >= from) && r.date <= to)
    .map((r) => ({ orderId: r.orderId, date: r.date, content: r.content, place: r.place, organizer: r.organizer, hours: r.credited, kind: r.status as 'verified' | 'approved' }))
}

/**
 * The period a certificate covers: the days asked for, or from the first credited service (the issue day when there is
 * none) to the issue day; a `to` after the issue day is the issue day (a certificate never vouches for the future).
 */
export function certificatePeriod(asked: { from?: string; to?: string }, records: readonly ServiceRecord[], issuedAt: string): { from: string; to: string } {
  const today = chinaDate(issuedAt)
  const to = asked.to && asked.to < today ? asked.to : today
  const first = records.find((r) => r.credited > 0)?.date
  const from = asked.from ?? (first && first <= to ? first : to)
  return { from, to }
}

/** What tells a correction from the same record: every service's order, day, hours and kind, in order. */
export function fingerprintOf(services: readonly CertificateService[]): string {
  return services.map((s) => `${s.orderId}|${s.date}|${s.hours}|${s.kind}`).join(';')
}

export const totalHours = (services: readonly CertificateService[]) => round(services.reduce((s, x) => s + x.hours, 0))

/** A certificate before the store gives it its serial. */
export type CertificateDraft = Omit<Certificate, 'serial' | 'fileRef' | 'status'>

export function certificateDraft(p: {
  user: User
  issuer: OrgUnit
  period: { from: string; to: string }
  services: CertificateService[]
  issuedAt: string
}): CertificateDraft {
  return {
    volunteerId: p.user.id,
    name: p.user.name,
    phoneMasked: p.user.phone ? maskPhone(p.user.phone) : '',
    from: p.period.from,
    to: p.period.to,
    services: p.services,
    hours: totalHours(p.services),
    issuerUnitId: p.issuer.id,
    issuer: p.issuer.name,
    issuedAt: p.issuedAt,
    fingerprint: fingerprintOf(p.services),
  }
}

/** The file of a certificate in the file storage (a bare name, derived from the serial). */
export const certificateFileName = (serial: string) => `${serial}.pdf`

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from <= b.to && b.from <= a.to

/** The services of a certificate that fall on the days [from, to]. */
const within = (services: readonly CertificateService[], from: string, to: string) => services.filter((s) => s.date >= from && s.date <= to)

/**
 * What issuing `draft` does to the volunteer's valid certificates (read in the same write that issues it):
 * - one with the same period and the same record (fingerprint) is the answer again: no new serial (a retry, a second
 *   tap, another download the same day);
 * - otherwise a new serial, and every valid certificate whose period overlaps the new one and whose services on the
 *   overlapping days differ from the new one's on those days is superseded by it (the record was corrected: hours
 *   approved or rejected since, a service added). One whose overlapping days say the same stays valid (a month's
 *   certificate inside an unchanged year's).
 */
export function planIssue(draft: CertificateDraft, valid: readonly Certificate[]): { reuse: Certificate } | { supersede: string[] } {
  const same = valid.find((c) => c.from === draft.from && c.to === draft.to && c.fingerprint === draft.fingerprint)
  if (same) return { reuse: same }
  const supersede = valid
    .filter((c) => overlaps(c, draft))
    .filter((c) => {
      const from = c.from > draft.from ? c.from : draft.from
      const to = c.to < draft.to ? c.to : draft.to
      return fingerprintOf(within(c.services, from, to)) !== fingerprintOf(within(draft.services, from, to))
    })
    .map((c) => c.serial)
  return { supersede }
}

/** What anyone holding the serial may read. */
export function verificationOf(c: Certificate): CertificateVerification {
  return {
    serial: c.serial,
    name: maskName(c.name),
    hours: c.hours,
    services: c.services,
    from: c.from,
    to: c.to,
    issuer: c.issuer,
    issuedAt: c.issuedAt,
    status: c.status,
    ...(c.status === 'revoked' ? { revokedAt: c.revokedAt, revokeReason: c.revokeReason } : {}),
    ...(c.status === 'superseded' ? { supersededBy: c.supersededBy } : {}),
  }
}

export function listingOf(c: Certificate): CertificateListing {
  return { serial: c.serial, from: c.from, to: c.to, hours: c.hours, issuedAt: c.issuedAt, status: c.status, ...(c.supersededBy ? { supersededBy: c.supersededBy } : {}) }
}

/** Who may revoke: admins, and managers of the issuing unit (the county center). */
export function mayRevoke(user: User, c: Pick<Certificate, 'issuerUnitId'>): boolean {
  return user.roles.includes('admin') || (user.roles.includes('manager') && user.managedUnitId === c.issuerUnitId)
}
