import { listingOf, serviceTotals } from '~core/certificates'
import { fail } from '~core/errors'
import { PAGE_SIZE } from '~types'
import { defineFunction } from '../shared/define'
import { currentMonth, monthRange } from '../shared/period'
import { loadServiceRecords } from '../shared/service-records'

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
})
