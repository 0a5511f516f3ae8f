import type { OrderView } from '~types/api'
import type { EffectiveLimits, OrgUnit, Profile, UnitLimits } from '~types/domain'

export const managerProfile: Profile = {
  id: 'u-m',
  openid: 'demo-manager-suxi',
  name: '陈主任',
  phone: '13900000000',
  roles: ['resident', 'manager'],
  orgUnitId: null,
  managedUnitId: 'unit-suxi',
  teamIds: [],
}

export const tree: OrgUnit[] = [
  { id: 'unit-center', name: '示范县新时代文明实践中心', level: 'center', parentId: null, path: ['unit-center'] },
  { id: 'unit-suxi', name: '苏溪镇新时代文明实践所', level: 'institute', parentId: 'unit-center', path: ['unit-center', 'unit-suxi'] },
  {
    id: 'unit-tanwei',
    name: '滩尾村新时代文明实践站',
    level: 'station',
    parentId: 'unit-suxi',
    path: ['unit-center', 'unit-suxi', 'unit-tanwei'],
  },
]

const HOUR = 3600 * 1000

export function makeOrder(over: Partial<OrderView> = {}): OrderView {
  const createdAt = new Date(Date.now() - 3 * HOUR).toISOString()
  return {
    id: 'o-1',
    status: 'placed',
    version: 1,
    title: '上门量血压',
    need: '老人行动不便，想请人上门量血压',
    themeId: 'theme-health',
    menuItemId: 'menu-01',
    basePoints: 5,
    phone: '13800001234',
    address: '苏溪镇滩尾村三组12号',
    beneficiaryCount: 2,
    preferredAt: null,
    ownerId: 'u-r',
    ownerName: '王大爷',
    onBehalfOf: null,
    orgUnitId: 'unit-tanwei',
    unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'],
    teamIds: [],
    capacity: 1,
    claims: [],
    completion: null,
    rating: null,
    reason: '',
    timeline: [{ at: createdAt, actorId: 'u-r', actorName: '王大爷', action: 'place', from: null, to: 'placed', note: '' }],
    createdAt,
    updatedAt: createdAt,
    contactVisible: true,
    ...over,
  }
}

export const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString()

/** A unit's limits in force as catalog.limits answers (all inherited from the center unless given). */
export function effectiveLimits(unitId: string, limits: Partial<UnitLimits> = {}): EffectiveLimits {
  const all: UnitLimits = {
    remindUndispatchedHours: 24,
    escalateUndispatchedHours: 48,
    remindUnclaimedHours: 24,
    recallUnclaimedHours: 72,
    alertBeforePreferredHours: 24,
    autoCloseDays: 7,
    ...limits,
  }
  const sources = Object.fromEntries(Object.keys(all).map((k) => [k, k in limits ? unitId : 'unit-center'])) as EffectiveLimits['sources']
  return { unitId, limits: all, sources, own: limits }
}
