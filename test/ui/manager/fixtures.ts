import type { OrderItem, OrderView } from '~types/api'
import { DEFAULT_LIMITS } from '~core/config'
import { item, orderView } from '~test/support/order-fixture'
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

/** 王大爷's order at 滩尾村 (unit-tanwei), placed three hours ago. */
export function makeOrder(over: Partial<OrderView> = {}): OrderView {
  return orderView({
    title: '上门量血压',
    need: '老人行动不便，想请人上门量血压',
    themeId: 'theme-health',
    menuItemId: 'menu-01',
    basePoints: 5,
    beneficiaryCount: 2,
    ownerId: 'u-r',
    unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'],
    createdAt: hoursAgo(3),
    ...over,
  })
}

/** The order as the 派单台 lists it, waiting to be dispatched. */
export function makeItem(over: Partial<OrderView> = {}): OrderItem {
  return item(makeOrder(over), ['dispatch', 'escalate', 'reject'])
}

export function hoursAgo(h: number): string {
  return new Date(Date.now() - h * HOUR).toISOString()
}

/** A unit's limits in force as catalog.limits answers (all inherited from the center unless given). */
export function effectiveLimits(unitId: string, limits: Partial<UnitLimits> = {}): EffectiveLimits {
  const all: UnitLimits = { ...DEFAULT_LIMITS, ...limits }
  const sources = Object.fromEntries(Object.keys(all).map((k) => [k, k in limits ? unitId : 'unit-center'])) as EffectiveLimits['sources']
  return { unitId, limits: all, sources, own: limits }
}
