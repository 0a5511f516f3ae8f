import { AppError, fail } from '~core/errors'
import { availableActions } from '~core/lifecycle'
import { newOrder } from '~core/orders'
import { recommendTeams } from '~core/recommend'
import { canView, relationsOf, managesUnitPath, type Actor } from '~core/relations'
import type { OrderView, Page, Order, User } from '~types'
import { type Call, defineFunction } from '../shared/define'
import { keyedId, newId } from '../shared/ids'
import { runTransition, viewFor } from './transition'

const PAGE_SIZE = 20

function requireManager(user: User): string {
  if (!(user.roles.includes('manager') || user.roles.includes('admin')) || !user.managedUnitId) {
    fail('FORBIDDEN', '只有实践中心（所、站）管理员可以查看派单台')
  }
  return user.managedUnitId!
}

function views(actor: Actor, page: Page<Order>): Page<OrderView> {
  return { items: page.items.map((o) => viewFor(actor, o, [])), nextCursor: page.nextCursor }
}

async function loadVisible(call: Call, orderId: string) {
  const user = await call.user()
  const { order, teams } = await call.deps.orders.loadOrder(orderId, { teamIds: user.teamIds })
  if (!order) throw new AppError('NOT_FOUND', '订单不存在')
  const actor: Actor = { kind: 'user', user }
  const relations = relationsOf(actor, order, teams)
  if (!canView(relations)) fail('FORBIDDEN', '您无权查看这张订单')
  return { user, actor, order, teams, relations }
}

export const orderFunction = defineFunction('order', {
  async place(input, call) {
    const { deps } = call
    const { policy } = deps
    const user = await call.user()
    let menuItem = null
    if (input.menuItemId) {
      menuItem = await deps.catalog.getMenuItem(input.menuItemId)
      if (!menuItem) fail('NOT_FOUND', '所选服务菜单不存在')
    } else {
      const themes = await deps.catalog.listThemes()
      if (!themes.some((t) => t.id === input.themeId)) fail('NOT_FOUND', '所选服务主题不存在')
    }
    const id = input.requestId ? keyedId('o', user.id, input.requestId) : newId('o')
    const order = newOrder({ id, input, user, menuItem, policy: policy.points, now: call.now })
    const stored = await deps.orders.insertOrder(order)
    return { order: viewFor({ kind: 'user', user }, stored.order, []) }
  },

  async get(input, call) {
    const { actor, order, teams } = await loadVisible(call, input.orderId)
    return { order: viewFor(actor, order, teams), actions: availableActions(order, actor, teams) }
  },

  async listMine(input, call) {
    const user = await call.user()
    const page = await call.deps.orders.listOrders({ kind: 'owner', ownerId: user.id }, { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE })
    return views({ kind: 'user', user }, page)
  },

  async queue(input, call) {
    const user = await call.user()
    const unitId = requireManager(user)
    const page = await call.deps.orders.listOrders(
      { kind: 'queue', unitId, statuses: ['placed'] },
      { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE },
    )
    return views({ kind: 'user', user }, page)
  },

  async tasks(input, call) {
    const user = await call.user()
    if (!user.roles.includes('volunteer')) fail('FORBIDDEN', '加入志愿服务队后才能接单')
    const page = await call.deps.orders.listOrders(
      { kind: 'tasks', teamIds: user.teamIds, volunteerId: user.id },
      { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE },
    )
    return views({ kind: 'user', user }, page)
  },

  async recommend(input, call) {
    const { user, order } = await loadVisible(call, input.orderId)
    if (!managesUnitPath(user, order.unitPath)) fail('FORBIDDEN', '只有承办单位（或上级）管理员可以派单')
    const teams = await call.deps.catalog.listTeams({ themeId: order.themeId })
    const stats = await call.deps.catalog.teamStats(teams.map((t) => t.id))
    return { recommendations: recommendTeams(order, teams, stats) }
  },

  dispatch: async (input, call) => ({ order: (await runTransition(call, 'dispatch', input, input.teamIds)).order }),
  escalate: async (input, call) => ({ order: (await runTransition(call, 'escalate', input)).order }),
  recall: async (input, call) => ({ order: (await runTransition(call, 'recall', input)).order }),
  decline: async (input, call) => ({ order: (await runTransition(call, 'decline', input)).order }),
  reject: async (input, call) => ({ order: (await runTransition(call, 'reject', input)).order }),
  cancel: async (input, call) => ({ order: (await runTransition(call, 'cancel', input)).order }),
  claim: async (input, call) => ({ order: (await runTransition(call, 'claim', input)).order }),
  unclaim: async (input, call) => ({ order: (await runTransition(call, 'unclaim', input)).order }),
  complete: async (input, call) => ({ order: (await runTransition(call, 'complete', input)).order }),
  rate: (input, call) => runTransition(call, 'rate', input),
})
