import type { OverviewItem, OverviewTabKey } from '~types'
import { OVERVIEW_TABS, ORDER_STATUSES } from '~types'
import { createHarness, type Harness } from './harness'

/**
 * 订单总览 (order.overview) on the seeded demo county: every filter alone and together, both orders, paging, the
 * card's marks (handling unit, teams, limit, 超时, 疑似重复) and who may look.
 */
const T0 = Date.parse('2026-03-02T01:00:00.000Z')
const hours = (n: number) => new Date(T0 + n * 3600_000)
const iso = (n: number) => hours(n).toISOString()

describe('order.overview', () => {
  let h: Harness
  /** A: 王大爷 健康义诊 (滩尾村, placed) · B: 李奶奶 (江滨村, dispatched) · C: 老曾 (一分场, placed, 果树) ·
   * D: 小罗 for 张阿婆 (滩尾村, 孤寡老人上门探访, rejected) · E: 王大爷 健康义诊 again (placed) · F: 刘阿姨 (果园社区, cancelled) */
  let o: Record<'A' | 'B' | 'C' | 'D' | 'E' | 'F', string>

  beforeEach(async () => {
    h = await createHarness()
    const at = async (n: number, openid: string, extra: Record<string, unknown> = {}) => {
      h.setNow(hours(n))
      return (await h.place(openid, extra)).id
    }
    const A = await at(0, 'demo-resident-1')
    const B = await at(1, 'demo-resident-2')
    await h.ok('demo-manager-jiangbin', 'order', 'dispatch', { orderId: B, teamIds: ['team-health'] })
    const C = await at(2, 'demo-resident-3', { need: '果树需要打药，想请专家看看' })
    const D = await at(3, 'demo-proxy', { menuItemId: 'menu-21', onBehalfOf: '张阿婆' })
    await h.ok('demo-manager-tanwei', 'order', 'reject', { orderId: D, reason: '本周无人手' })
    const E = await at(4, 'demo-resident-1')
    const F = await at(5, 'demo-resident-4')
    await h.ok('demo-resident-4', 'order', 'cancel', { orderId: F })
    h.setNow(hours(6))
    o = { A, B, C, D, E, F }
  })
  afterEach(() => h.close())

  const view = (openid: string, payload: Record<string, unknown> = {}) =>
    h.ok<{ items: OverviewItem[]; nextCursor: string | null }>(openid, 'order', 'overview', payload)
  const idsOf = async (openid: string, payload: Record<string, unknown> = {}) => (await view(openid, payload)).items.map((i) => i.id)
  const center = (payload: Record<string, unknown> = {}) => idsOf('demo-manager-center', payload)

  it('a manager sees their own subtree by default, newest first; oldest first on request', async () => {
    expect(await idsOf('demo-manager-suxi')).toEqual([o.E, o.D, o.B, o.A])
    expect(await idsOf('demo-manager-suxi', { sort: 'oldest' })).toEqual([o.A, o.B, o.D, o.E])
    expect(await idsOf('demo-manager-tanwei')).toEqual([o.E, o.D, o.A])
    expect(await center()).toEqual([o.F, o.E, o.D, o.C, o.B, o.A])
    // an admin anywhere, and a manager of an ancestor for a unit below
    expect(await idsOf('demo-admin', { unitId: 'unit-wushan' })).toEqual([o.F, o.C])
    expect(await idsOf('demo-manager-suxi', { unitId: 'unit-jiangbin' })).toEqual([o.B])
  })

  it('each filter alone: status (one or several), unit, theme, period, search', async () => {
    expect(await center({ status: 'placed' })).toEqual([o.E, o.C, o.A])
    expect(await center({ status: ['rejected', 'cancelled'] })).toEqual([o.F, o.D])
    expect(await center({ unitId: 'unit-wushan' })).toEqual([o.F, o.C])
    expect(await center({ themeId: 'theme-elderly' })).toEqual([o.D])
    expect(await center({ from: iso(1), to: iso(4) })).toEqual([o.D, o.C, o.B])
    expect(await center({ from: '2026-03-02T11:00:00+08:00' })).toEqual([o.F, o.E, o.D, o.C])
    // the resident's name, whom a proxy ordered for, the need, the title
    expect(await center({ q: '王大爷' })).toEqual([o.E, o.A])
    expect(await center({ q: '张阿婆' })).toEqual([o.D])
    expect(await center({ q: '果树' })).toEqual([o.C])
    expect(await center({ q: ' 上门 探访 ' })).toEqual([o.D])
    expect(await center({ q: '没有这个' })).toEqual([])
  })

  it('the tabs together cover every order exactly once', async () => {
    const seen: string[] = []
    for (const tab of OVERVIEW_TABS) seen.push(...(await center({ status: [...tab.statuses] })))
    expect(seen.sort()).toEqual(Object.values(o).sort())
    const keys: OverviewTabKey[] = OVERVIEW_TABS.map((t) => t.key)
    expect(new Set(keys).size).toBe(OVERVIEW_TABS.length)
    expect(OVERVIEW_TABS.flatMap((t) => t.statuses).sort()).toEqual([...ORDER_STATUSES].sort())
  })

  it('filters together', async () => {
    expect(await center({ q: '王大爷', status: 'placed', sort: 'oldest' })).toEqual([o.A, o.E])
    expect(await center({ q: '王大爷', from: iso(2) })).toEqual([o.E])
    expect(await center({ unitId: 'unit-tanwei', themeId: 'theme-health', status: ['placed', 'rejected'] })).toEqual([o.E, o.A])
    expect(await center({ unitId: 'unit-suxi', themeId: 'theme-elderly', q: '张阿婆', status: 'rejected' })).toEqual([o.D])
    expect(await center({ unitId: 'unit-wushan', q: '王大爷' })).toEqual([])
    expect(await center({ themeId: 'theme-health', from: iso(1), to: iso(5), status: ['placed', 'dispatched'] })).toEqual([o.E, o.C, o.B])
  })

  it('超时: past the handling unit’s limit for the status, also with a unit’s own limit', async () => {
    expect(await center({ overdue: true })).toEqual([])
    h.setNow(hours(26))
    // A waited 26 h, C 24 h, B (dispatched at 1 h) 25 h: past 24 h; E 22 h is not; others do not wait on staff
    expect(await center({ overdue: true })).toEqual([o.C, o.B, o.A])
    expect(await center({ overdue: true, status: 'dispatched' })).toEqual([o.B])
    expect(await center({ overdue: true, status: 'rejected' })).toEqual([])
    expect(await center({ overdue: true, q: '果树', unitId: 'unit-wushan' })).toEqual([o.C])
    const items = (await view('demo-manager-center')).items
    expect(items.filter((i) => i.overdue).map((i) => i.id).sort()).toEqual([o.A, o.B, o.C].sort())

    // 滩尾村 sets its own reminder at 2 hours: its orders are judged by it, the others by the county's 24
    h.setNow(hours(6))
    await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', remindUndispatchedHours: 2 })
    expect(await center({ overdue: true })).toEqual([o.E, o.A])
    const a = (await view('demo-manager-tanwei')).items.find((i) => i.id === o.A)!
    expect(a).toMatchObject({ limitHours: 2, dueAt: iso(2), overdue: true })
  })

  it('cards: handling unit, teams, the limit on the wait, and the manager’s taps', async () => {
    const items = (await view('demo-manager-center')).items
    const by = (id: string) => items.find((i) => i.id === id)!
    expect(by(o.B)).toMatchObject({
      unitName: '江滨村新时代文明实践站',
      teamNames: ['县卫生健康志愿服务分队'],
      limitHours: 24,
      dueAt: iso(25),
      overdue: false,
      status: 'dispatched',
    })
    expect(by(o.B).actions).toContain('recall')
    expect(by(o.A).actions).toContain('dispatch')
    expect(by(o.A)).toMatchObject({ ownerName: '滩尾村王大爷', onBehalfOf: null, teamNames: [], limitHours: 24 })
    expect(by(o.D)).toMatchObject({ ownerName: '滩尾村网格员小罗', onBehalfOf: { name: '张阿婆' }, limitHours: null, dueAt: null })
    // lists mask the contact for all but the owner (a list reveals nothing, so it records nothing): the manager sees
    // it on the order page, where the reveal is recorded
    expect(by(o.A).contactVisible).toBe(false)
    expect(by(o.A).phone).toContain('****')
  })

  it('疑似重复: the same person’s open orders of the same item within 24 h mark each other', async () => {
    const marks = async () =>
      Object.fromEntries((await view('demo-manager-center')).items.map((i) => [i.id, i.duplicateOf]))
    expect(await marks()).toEqual({ [o.A]: o.E, [o.E]: o.A, [o.B]: null, [o.C]: null, [o.D]: null, [o.F]: null })
    // found across pages: a page holding only E still marks it (the second query reads the owner's open orders)
    expect((await view('demo-manager-center', { status: 'placed', limit: 1 })).items[0]).toMatchObject({ id: o.E, duplicateOf: o.A })
    // once one is no longer open, neither is marked
    await h.ok('demo-resident-1', 'order', 'cancel', { orderId: o.E })
    expect((await marks())[o.A]).toBeNull()
    // more than 24 h apart: not a duplicate
    h.setNow(hours(30))
    const G = (await h.place('demo-resident-1')).id
    expect(Object.fromEntries((await view('demo-manager-center')).items.map((i) => [i.id, i.duplicateOf]))[G]).toBeNull()
  })

  it('pages: every order once, in order, for either sort and with filters', async () => {
    for (const sort of ['newest', 'oldest'] as const) {
      for (const filter of [{}, { status: ['placed', 'rejected', 'cancelled', 'dispatched'] }, { themeId: 'theme-health' }]) {
        const full = await center({ ...filter, sort })
        const got: string[] = []
        let cursor: string | undefined
        let pages = 0
        do {
          const page = await view('demo-manager-center', { ...filter, sort, limit: 2, ...(cursor ? { cursor } : {}) })
          expect(page.items.length).toBeLessThanOrEqual(2)
          got.push(...page.items.map((i) => i.id))
          cursor = page.nextCursor ?? undefined
          pages++
        } while (cursor && pages < 10)
        expect(got).toEqual(full)
      }
    }
  })

  it('refused: another subtree, no manager, bad input — a clear Chinese error and nothing changed', async () => {
    const before = h.dump()
    const refused = async (openid: string, payload: Record<string, unknown>, code: string, message: RegExp) => {
      const res = await h.call(openid, 'order', 'overview', payload)
      expect(res).toMatchObject({ ok: false, error: { code } })
      if (!res.ok) expect(res.error.message).toMatch(message)
    }
    await refused('demo-manager-tanwei', { unitId: 'unit-suxi' }, 'FORBIDDEN', /本单位及下级/)
    await refused('demo-manager-suxi', { unitId: 'unit-wushan' }, 'FORBIDDEN', /本单位及下级/)
    await refused('demo-manager-suxi', { unitId: 'unit-yifen', q: '果树' }, 'FORBIDDEN', /本单位及下级/)
    await refused('demo-resident-1', {}, 'FORBIDDEN', /管理员/)
    await refused('demo-volunteer-1', {}, 'FORBIDDEN', /管理员/)
    await refused('demo-manager-center', { unitId: 'unit-nowhere' }, 'NOT_FOUND', /单位不存在/)
    await refused('demo-manager-center', { status: 'lost' }, 'INVALID_INPUT', /订单状态有误/)
    await refused('demo-manager-center', { status: [] }, 'INVALID_INPUT', /订单状态/)
    await refused('demo-manager-center', { from: iso(5), to: iso(1) }, 'INVALID_INPUT', /开始时间应早于结束时间/)
    await refused('demo-manager-center', { from: '昨天' }, 'INVALID_INPUT', /开始时间格式不对/)
    await refused('demo-manager-center', { q: 'x'.repeat(41) }, 'INVALID_INPUT', /搜索内容不能超过40个字/)
    await refused('demo-manager-center', { q: '   ' }, 'INVALID_INPUT', /请填写搜索内容/)
    await refused('demo-manager-center', { sort: 'random' }, 'INVALID_INPUT', /排序方式有误/)
    await refused('demo-manager-center', { cursor: 'not-a-cursor' }, 'INVALID_INPUT', /翻页参数有误/)
    await refused('demo-manager-center', { overdue: 'yes' }, 'INVALID_INPUT', /超时筛选有误/)
    expect((await h.call(null, 'order', 'overview', {})).ok).toBe(false)
    expect(h.dump()).toEqual(before)
  })

  it('costs a handful of store calls', async () => {
    h.calls.length = 0
    await view('demo-manager-center')
    const names = [...h.calls]
    expect(names.length).toBeLessThanOrEqual(6)
    expect(names).toEqual(expect.arrayContaining(['getUserByOpenid', 'listOverview', 'listUnitSettings', 'listTeams', 'listOpenOf']))
  })
})
