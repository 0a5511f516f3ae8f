/** Builders of domain records with sane defaults, for the store contract and adapter tests. */
import type { ImportData } from '~core/ports'
import { order } from '~test/support/order-fixture'
import type {
  Claim,
  LedgerEntry,
  Membership,
  MenuItem,
  Order,
  OrgUnit,
  Page,
  Team,
  Theme,
  User,
} from '~types'

let counter = 0
/** A fresh id, unique within the test run. */
export function nextId(prefix: string): string {
  counter += 1
  return `${prefix}-${String(counter).padStart(5, '0')}`
}

const T0 = Date.parse('2026-01-01T00:00:00.000Z')
/** ISO time `minutes` after 2026-01-01T00:00Z. */
export function at(minutes: number): string {
  return new Date(T0 + minutes * 60_000).toISOString()
}

/** The test county: center c; institutes i1, i2; stations s11, s12 (under i1) and s21 (under i2). */
export const UNITS: OrgUnit[] = [
  { id: 'c', name: '县新时代文明实践中心', level: 'center', parentId: null, path: ['c'] },
  { id: 'i1', name: '东镇实践所', level: 'institute', parentId: 'c', path: ['c', 'i1'] },
  { id: 'i2', name: '西镇实践所', level: 'institute', parentId: 'c', path: ['c', 'i2'] },
  { id: 's11', name: '东一村实践站', level: 'station', parentId: 'i1', path: ['c', 'i1', 's11'] },
  { id: 's12', name: '东二村实践站', level: 'station', parentId: 'i1', path: ['c', 'i1', 's12'] },
  { id: 's21', name: '西一村实践站', level: 'station', parentId: 'i2', path: ['c', 'i2', 's21'] },
]

export function pathOf(unitId: string): string[] {
  const unit = UNITS.find((u) => u.id === unitId)
  if (!unit) throw new Error(`no test unit ${unitId}`)
  return [...unit.path]
}

export function makeTheme(over: Partial<Theme> = {}): Theme {
  return { id: nextId('theme'), name: '理论宣讲', seedNamed: true, sort: 1, ...over }
}

export function makeUser(over: Partial<User> = {}): User {
  const id = over.id ?? nextId('user')
  const orgUnitId = over.orgUnitId === undefined ? 's11' : over.orgUnitId
  return {
    id,
    openid: `openid-${id}`,
    name: '张三',
    phone: '13800000000',
    roles: ['resident'],
    orgUnitId,
    unitPath: orgUnitId ? pathOf(orgUnitId) : [],
    managedUnitId: null,
    teamIds: [],
    createdAt: at(0),
    ...over,
  }
}

export function makeTeam(over: Partial<Team> = {}): Team {
  return {
    id: nextId('team'),
    name: '文艺志愿服务队',
    themeIds: [],
    orgUnitId: 's11',
    leaderId: null,
    memberIds: [],
    description: '',
    ...over,
  }
}

export function makeMenuItem(over: Partial<MenuItem> = {}): MenuItem {
  return {
    id: nextId('item'),
    title: '健康义诊',
    description: '',
    themeId: 'theme-none',
    orgUnitId: 's11',
    points: 10,
    active: true,
    ...over,
  }
}

export function makeMembership(over: Partial<Membership> & { teamId: string; userId: string }): Membership {
  return {
    id: `${over.teamId}:${over.userId}`,
    userName: '李四',
    status: 'pending',
    appliedAt: at(0),
    approvedAt: null,
    approvedBy: null,
    ...over,
  }
}

/** An order of the test county (station s11 unless given), placed by 王五, with a fresh id and an empty timeline. */
export function makeOrder(over: Partial<Order> = {}): Order {
  const unitPath = pathOf(over.orgUnitId ?? 's11')
  const createdAt = over.createdAt ?? at(0)
  return order({
    id: nextId('order'),
    title: '帮忙修理水管',
    need: '家里水管漏水',
    themeId: 'theme-none',
    menuItemId: null,
    phone: '13800000000',
    address: '东一村3组',
    ownerId: 'owner-none',
    ownerName: '王五',
    unitPath,
    timeline: [],
    createdAt,
    ...over,
  })
}

/** The order one version later with `patch` applied: what a lifecycle transition hands to the store. */
export function advance(order: Order, patch: Partial<Order> = {}): Order {
  return { ...order, updatedAt: at(60), ...patch, version: order.version + 1 }
}

export function claimBy(volunteerId: string, minutes = 30, unitId = 's11'): Claim {
  return { volunteerId, name: '志愿者', at: at(minutes), unitPath: pathOf(unitId) }
}

export function makeEntry(over: Partial<LedgerEntry> & { userId: string }): LedgerEntry {
  return {
    id: nextId('entry'),
    delta: 10,
    hours: 1,
    reason: '服务奖励',
    orderId: null,
    unitPath: pathOf('s11'),
    at: at(0),
    by: 'system',
    ...over,
  }
}

/** A small county to import: units, three themes, menu items, teams, users and a membership. */
export function makeImport(): ImportData & { ids: Record<string, string> } {
  const themes = [
    makeTheme({ id: 'th-b', name: '助老', sort: 2 }),
    makeTheme({ id: 'th-a', name: '宣讲', sort: 1 }),
    makeTheme({ id: 'th-c', name: '文体', sort: 3, seedNamed: false }),
  ]
  const leader = makeUser({ id: 'imp-leader', roles: ['resident', 'volunteer', 'leader'], teamIds: ['imp-team-1'] })
  const resident = makeUser({ id: 'imp-resident', orgUnitId: 's21' })
  const teams = [
    makeTeam({ id: 'imp-team-1', name: 'B队', themeIds: ['th-a', 'th-b'], orgUnitId: 's11', leaderId: leader.id, memberIds: [leader.id] }),
    makeTeam({ id: 'imp-team-2', name: 'A队', themeIds: ['th-b'], orgUnitId: 'i1' }),
    makeTeam({ id: 'imp-team-3', name: 'C队', themeIds: ['th-c'], orgUnitId: 's21' }),
  ]
  const menuItems = [
    makeMenuItem({ id: 'imp-item-1', title: 'b 助老理发', themeId: 'th-b', orgUnitId: 's11' }),
    makeMenuItem({ id: 'imp-item-2', title: 'a 助老义诊', themeId: 'th-b', orgUnitId: 'i1', active: false }),
    makeMenuItem({ id: 'imp-item-3', title: 'c 政策宣讲', themeId: 'th-a', orgUnitId: 'c' }),
    makeMenuItem({ id: 'imp-item-4', title: 'd 广场舞', themeId: 'th-c', orgUnitId: 's21' }),
  ]
  const memberships = [
    makeMembership({ teamId: 'imp-team-1', userId: leader.id, status: 'active', approvedAt: at(1), approvedBy: 'admin' }),
  ]
  return {
    units: UNITS.map((u) => ({ ...u, path: [...u.path] })),
    themes,
    menuItems,
    teams,
    users: [leader, resident],
    memberships,
    ids: { leader: leader.id, resident: resident.id },
  }
}

/** Follows nextCursor to the end; fails on a runaway cursor. */
export async function collectPages<T>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  maxPages = 100,
): Promise<T[][]> {
  const pages: T[][] = []
  let cursor: string | undefined
  for (;;) {
    const page = await fetch(cursor)
    pages.push(page.items)
    if (page.nextCursor === null) return pages
    if (pages.length >= maxPages) throw new Error('pagination did not end')
    cursor = page.nextCursor
  }
}

export const ids = (xs: Array<{ id: string }>) => xs.map((x) => x.id)
export const sortedIds = (xs: Array<{ id: string }>) => ids(xs).sort()

/** The rate-limit race of test/store/sqlite.test.ts: hits per racing process, and the bucket's limit. */
export const HITS = 15
export const HIT_LIMIT = 25
