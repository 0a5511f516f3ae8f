import { serviceRecords } from '~core/certificates'
import type { Order, OrgUnit, ServiceRecord, User } from '~types'
import type { Deps } from './deps'
import { unitTree } from './units'

/** Orders read per page: CloudBase's largest page. */
const PAGE = 100
/** A volunteer's orders read at most (50 pages): a lifetime of services, bounded. */
const MAX_ORDERS = 5000

/**
 * Every served order the volunteer claimed (the claims index: orders.listOrders `tasks` without teams), and the unit
 * tree: what 我的服务记录 shows and what a certificate states. One query per 100 orders.
 */
export async function loadServiceRecords(deps: Pick<Deps, 'orders' | 'catalog'>, user: User): Promise<{ records: ServiceRecord[]; units: Map<string, OrgUnit> }> {
  const orders: Order[] = []
  const tree = unitTree(deps.catalog)
  let cursor: string | undefined
  do {
    const page = await deps.orders.listOrders({ kind: 'tasks', teamIds: [], volunteerId: user.id }, { cursor, limit: PAGE })
    orders.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor && orders.length < MAX_ORDERS)
  const units = new Map((await tree).map((u) => [u.id, u]))
  return { records: serviceRecords(orders, user.id, units), units }
}
