/**
 * The one order fixture of the test suites: people, teams and orders with sane defaults, the order built by core's
 * own `newOrder` (the `place` row), and the shapes the order API answers with (OrderView, OrderAnswer, OrderItem).
 * Suites give only what their story needs on top.
 */
import { DEFAULT_POLICY } from '~core/config'
import { newOrder } from '~core/orders'
import type { MenuItem, Order, Team, User } from '~types'
import type { OrderAnswer, OrderItem, OrderView, TransitionActionName } from '~types/api'

export const NOW = '2026-03-01T08:00:00.000Z'

export function user(over: Partial<User> = {}): User {
  return {
    id: 'u-1',
    openid: 'o-1',
    name: '测试用户',
    phone: '',
    roles: ['resident'],
    orgUnitId: 'st',
    unitPath: ['c', 'in', 'st'],
    managedUnitId: null,
    teamIds: [],
    createdAt: NOW,
    ...over,
  }
}

export function team(over: Partial<Team> = {}): Team {
  return { id: 't-1', name: '测试队', themeIds: ['health'], orgUnitId: 'st', leaderId: null, memberIds: [], description: '', ...over }
}

/**
 * A freshly placed order as `newOrder` builds it (placed by `ownerId` at the end of `unitPath`, at `createdAt`),
 * with `over` on top: status, claims, timeline … as the story needs.
 */
export function order(over: Partial<Order> = {}): Order {
  const unitPath = over.unitPath ?? ['c', 'in', 'st']
  const orgUnitId = unitPath[unitPath.length - 1]
  const owner = user({ id: over.ownerId ?? 'owner', name: over.ownerName ?? '王大爷', orgUnitId, unitPath })
  const themeId = over.themeId ?? 'health'
  const menuItemId = over.menuItemId === undefined ? 'm-1' : over.menuItemId
  const title = over.title ?? '健康义诊'
  const points = over.basePoints ?? DEFAULT_POLICY.points.defaultBase
  const menuItem: MenuItem | null = menuItemId ? { id: menuItemId, title, description: '', themeId, orgUnitId, points, active: true } : null
  const placed = newOrder({
    id: over.id ?? 'o-1',
    input: {
      ...(menuItem ? { menuItemId: menuItem.id } : { themeId }),
      title,
      need: over.need ?? '量血压',
      address: over.address ?? '苏溪镇滩尾村三组12号',
      phone: over.phone ?? '13800001234',
      beneficiaryCount: over.beneficiaryCount ?? 1,
    },
    user: owner,
    menuItem,
    policy: { ...DEFAULT_POLICY.points, defaultBase: points },
    now: over.createdAt ?? NOW,
  })
  return { ...placed, ...over }
}

/** The order as a viewer sees it (contact shown unless `contactVisible: false`). */
export function orderView(over: Partial<OrderView> = {}): OrderView {
  const { contactVisible = true, ...fields } = over
  const { originPath: _originPath, ...view } = order(fields)
  return { ...view, contactVisible }
}

/** What order.get and an order write answer: the order and what the caller may do with it now. */
export function answer(o: OrderView, actions: TransitionActionName[] = [], reasonRequired: TransitionActionName[] = []): OrderAnswer {
  return { order: o, actions, reasonRequired }
}

/** An order as a list (listMine, queue, tasks) gives it: the view with the caller's offer beside its fields. */
export function item(o: OrderView, actions: TransitionActionName[] = [], reasonRequired: TransitionActionName[] = []): OrderItem {
  return { ...o, actions, reasonRequired }
}
