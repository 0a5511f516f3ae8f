/**
 * 回头看 (stats.lookBack, issue 11) through the handlers: a month's orders of a unit's subtree without a resolved
 * outcome, grouped (超时未办, 已退回, 群众取消, 差评未回访), each group equal to a recount from the stored orders; the
 * monthly statistics show the same total; a closed 回访 leaves its group; other months and other subtrees stay out;
 * bad input and other people are refused with nothing written.
 */
import type { LookBackAnswer, LookBackReason, Order } from '~types'
import { createHarness, type Harness } from './harness'

const HOUR_MS = 3_600_000
const MARCH = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' }

const storedOrders = (h: Harness) =>
  (h.stores.db.prepare('SELECT doc FROM orders').all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as Order)

/** The groups recounted the plain way from every stored order (the definitions restated: limits 24 h, March 2026). */
function recount(orders: Order[], unitId: string, now: Date): Record<LookBackReason, string[]> {
  const mine = orders.filter((o) => o.unitPath.includes(unitId) && o.createdAt >= '2026-02-28T16:00:00.000Z' && o.createdAt < '2026-03-31T16:00:00.000Z')
  const hoursAgo = (iso: string) => (now.getTime() - Date.parse(iso)) / HOUR_MS
  const ids = (list: Order[]) => list.map((o) => o.id).sort()
  return {
    overdue: ids(
      mine.filter(
        (o) =>
          (o.status === 'placed' && hoursAgo(o.updatedAt) > 24) ||
          (o.status === 'dispatched' && hoursAgo(o.updatedAt) > 24) ||
          (o.status === 'claimed' && o.preferredAt !== null && Date.parse(o.preferredAt) < now.getTime()),
      ),
    ),
    rejected: ids(mine.filter((o) => o.status === 'rejected')),
    cancelled: ids(mine.filter((o) => o.status === 'cancelled')),
    followUp: ids(mine.filter((o) => o.rating !== null && o.rating.stars <= 3 && o.followUp?.status === 'open')),
  }
}

const groupIds = (answer: LookBackAnswer) =>
  Object.fromEntries(answer.groups.map((g) => [g.reason, g.items.map((i) => i.orderId).sort()])) as Record<LookBackReason, string[]>
const counts = (answer: LookBackAnswer) => Object.fromEntries(answer.groups.map((g) => [g.reason, g.count]))

describe('回头看 through the handlers', () => {
  let h: Harness
  const made: Record<string, string> = {}

  beforeAll(async () => {
    h = await createHarness()
    const serve = async (stars: number) => {
      const o = await h.place('demo-resident-1')
      await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: o.id, teamIds: ['team-health'], capacity: 1 })
      await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: o.id })
      await h.onSite(o.id, ['demo-volunteer-1'], 1)
      await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: o.id, hours: 1, beneficiaryCount: 1 })
      await h.ok('demo-resident-1', 'order', 'rate', { orderId: o.id, stars, comment: stars <= 3 ? '来得太晚' : '很好' })
      return o.id
    }
    // an order of February, rejected: outside March
    h.setNow(new Date('2026-02-20T01:00:00.000Z'))
    const february = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'reject', { orderId: february.id, reason: '不在服务范围' })
    made.february = february.id

    h.setNow(new Date('2026-03-02T01:00:00.000Z'))
    made.waiting = (await h.place('demo-resident-1')).id
    const unclaimed = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: unclaimed.id, teamIds: ['team-health'] })
    made.unclaimed = unclaimed.id
    const late = await h.place('demo-resident-1', { preferredAt: '2026-03-02T18:00:00+08:00' })
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: late.id, teamIds: ['team-health'] })
    await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: late.id })
    made.late = late.id
    const rejected = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'reject', { orderId: rejected.id, reason: '需求描述不清' })
    made.rejected = rejected.id
    const cancelled = await h.place('demo-resident-1')
    await h.ok('demo-resident-1', 'order', 'cancel', { orderId: cancelled.id, reason: '已自行解决' })
    made.cancelled = cancelled.id
    made.poor = await serve(2)
    made.good = await serve(5)
    made.calledBack = await serve(1)
    await h.ok('demo-manager-tanwei', 'order', 'followUp', { orderId: made.calledBack, outcome: 'resolved', note: '已上门道歉并重新服务' })
    // another station's rejected order (江滨村, of the same 所): in the 所's look-back, not in 滩尾村's
    const elsewhere = await h.place('demo-resident-2')
    await h.ok('demo-manager-jiangbin', 'order', 'reject', { orderId: elsewhere.id, reason: '不在服务范围' })
    made.elsewhere = elsewhere.id
  })
  afterAll(() => h.close())

  const look = (who: string, payload: Record<string, unknown>) => h.ok<LookBackAnswer>(who, 'stats', 'lookBack', payload)

  it('within the limits nothing open is overdue yet; a day and more on, every group equals the recount', async () => {
    const early = await look('demo-manager-tanwei', { month: '2026-03' })
    expect(groupIds(early).overdue).toEqual([])
    expect(groupIds(early)).toEqual(recount(storedOrders(h), 'unit-tanwei', h.now()))

    h.setNow(new Date('2026-03-03T12:00:00.000Z'))
    const answer = await look('demo-manager-tanwei', { month: '2026-03' })
    expect(answer.groups.map((g) => g.reason)).toEqual(['overdue', 'rejected', 'cancelled', 'followUp'])
    const want = recount(storedOrders(h), 'unit-tanwei', h.now())
    expect(groupIds(answer)).toEqual(want)
    // the seeded story is what the recount found, so that the comparison compared something
    expect(want).toEqual({
      overdue: [made.waiting, made.unclaimed, made.late].sort(),
      rejected: [made.rejected],
      cancelled: [made.cancelled],
      followUp: [made.poor],
    })
    expect(counts(answer)).toEqual({ overdue: 3, rejected: 1, cancelled: 1, followUp: 1 })
    expect(answer).toMatchObject({ unitId: 'unit-tanwei', month: '2026-03', total: 6 })
    expect(answer.groups.every((g) => g.nextCursor === null)).toBe(true)
  })

  it('each item says why, names its station, and shows neither phone nor address', async () => {
    const answer = await look('demo-manager-tanwei', { month: '2026-03' })
    const item = (reason: LookBackReason, id: string) => answer.groups.find((g) => g.reason === reason)!.items.find((i) => i.orderId === id)!
    expect(item('overdue', made.waiting).detail).toBe('待派单超过24小时')
    expect(item('overdue', made.unclaimed).detail).toBe('派单后超过24小时无人接单')
    expect(item('overdue', made.late).detail).toBe('已接单，超过群众期望时间仍未完成')
    expect(item('rejected', made.rejected).detail).toBe('退回原因：需求描述不清')
    expect(item('cancelled', made.cancelled).detail).toBe('取消原因：已自行解决')
    expect(item('followUp', made.poor).detail).toBe('群众评2星，待回访')
    expect(item('rejected', made.rejected).unitName).toContain('滩尾')
    expect(JSON.stringify(answer)).not.toMatch(/13800001234|滩尾村三组|phone|address/)
  })

  it('the monthly statistics show the same total, at the station and at the 所 (with the other station)', async () => {
    const station = (await h.ok('demo-manager-tanwei', 'stats', 'summary', MARCH)).stats
    expect(station).toMatchObject({ lookBack: 6, followUpOpen: 1 })
    const town = await look('demo-manager-suxi', { month: '2026-03' })
    expect(groupIds(town).rejected).toEqual([made.rejected, made.elsewhere].sort())
    expect(town.total).toBe(7)
    expect((await h.ok('demo-manager-suxi', 'stats', 'summary', MARCH)).stats.lookBack).toBe(7)
    expect(groupIds(await look('demo-manager-jiangbin', { month: '2026-03' }))).toEqual({ overdue: [], rejected: [made.elsewhere], cancelled: [], followUp: [] })
  })

  it('another month has its own orders only', async () => {
    const february = await look('demo-manager-tanwei', { month: '2026-02' })
    expect(groupIds(february)).toEqual({ overdue: [], rejected: [made.february], cancelled: [], followUp: [] })
    expect(february.total).toBe(1)
    expect((await look('demo-manager-tanwei', { month: '2026-04' })).total).toBe(0)
  })

  it('the 回访 called back leaves 差评未回访, and its count with it', async () => {
    await h.ok('demo-manager-tanwei', 'order', 'followUp', { orderId: made.poor, outcome: 'explained', note: '已电话说明，群众表示理解' })
    const answer = await look('demo-manager-tanwei', { month: '2026-03' })
    expect(groupIds(answer).followUp).toEqual([])
    expect(counts(answer).followUp).toBe(0)
    expect(answer.total).toBe(5)
    expect((await h.ok('demo-manager-tanwei', 'stats', 'summary', MARCH)).stats).toMatchObject({ lookBack: 5, followUpOpen: 0 })
  })

  it('refused: another subtree, a resident, an unknown unit, a bad month or group; nothing written', async () => {
    const before = h.dump()
    const refused = async (who: string, payload: Record<string, unknown>, code: string, message?: string) => {
      const res = await h.call(who, 'stats', 'lookBack', payload)
      expect(res).toMatchObject({ ok: false, error: { code, ...(message ? { message: expect.stringContaining(message) } : {}) } })
    }
    await refused('demo-manager-jiangbin', { unitId: 'unit-tanwei', month: '2026-03' }, 'FORBIDDEN', '只能回头看本单位及下级单位')
    await refused('demo-manager-tanwei', { unitId: 'unit-suxi', month: '2026-03' }, 'FORBIDDEN')
    await refused('demo-resident-1', { month: '2026-03' }, 'FORBIDDEN', '管理员')
    await refused('demo-manager-suxi', { unitId: 'unit-nowhere', month: '2026-03' }, 'NOT_FOUND')
    await refused('demo-manager-tanwei', { month: '2026-13' }, 'INVALID_INPUT', '月份格式应为2026-01')
    await refused('demo-manager-tanwei', { month: '三月' }, 'INVALID_INPUT', '月份格式应为2026-01')
    await refused('demo-manager-tanwei', {}, 'INVALID_INPUT', '请选择月份')
    await refused('demo-manager-tanwei', { month: '2026-03', reason: 'late' }, 'INVALID_INPUT', '回头看的类别有误')
    expect(h.dump()).toEqual(before)
  })
})

describe('回头看 paging', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness()
  })
  afterAll(() => h.close())

  it('a group longer than a page goes on from its cursor, oldest first, with the same count', async () => {
    const ids: string[] = []
    for (let i = 0; i < 23; i++) {
      h.setNow(new Date(Date.parse('2026-03-02T01:00:00.000Z') + i * 60_000))
      const o = await h.place('demo-resident-1')
      await h.ok('demo-manager-tanwei', 'order', 'reject', { orderId: o.id, reason: '重复点单' })
      ids.push(o.id)
    }
    const first = await h.ok<LookBackAnswer>('demo-manager-tanwei', 'stats', 'lookBack', { month: '2026-03' })
    const group = first.groups.find((g) => g.reason === 'rejected')!
    expect(group.count).toBe(23)
    expect(group.items.map((i) => i.orderId)).toEqual(ids.slice(0, 20))
    expect(group.nextCursor).not.toBeNull()
    const more = await h.ok<LookBackAnswer>('demo-manager-tanwei', 'stats', 'lookBack', { month: '2026-03', reason: 'rejected', cursor: group.nextCursor })
    expect(more.groups.map((g) => g.reason)).toEqual(['rejected'])
    expect(more.groups[0]).toMatchObject({ count: 23, nextCursor: null })
    expect(more.groups[0].items.map((i) => i.orderId)).toEqual(ids.slice(20))
    expect(more.total).toBe(23)
  })
})
