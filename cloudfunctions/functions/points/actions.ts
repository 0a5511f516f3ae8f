import { listingOf, serviceTotals } from '~core/certificates'
import { EXPORTS, HONOURS_MAX_ORDERS, HONOURS_ROWS } from '~core/config'
import { fail } from '~core/errors'
import { honoursFrom } from '~core/honours'
import { type Order, PAGE_SIZE } from '~types'
import { defineFunction } from '../shared/define'
import { currentMonth, monthRange } from '../shared/period'
import { loadServiceRecords } from '../shared/service-records'
import { unitTree } from '../shared/units'

export const pointsFunction = defineFunction('points', {
  async balance(_input, call) {
    const user = await call.user()
    return call.deps.ledger.getBalance(user.id)
  },

  async ledger(input, call) {
    const user = await call.user()
    return call.deps.ledger.listLedger(user.id, { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE })
  },

  async leaderboard(input, call) {
    const { deps } = call
    const user = await call.user()
    const unitId = input.unitId ?? user.managedUnitId ?? user.unitPath[user.unitPath.length - 1]
    if (!unitId) fail('INVALID_INPUT', '请选择要查看的单位')
    const month = input.month ?? currentMonth(call.deps.clock())
    const entries = await deps.ledger.leaderboard({ unitId, ...monthRange(month), limit: input.limit ?? PAGE_SIZE })
    const users = await deps.users.getUsers(entries.map((e) => e.userId))
    const names = new Map(users.map((u) => [u.id, u.name]))
    const rows = entries.map((e, i) => ({ rank: i + 1, userId: e.userId, name: names.get(e.userId) ?? '志愿者', points: e.points, hours: e.hours }))
    return { unitId, month, rows }
  },
  /** 我的服务记录: every service the caller delivered with its hours' fate, the totals, and their certificates. */
  async serviceRecords(_input, call) {
    const user = await call.user()
    const [{ records }, certificates] = await Promise.all([loadServiceRecords(call.deps, user), call.deps.certificates.listOfVolunteer(user.id, 50)])
    return { services: [...records].reverse(), totals: serviceTotals(records), certificates: certificates.map(listingOf) }
  },

  /**
   * The year's honours of a unit's subtree (default: the caller's managed unit, else their station): one bounded,
   * indexed read of the orders placed in the year (orders.listPeriod, pages of EXPORTS.pageSize, at most
   * HONOURS_MAX_ORDERS), ranked in core/honours.ts. Open to everyone signed in, like the month's leaderboard.
   */
  async honors(input, call) {
    const { deps } = call
    const user = await call.user()
    const unitId = input.unitId ?? user.managedUnitId ?? user.unitPath[user.unitPath.length - 1]
    if (!unitId) fail('INVALID_INPUT', '请选择要查看的单位')
    const tree = await unitTree(deps.catalog)
    const units = new Map(tree.map((u) => [u.id, u]))
    if (!units.has(unitId)) fail('NOT_FOUND', '单位不存在')
    const period = { unitId, ...yearOf(input.year) }
    const orders: Order[] = []
    let cursor: string | undefined
    let truncated = false
    for (;;) {
      const page = await deps.orders.listPeriod(period, { cursor, limit: EXPORTS.pageSize })
      orders.push(...page.items)
      if (!page.nextCursor) break
      if (orders.length >= HONOURS_MAX_ORDERS) {
        truncated = true
        break
      }
      cursor = page.nextCursor
    }
    const teamIds = [...new Set(orders.flatMap((o) => o.teamIds))]
    const teams = teamIds.length > 0 ? await deps.catalog.listTeams({ ids: teamIds }) : []
    const ranked = honoursFrom(orders, units, new Map(teams.map((t) => [t.id, t.name])), HONOURS_ROWS)
    return { unitId, year: input.year, ...ranked, ordersRead: orders.length, truncated }
  },
})

function yearOf(year: number): { from: string; to: string } {
  return { from: monthRange(`${year}-01`).from, to: monthRange(`${year + 1}-01`).from }
}
