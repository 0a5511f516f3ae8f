/**
 * stats.summary on a seeded county with orders in every fate: each figure equals a recount from the stored orders
 * written here, apart from core/figures.ts; the funnel adds up; bad periods and other subtrees are refused with
 * nothing written; the scheduled job repairs a rollup broken on purpose.
 */
import type { Order } from '~types'
import { createHarness, type Harness, uid } from './harness'

const MARCH = { from: '2026-03-01T00:00:00+08:00', to: '2026-04-01T00:00:00+08:00' }
const UNITS = ['unit-center', 'unit-suxi', 'unit-tanwei', 'unit-jiangbin', 'unit-wushan', 'unit-guoyuan']
const MANAGER: Record<string, string> = { 'unit-tanwei': 'demo-manager-tanwei', 'unit-jiangbin': 'demo-manager-jiangbin', 'unit-guoyuan': 'demo-manager-guoyuan' }

/** The figures of a unit recounted the plain way, from every stored order (the definitions of the README, restated). */
function recount(orders: Order[], unitId: string, from: string, to: string, now: Date) {
  const mine = orders.filter((o) => o.unitPath.includes(unitId) && o.createdAt >= from && o.createdAt < to)
  const served = mine.filter((o) => o.status === 'completed' || o.status === 'rated' || o.status === 'closed')
  const rated = served.filter((o) => o.rating !== null)
  const volunteerIds = new Set(served.flatMap((o) => o.claims.map((c) => c.volunteerId)))
  const hoursAgo = (iso: string) => (now.getTime() - Date.parse(iso)) / 3_600_000
  const overdue = mine.filter(
    (o) =>
      (o.status === 'placed' && hoursAgo(o.updatedAt) > 24) ||
      (o.status === 'dispatched' && hoursAgo(o.updatedAt) > 24) ||
      (o.status === 'claimed' && o.preferredAt !== null && Date.parse(o.preferredAt) < now.getTime()),
  ).length
  const status = (s: string) => mine.filter((o) => o.status === s).length
  // 差评未回访: rated 3 stars or fewer with the 回访 it opened not yet closed (issue 11)
  const followUpOpen = served.filter((o) => o.rating !== null && o.rating.stars <= 3 && o.followUp?.status !== 'closed').length
  const tally = (list: Order[]) => {
    const m = new Map<string, number>()
    for (const o of list) {
      const r = o.reason.trim().replace(/[。！!]+$/, '') || '未说明'
      m.set(r, (m.get(r) ?? 0) + 1)
    }
    return [...m.entries()].map(([reason, n]) => ({ reason, n })).sort((a, b) => b.n - a.n || a.reason.localeCompare(b.reason))
  }
  return {
    placed: mine.length,
    dispatched: mine.filter((o) => o.timeline.some((t) => t.action === 'dispatch')).length,
    taken: mine.filter((o) => o.claims.length > 0 || o.timeline.some((t) => t.action === 'claim')).length,
    served: served.length,
    rated: rated.length,
    people: served.reduce((n, o) => n + (o.completion?.beneficiaryCount ?? 0), 0),
    volunteers: volunteerIds.size,
    volunteerTimes: served.reduce((n, o) => n + o.claims.length, 0),
    // hours count when verified on site or approved by a manager (this test's own reading)
    hours: served.reduce((n, o) => n + o.claims.reduce((m, c) => m + (c.hours?.status === 'verified' || c.hours?.status === 'approved' ? c.hours.credited : 0), 0), 0),
    avgStars: rated.length ? Math.round((rated.reduce((n, o) => n + o.rating!.stars, 0) / rated.length) * 100) / 100 : null,
    goodRate: rated.length ? Math.round((rated.filter((o) => o.rating!.stars >= 4).length / rated.length) * 1000) / 1000 : null,
    followUpOpen,
    lookBack: overdue + status('rejected') + status('cancelled') + followUpOpen,
    fate: {
      served: served.length,
      open: { total: status('placed') + status('dispatched') + status('claimed'), placed: status('placed'), dispatched: status('dispatched'), claimed: status('claimed'), overdue },
      rejected: { total: status('rejected'), reasons: tally(mine.filter((o) => o.status === 'rejected')) },
      cancelled: { total: status('cancelled'), reasons: tally(mine.filter((o) => o.status === 'cancelled')) },
      escalated: mine.filter((o) => o.timeline.some((t) => t.action === 'escalate')).length,
      recalled: mine.filter((o) => o.timeline.some((t) => t.action === 'recall')).length,
    },
  }
}

const storedOrders = (h: Harness) =>
  (h.stores.db.prepare('SELECT doc FROM orders').all() as Array<{ doc: string }>).map((r) => JSON.parse(r.doc) as Order)

/** A county's month: orders in every fate at three stations of both 所, some escalated, recalled, overdue. */
async function seedCounty(h: Harness) {
  const manager = (o: { orgUnitId?: string }) => MANAGER[o.orgUnitId ?? ''] ?? 'demo-manager-center'
  const serve = async (openid: string, volunteers: string[], stars: number | null, extra: Record<string, unknown> = {}) => {
    const o = await h.place(openid, extra)
    await h.ok(manager(o), 'order', 'dispatch', { orderId: o.id, teamIds: ['team-health'], capacity: volunteers.length })
    for (const v of volunteers) await h.ok(v, 'order', 'claim', { orderId: o.id })
    await h.ok(volunteers[0], 'order', 'complete', { orderId: o.id, hours: 1.5, beneficiaryCount: 2 + volunteers.length })
    // nobody checked in: the first volunteer's hours are approved (补录), the others' stay 待核实 and count nothing
    await h.ok(manager(o), 'order', 'approveHours', { orderId: o.id, volunteerId: uid(volunteers[0]), hours: 1.5, reason: '站长证明到场' })
    if (stars !== null) await h.ok(openid, 'order', 'rate', { orderId: o.id, stars })
    return o
  }
  await serve('demo-resident-1', ['demo-volunteer-1', 'demo-volunteer-2'], 5)
  await serve('demo-resident-1', ['demo-volunteer-1'], 3)
  await serve('demo-resident-2', ['demo-volunteer-3'], 4, { menuItemId: undefined, themeId: 'theme-elderly', title: '上门探访' })
  await serve('demo-resident-4', ['demo-volunteer-4', 'demo-volunteer-5'], null)
  for (const [openid, reason] of [
    ['demo-resident-1', '不在服务范围'],
    ['demo-resident-2', ' 不在服务范围。'],
    ['demo-resident-4', '需求描述不清'],
  ]) {
    const o = await h.place(openid)
    await h.ok(manager(o), 'order', 'reject', { orderId: o.id, reason })
  }
  const early = await h.place('demo-resident-2')
  await h.ok('demo-resident-2', 'order', 'cancel', { orderId: early.id })
  const late = await h.place('demo-resident-1')
  await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: late.id, teamIds: ['team-health'] })
  await h.ok('demo-resident-1', 'order', 'cancel', { orderId: late.id, reason: '已自行解决' })
  // open: placed, escalated to the 所, dispatched then recalled, dispatched, claimed with a preferred time soon
  await h.place('demo-resident-4', { menuItemId: undefined, themeId: 'theme-ecology', title: '清理庭院' })
  const up = await h.place('demo-resident-1')
  await h.ok('demo-manager-tanwei', 'order', 'escalate', { orderId: up.id })
  const back = await h.place('demo-resident-2')
  await h.ok('demo-manager-jiangbin', 'order', 'dispatch', { orderId: back.id, teamIds: ['team-health'] })
  await h.ok('demo-manager-jiangbin', 'order', 'recall', { orderId: back.id })
  const waiting = await h.place('demo-resident-1')
  await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: waiting.id, teamIds: ['team-health'] })
  const soon = await h.place('demo-resident-1', { preferredAt: '2026-03-03T09:00:00+08:00' })
  await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: soon.id, teamIds: ['team-health'] })
  await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: soon.id })
  // an order of another month, outside March
  h.setNow(new Date('2026-04-02T01:00:00.000Z'))
  await h.place('demo-resident-1')
  // two days on: the placed and dispatched orders of March are overdue, the claimed one past its preferred time
  h.setNow(new Date('2026-03-04T12:00:00.000Z'))
}

describe('stats.summary from the rollups', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness()
    await seedCounty(h)
  })
  afterAll(() => h.close())

  it('every figure of every unit equals the recount from the orders, for March and for the year', async () => {
    const orders = storedOrders(h)
    expect(orders.length).toBe(15)
    for (const unitId of UNITS) {
      for (const period of [MARCH, { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' }]) {
        const res = await h.ok('demo-admin', 'stats', 'summary', { unitId, ...period })
        const want = recount(orders, unitId, res.from, res.to, h.now())
        expect({ unitId, ...res.stats }).toMatchObject({ unitId, ...want })
      }
    }
    const center = (await h.ok('demo-admin', 'stats', 'summary', { unitId: 'unit-center', ...MARCH })).stats
    // the seeded county's shape, so that the recount above compared something
    expect(center).toMatchObject({ placed: 14, served: 4, rated: 3, volunteers: 5, volunteerTimes: 6, hours: 6, avgStars: 4, goodRate: 0.667 })
    expect(center.fate).toMatchObject({ escalated: 1, recalled: 1, open: { total: 5, overdue: 5 } })
    expect(center.fate.rejected.reasons).toEqual([{ reason: '不在服务范围', n: 2 }, { reason: '需求描述不清', n: 1 }])
    expect(center.fate.cancelled.reasons).toEqual([{ reason: '已自行解决', n: 1 }, { reason: '未说明', n: 1 }])
  })

  it('the funnel adds up: every order of the period is in exactly one fate, at every unit', async () => {
    for (const unitId of UNITS) {
      const { stats } = await h.ok('demo-admin', 'stats', 'summary', { unitId, ...MARCH })
      const f = stats.fate
      expect(f.served + f.open.total + f.rejected.total + f.cancelled.total).toBe(stats.placed)
      expect(f.open.placed + f.open.dispatched + f.open.claimed).toBe(f.open.total)
      expect(stats.placed).toBeGreaterThanOrEqual(stats.dispatched)
      expect(stats.dispatched).toBeGreaterThanOrEqual(stats.taken)
      expect(stats.taken).toBeGreaterThanOrEqual(stats.served)
      expect(stats.served).toBeGreaterThanOrEqual(stats.rated)
      const sum = (rows: Array<{ placed: number }>) => rows.reduce((n, r) => n + r.placed, 0)
      expect(sum(stats.units)).toBe(stats.placed)
      expect(sum(stats.themes)).toBe(stats.placed)
      expect(sum(stats.byMonth)).toBe(stats.placed)
    }
  })

  it('trends by month cover every month of the period, and the children drill down', async () => {
    const year = await h.ok('demo-manager-center', 'stats', 'summary', { from: '2026-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' })
    expect(year.stats.byMonth.map((m: { month: string }) => m.month)).toEqual(
      ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2026-${m}`),
    )
    expect(year.stats.byMonth.find((m: { month: string }) => m.month === '2026-04').placed).toBe(1)
    const suxi = await h.ok('demo-manager-suxi', 'stats', 'summary', MARCH)
    const children = suxi.stats.units.map((u: { unitId: string }) => u.unitId).sort()
    expect(children).toEqual(['unit-jiangbin', 'unit-suxi', 'unit-tanwei'])
  })

  it('bad input is refused in Chinese and nothing is written', async () => {
    const before = h.dump()
    const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
      ['demo-admin', { from: '2022-01-01T00:00:00+08:00', to: '2026-01-02T00:00:00+08:00' }, 'INVALID_INPUT', /最长3年/],
      ['demo-admin', { from: '2026-03-05T00:00:00+08:00', to: '2026-03-01T00:00:00+08:00' }, 'INVALID_INPUT', /结束时间应晚于开始时间/],
      ['demo-manager-tanwei', { unitId: 'unit-guoyuan', ...MARCH }, 'FORBIDDEN', /本单位及下级单位/],
      ['demo-manager-suxi', { unitId: 'unit-center', ...MARCH }, 'FORBIDDEN', /本单位及下级单位/],
    ]
    for (const [who, payload, code, message] of cases) {
      const res = await h.call(who, 'stats', 'summary', payload)
      expect(res).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } })
    }
    expect(await h.call('demo-manager-tanwei', 'stats', 'idleTeams', { unitId: 'unit-wushan' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(h.dump()).toBe(before)
    // three years exactly is allowed
    expect(await h.call('demo-admin', 'stats', 'summary', { from: '2024-01-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' })).toMatchObject({ ok: true })
  })

  it('lists the teams of the subtree with no service in the last 30 days', async () => {
    const tanwei = await h.ok('demo-manager-tanwei', 'stats', 'idleTeams')
    expect(tanwei.teams.map((t: { id: string }) => t.id)).toEqual(['team-xiaolao'])
    const center = await h.ok('demo-admin', 'stats', 'idleTeams')
    const ids = center.teams.map((t: { id: string }) => t.id)
    expect(ids).not.toContain('team-health')
    expect(ids).toEqual(expect.arrayContaining(['team-law', 'team-lecture', 'team-culture', 'team-xiaolao']))
    h.setNow(new Date('2026-04-10T12:00:00.000Z'))
    const later = await h.ok('demo-admin', 'stats', 'idleTeams')
    expect(later.teams.find((t: { id: string }) => t.id === 'team-health')).toMatchObject({ lastServedAt: expect.any(String) })
    h.setNow(new Date('2026-03-04T12:00:00.000Z'))
  })

  it('the scheduled job recounts a day, reports the drift of a rollup broken on purpose and repairs it', async () => {
    const good = await h.ok('demo-admin', 'stats', 'summary', { unitId: 'unit-suxi', ...MARCH })
    h.stores.db.prepare("UPDATE stat_cells SET placed = placed + 7, s_rated = s_rated + 1 WHERE unit_id = 'unit-suxi'").run()
    h.stores.db.prepare("UPDATE stat_cells_month SET placed = placed + 3 WHERE unit_id = 'unit-suxi'").run()
    h.stores.db.prepare("DELETE FROM stat_vol_days WHERE unit_id = 'unit-suxi'").run()
    const broken = await h.ok('demo-admin', 'stats', 'summary', { unitId: 'unit-suxi', ...MARCH })
    expect(broken.stats.placed).not.toBe(good.stats.placed)
    // the job takes the days in turn from the first order's (2026-03-02), one per 5-minute slot: run in that day's slot
    const slot = 5 * 60_000
    const firstDaySlot = (at: number) => Math.floor(at / slot) % 34 === 0
    let t = Date.parse('2026-04-04T00:00:00.000Z')
    while (!firstDaySlot(t)) t += slot
    const res = await h.runCron(new Date(t))
    expect(res).toMatchObject({ ok: true, data: { statsRepair: { day: '2026-03-02', orders: 14 } } })
    expect((res as { data: { statsRepair: { drift: number } } }).data.statsRepair.drift).toBeGreaterThan(0)
    // the run also closed, escalated and recalled orders (its own transitions kept the rollups in step): recount
    h.setNow(new Date(t))
    const repaired = await h.ok('demo-admin', 'stats', 'summary', { unitId: 'unit-suxi', ...MARCH })
    expect(repaired.stats).toMatchObject(recount(storedOrders(h), 'unit-suxi', repaired.from, repaired.to, h.now()))
    const again = await h.runCron(new Date(t + 1000))
    expect(again).toMatchObject({ ok: true, data: { statsRepair: { day: '2026-03-02', drift: 0 } } })
  })
})
