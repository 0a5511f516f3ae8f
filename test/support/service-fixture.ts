/**
 * Served orders whose claims already carry their hours' fate (ClaimHours), as check-in/out and hour approval record
 * it at completion: the records 我的服务记录 and the certificates are made from, without running those flows.
 */
import type { Claim, ClaimHours, HoursStatus, Order } from '~types'
import { order } from './order-fixture'

export interface ServiceSpec {
  id: string
  /** the volunteer's id and name */
  volunteer: { id: string; name: string }
  /** completion time (ISO) */
  at: string
  hours: number
  status: HoursStatus
  title?: string
  place?: string
  /** unit path of the handling unit (the village the order came from is its last unit) */
  unitPath?: string[]
  /** other claimers on the same order */
  others?: Array<{ id: string; name: string; hours: ClaimHours }>
}

export function hoursOf(status: HoursStatus, reported: number, extra: Partial<ClaimHours> = {}): ClaimHours {
  const credited = status === 'verified' || status === 'approved' ? reported : 0
  return { reported, status, credited, ...(status === 'approved' || status === 'rejected' ? { decidedBy: 'manager', decidedAt: extra.decidedAt ?? '', reason: status === 'approved' ? '现场照片为证' : '未到场' } : {}), ...extra }
}

/** A served (rated) order of `spec`: the volunteer's claim carries `hours` with `status`. */
export function servedOrder(spec: ServiceSpec): Order {
  const unitPath = spec.unitPath ?? ['unit-center', 'unit-suxi', 'unit-tanwei']
  const claim = (id: string, name: string, hours: ClaimHours): Claim => ({ volunteerId: id, name, at: spec.at, unitPath, checkInAt: null, checkOutAt: null, hours })
  const claims = [claim(spec.volunteer.id, spec.volunteer.name, hoursOf(spec.status, spec.hours)), ...(spec.others ?? []).map((o) => claim(o.id, o.name, o.hours))]
  const createdAt = new Date(Date.parse(spec.at) - 86400_000).toISOString()
  return order({
    id: spec.id,
    unitPath,
    orgUnitId: unitPath[unitPath.length - 1],
    originPath: unitPath,
    title: spec.title ?? '健康义诊',
    status: 'rated',
    createdAt,
    updatedAt: spec.at,
    teamIds: ['team-health'],
    capacity: claims.length,
    claims,
    completion: { hours: spec.hours, beneficiaryCount: 3, note: '', by: spec.volunteer.id, at: spec.at, ...(spec.place ? { place: spec.place } : {}) },
    rating: { stars: 5, comment: '', at: spec.at },
  })
}
