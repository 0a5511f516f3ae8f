import ExcelJS from 'exceljs'
import { existsSync, readdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { DEFAULT_POLICY } from '~core/config'
import { createTokenSigner } from '~local/auth'
import { buildServer } from '~local/server'
import type { Claim, Order, OrderStatus } from '~types'
import { order as makeOrder } from '~test/support/order-fixture'
import { createHarness, type Harness, uid } from './harness'

/**
 * export.create (issue 9): each kind downloads over HTTP from the local host and parses back (exceljs reads it here)
 * with the rows and totals recounted in this test from the seeded orders, not by the code under test.
 */

const PATHS: Record<string, string[]> = {
  tanwei: ['unit-center', 'unit-suxi', 'unit-tanwei'],
  jiangbin: ['unit-center', 'unit-suxi', 'unit-jiangbin'],
  suxi: ['unit-center', 'unit-suxi'],
  yifen: ['unit-center', 'unit-wushan', 'unit-yifen'],
}
const VOLUNTEERS = [1, 2, 3, 4, 5].map((n) => ({ id: uid(`demo-volunteer-${n}`), name: ['张护士', '李药师', '赵医生', '孙大姐', '吴同学'][n - 1] }))
const THEMES = ['theme-health', 'theme-chuxin', 'theme-policy', 'theme-culture']
const TITLES: Record<string, string> = {
  'theme-health': '健康义诊',
  'theme-chuxin': '党的创新理论微宣讲',
  'theme-policy': '惠农政策解读',
  'theme-culture': '广场舞教学',
}
const STATUSES: OrderStatus[] = ['placed', 'dispatched', 'claimed', 'completed', 'rated', 'closed', 'rejected', 'cancelled']
const SERVED = new Set<OrderStatus>(['completed', 'rated', 'closed'])

// March 2026 in China time
const MARCH = { from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' }

/** 60 orders of March over four units in every status (and 4 outside the month), written straight to the store. */
function seededOrders(): Order[] {
  const orders: Order[] = []
  const units = Object.keys(PATHS)
  for (let i = 0; i < 64; i++) {
    const status = STATUSES[i % STATUSES.length]
    const unitPath = PATHS[units[i % units.length]]
    const themeId = THEMES[(i * 7) % THEMES.length]
    const inMarch = i < 60
    const createdAt = inMarch ? new Date(Date.parse(MARCH.from) + (i + 1) * 11 * 3600_000).toISOString() : `2026-04-0${(i % 5) + 1}T02:00:00.000Z`
    const taken = ['claimed', 'completed', 'rated', 'closed'].includes(status)
    const served = SERVED.has(status)
    const reported = 0.5 * (1 + (i % 6))
    // each served claimer's hours in one of the four states, in turn: only verified and approved ones count
    const hoursOf = (k: number): Claim['hours'] => {
      const state = (['verified', 'pending', 'approved', 'rejected'] as const)[(i + k) % 4]
      return { reported, status: state, credited: state === 'verified' || state === 'approved' ? reported : 0 }
    }
    const claims: Claim[] = taken
      ? VOLUNTEERS.slice(0, 1 + (i % 3)).map((v, k) => ({ volunteerId: v.id, name: v.name, at: createdAt, unitPath: PATHS.tanwei, ...(served ? { hours: hoursOf(k) } : {}) }))
      : []
    const at = new Date(Date.parse(createdAt) + 3600_000).toISOString()
    orders.push(
      makeOrder({
        id: `ord-${String(i).padStart(3, '0')}`,
        unitPath,
        orgUnitId: unitPath[unitPath.length - 1],
        themeId,
        title: TITLES[themeId],
        createdAt,
        updatedAt: at,
        status,
        beneficiaryCount: 1 + (i % 4),
        teamIds: status === 'placed' || status === 'rejected' ? [] : ['team-health'],
        capacity: 3,
        claims,
        completion: served ? { hours: reported, beneficiaryCount: 2 + (i % 9), note: '', by: claims[0].volunteerId, at } : null,
        rating: status === 'rated' ? { stars: 1 + (i % 5), comment: i % 2 ? '很好' : '=SUM(A1)', at } : null,
        reason: status === 'rejected' ? '不在服务范围' : status === 'cancelled' ? '时间不合适' : '',
      }),
    )
  }
  return orders
}

/** Whether a claimer's hours count (this test's own reading: verified on site or approved by a manager). */
const counts = (c: Claim) => c.hours?.status === 'verified' || c.hours?.status === 'approved'

/** The recount this test trusts: from the seeded orders themselves. */
function recount(orders: Order[], unitId: string, period = MARCH) {
  const mine = orders.filter((o) => o.unitPath.includes(unitId) && o.createdAt >= period.from && o.createdAt < period.to)
  const served = mine.filter((o) => SERVED.has(o.status))
  const perVolunteer = new Map<string, { services: number; hours: number }>()
  for (const o of served) {
    for (const c of o.claims) {
      const v = perVolunteer.get(c.name) ?? { services: 0, hours: 0 }
      v.services++
      v.hours += counts(c) ? o.completion!.hours : 0
      perVolunteer.set(c.name, v)
    }
  }
  return {
    orders: mine.length,
    served: served.length,
    volunteerTimes: served.reduce((n, o) => n + o.claims.length, 0),
    volunteers: new Set(served.flatMap((o) => o.claims.map((c) => c.volunteerId))).size,
    hours: served.reduce((n, o) => n + o.completion!.hours * o.claims.filter(counts).length, 0),
    people: served.reduce((n, o) => n + o.completion!.beneficiaryCount, 0),
    rejected: mine.filter((o) => o.status === 'rejected').length,
    cancelled: mine.filter((o) => o.status === 'cancelled').length,
    open: mine.filter((o) => ['placed', 'dispatched', 'claimed'].includes(o.status)).length,
    lectures: served.filter((o) => o.themeId === 'theme-chuxin' || o.themeId === 'theme-policy').length,
    perVolunteer,
  }
}

async function startHttp(h: Harness) {
  const signer = createTokenSigner()
  // development-login tokens (signer.issue) stand for the callers; the host honours them only with devLogin on
  const app = buildServer({ deps: h.deps, signer, devLogin: true, exportFiles: h.files })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  const post = async (openid: string, fn: string, body: object) => {
    const res = await fetch(`${base}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${signer.issue(openid)}` },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as any }
  }
  /** A download, its body read whole (an unread body would hold the connection open). */
  const get = async (openid: string | null, url: string) => {
    const res = await fetch(base + url, { headers: openid ? { authorization: `Bearer ${signer.issue(openid)}` } : {} })
    const body = await res.arrayBuffer()
    return { status: res.status, headers: res.headers, arrayBuffer: async () => body, json: async () => JSON.parse(Buffer.from(body).toString('utf8')) }
  }
  return { app, post, get, close: () => app.close() }
}

async function readXlsx(buf: ArrayBuffer) {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(Buffer.from(buf) as never)
  return book
}

/** A sheet as arrays of cell values (row 1 the header). */
function rowsOf(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = []
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
  return rows
}

const sum = (rows: unknown[][], col: number) => rows.reduce((n, r) => n + Number(r[col] ?? 0), 0)

describe('export.create', () => {
  let h: Harness
  let http: Awaited<ReturnType<typeof startHttp>>
  let orders: Order[]
  beforeEach(async () => {
    h = await createHarness()
    h.setNow(new Date('2026-04-10T02:00:00.000Z'))
    orders = seededOrders()
    for (const o of orders) await h.stores.orders.insertOrder(o)
    http = await startHttp(h)
  })
  afterEach(async () => {
    await http.close()
    h.close()
  })

  const create = (openid: string, payload: Record<string, unknown>) => http.post(openid, 'export', { action: 'create', ...payload })

  it('the 台账 of a 所 for a month: one row per served order, with the hours and people recounted here', async () => {
    const res = await create('demo-manager-suxi', { kind: 'activities', ...MARCH })
    expect(res.status).toBe(200)
    const want = recount(orders, 'unit-suxi')
    expect(res.body.data).toMatchObject({ fileName: '苏溪镇新时代文明实践所_志愿服务台账_2026-03.xlsx', rows: want.served, url: `/api/exports/${res.body.data.exportId}` })
    const file = await http.get('demo-manager-suxi', res.body.data.url)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toContain('spreadsheetml')
    expect(file.headers.get('content-disposition')).toBe(
      `attachment; filename="export-activities.xlsx"; filename*=UTF-8''${encodeURIComponent('苏溪镇新时代文明实践所_志愿服务台账_2026-03.xlsx')}`,
    )
    const book = await readXlsx(await file.arrayBuffer())
    const rows = rowsOf(book.getWorksheet('志愿服务台账')!)
    expect(rows[0]).toEqual(['活动日期', '服务地点', '承办单位', '服务主题', '服务项目', '志愿服务队', '参与志愿者及时长', '志愿者人次', '志愿服务时长（小时）', '服务人数', '群众评价', '评价内容', '订单编号'])
    const data = rows.slice(1)
    expect(data).toHaveLength(want.served)
    expect(sum(data, 7)).toBe(want.volunteerTimes)
    expect(sum(data, 8)).toBe(want.hours)
    expect(sum(data, 9)).toBe(want.people)
    // ids of exactly the served orders of the 所's subtree in March
    const ids = orders.filter((o) => o.unitPath.includes('unit-suxi') && o.createdAt < MARCH.to && SERVED.has(o.status)).map((o) => o.id)
    expect(data.map((r) => r[12]).sort()).toEqual(ids.sort())
    expect(data.every((r) => ['健康', '初心', '政策', '文化'].includes(String(r[3])))).toBe(true)
    // a comment that looks like a formula stays text
    expect(data.some((r) => r[11] === '=SUM(A1)')).toBe(true)
  })

  it('every order of the county with its fate; the volunteers with their services and hours', async () => {
    const res = await create('demo-admin', { kind: 'orders', unitId: 'unit-center', ...MARCH })
    const want = recount(orders, 'unit-center')
    expect(res.body.data.rows).toBe(want.orders)
    const book = await readXlsx(await (await http.get('demo-admin', res.body.data.url)).arrayBuffer())
    const rows = rowsOf(book.getWorksheet('点单明细')!).slice(1)
    expect(rows).toHaveLength(want.orders)
    const fates = rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [String(r[9])]: (acc[String(r[9])] ?? 0) + 1 }), {})
    expect(fates).toEqual({ 已完成服务: want.served, 办理中: want.open, 已退回: want.rejected, 已取消: want.cancelled })
    expect(want.served + want.open + want.rejected + want.cancelled).toBe(want.orders)
    expect(rows.filter((r) => r[9] === '已退回').every((r) => r[10] === '不在服务范围')).toBe(true)

    const v = await create('demo-admin', { kind: 'volunteers', unitId: 'unit-center', ...MARCH })
    const vbook = await readXlsx(await (await http.get('demo-admin', v.body.data.url)).arrayBuffer())
    const vrows = rowsOf(vbook.getWorksheet('志愿者服务统计')!).slice(1)
    expect(v.body.data.rows).toBe(want.perVolunteer.size)
    for (const r of vrows) expect({ services: r[2], hours: r[3] }).toEqual(want.perVolunteer.get(String(r[0])))
    expect(sum(vrows, 3)).toBe(want.hours)
  })

  it('the 14534 figures: one sheet per section, each figure with how it is counted', async () => {
    const res = await create('demo-manager-center', { kind: 'report14534', ...MARCH })
    expect(res.body.data.fileName).toBe('禾溪县新时代文明实践中心_14534报表数据_2026-03.xlsx')
    const book = await readXlsx(await (await http.get('demo-manager-center', res.body.data.url)).arrayBuffer())
    expect(book.worksheets.map((s) => s.name)).toEqual(['志愿服务活动', '理论宣讲', '志愿服务队伍', '按服务主题', '按下级单位', '统计口径'])
    const want = recount(orders, 'unit-center')
    const headline = new Map(rowsOf(book.getWorksheet('志愿服务活动')!).slice(1).map((r) => [r[0], r[1]]))
    expect(Object.fromEntries(headline)).toMatchObject({
      群众点单数: want.orders,
      志愿服务活动次数: want.served,
      参与志愿者人次: want.volunteerTimes,
      参与志愿者人数: want.volunteers,
      '志愿服务时长（小时）': want.hours,
      '服务覆盖人数（人次）': want.people,
      理论宣讲场次: want.lectures,
      志愿服务队伍数: 8,
    })
    for (const r of rowsOf(book.getWorksheet('志愿服务活动')!).slice(1)) expect(String(r[2]).length).toBeGreaterThan(5)
    const teams = rowsOf(book.getWorksheet('志愿服务队伍')!).slice(1)
    expect(teams.map((r) => r[0])).toEqual(['理论宣讲', '社会宣传', '教育专家', '文化艺术', '体育健身', '科技科普', '道德楷模', '移风易俗', '小区治理', '医疗健康', '垃圾分类', '其他', '合计'])
    expect(teams[teams.length - 1][1]).toBe(8)
    expect(sum(teams.slice(0, -1), 1)).toBe(8)
    const byUnit = rowsOf(book.getWorksheet('按下级单位')!).slice(1)
    expect(byUnit[byUnit.length - 1]).toEqual(['合计', want.orders, want.served, want.volunteerTimes, want.hours, want.people])
    expect(sum(byUnit.slice(0, -1), 1)).toBe(want.orders)
  })

  it('年度评选 (honours): a sheet per ranking that parses back to points.honors\' answer for the unit and year, and how each is counted', async () => {
    const YEAR_2026 = { from: '2025-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' }
    const res = await create('demo-manager-suxi', { kind: 'honours', ...YEAR_2026 })
    expect(res.body.ok).toBe(true)
    expect(res.body.data.fileName).toBe('苏溪镇新时代文明实践所_年度评选_2026年.xlsx')
    const book = await readXlsx(await (await http.get('demo-manager-suxi', res.body.data.url)).arrayBuffer())
    expect(book.worksheets.map((s) => s.name)).toEqual(['优秀志愿者', '优秀志愿服务队', '优秀实践站', '统计口径'])
    const honours = await h.ok('demo-manager-suxi', 'points', 'honors', { unitId: 'unit-suxi', year: 2026 })
    expect(honours.volunteers.length).toBeGreaterThan(1)
    expect(honours.stations.length).toBeGreaterThan(1)
    const blankNull = (x: unknown) => (x === null ? '' : x)
    const data = (name: string) => rowsOf(book.getWorksheet(name)!).slice(1).map((r) => r.map((c) => c ?? ''))
    expect(data('优秀志愿者')).toEqual(honours.volunteers.map((v: any) => [v.rank, v.name, v.hours, v.services, blankNull(v.averageRating)]))
    expect(data('优秀志愿服务队')).toEqual(honours.teams.map((t: any) => [t.rank, t.name, t.services, blankNull(t.goodShare), t.rated]))
    expect(data('优秀实践站')).toEqual(honours.stations.map((s: any) => [s.rank, s.name, s.served, s.people]))
    const notes = data('统计口径')
    expect(notes.map((r) => r[0])).toEqual(['共同口径', '优秀志愿者', '优秀志愿服务队', '优秀实践站'])
    for (const r of notes) expect(String(r[1]).length).toBeGreaterThan(20)

    const csv = await create('demo-manager-suxi', { kind: 'honours', format: 'csv', ...YEAR_2026 })
    const text = new TextDecoder().decode(Buffer.from(await (await http.get('demo-manager-suxi', csv.body.data.url)).arrayBuffer()))
    expect(text).toContain('【优秀实践站】')
    expect(text).toContain(`1,${honours.volunteers[0].name},${honours.volunteers[0].hours},`)
  })

  it('CSV: starts with the UTF-8 BOM, reads back as UTF-8 with the same rows', async () => {
    const res = await create('demo-manager-tanwei', { kind: 'activities', format: 'csv', ...MARCH })
    expect(res.body.data.fileName).toBe('滩尾村新时代文明实践站_志愿服务台账_2026-03.csv')
    const file = await http.get('demo-manager-tanwei', res.body.data.url)
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const bytes = Buffer.from(await file.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3))
    const lines = text.trimEnd().split('\r\n')
    expect(lines[0]).toBe('活动日期,服务地点,承办单位,服务主题,服务项目,志愿服务队,参与志愿者及时长,志愿者人次,志愿服务时长（小时）,服务人数,群众评价,评价内容,订单编号')
    const want = recount(orders, 'unit-tanwei')
    expect(lines).toHaveLength(1 + want.served)
    // a formula-looking comment is written after an apostrophe
    expect(text).not.toMatch(/,=SUM/)
    const report = await create('demo-manager-tanwei', { kind: 'report14534', format: 'csv', ...MARCH })
    const csv = new TextDecoder().decode(Buffer.from(await (await http.get('demo-manager-tanwei', report.body.data.url)).arrayBuffer()))
    expect(csv).toContain('【理论宣讲】')
    expect(csv).toContain(`参与志愿者人次,${want.volunteerTimes},`)
  })

  it("someone else's export is FORBIDDEN, without a token UNAUTHENTICATED, an unknown one NOT_FOUND", async () => {
    const res = await create('demo-manager-suxi', { kind: 'orders', ...MARCH })
    const url = res.body.data.url
    const other = await http.get('demo-manager-center', url)
    expect(other.status).toBe(403)
    expect(await other.json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只能下载本人导出的文件' } })
    expect((await http.get(null, url)).status).toBe(401)
    expect((await http.get('demo-manager-suxi', '/api/exports/exp_nothing')).status).toBe(404)
    expect((await http.get('demo-manager-suxi', '/api/exports/..%2F..%2Fsidan.db')).status).toBe(404)
    expect((await http.get('demo-manager-suxi', url)).status).toBe(200)
  })

  it('bad input is refused in Chinese and writes nothing: kind, period, unit, role', async () => {
    const before = h.dump()
    const filesBefore = readdirSync(h.files.dir)
    const refused: Array<[string, Record<string, unknown>, string, string]> = [
      ['demo-manager-suxi', { kind: 'photos', ...MARCH }, 'INVALID_INPUT', '导出类型有误，应为台账、点单明细、志愿者统计、14534报表或年度评选'],
      ['demo-manager-suxi', { kind: 'orders', from: MARCH.to, to: MARCH.from }, 'INVALID_INPUT', '结束时间应晚于开始时间'],
      ['demo-manager-suxi', { kind: 'orders', from: MARCH.from, to: MARCH.from }, 'INVALID_INPUT', '结束时间应晚于开始时间'],
      ['demo-manager-suxi', { kind: 'orders', from: '2023-01-01T00:00:00Z', to: '2026-01-01T00:00:01Z' }, 'INVALID_INPUT', '导出时段不能超过3年，请分段导出'],
      ['demo-manager-suxi', { kind: 'orders', from: 'yesterday', to: MARCH.to }, 'INVALID_INPUT', '开始时间格式不对'],
      ['demo-manager-suxi', { kind: 'orders', ...MARCH, format: 'pdf' }, 'INVALID_INPUT', '文件格式应为xlsx或csv'],
      ['demo-manager-suxi', { kind: 'orders', unitId: 'unit-wushan', ...MARCH }, 'FORBIDDEN', '只能导出本单位及下级单位的数据'],
      ['demo-manager-tanwei', { kind: 'orders', unitId: 'unit-suxi', ...MARCH }, 'FORBIDDEN', '只能导出本单位及下级单位的数据'],
      ['demo-volunteer-1', { kind: 'orders', ...MARCH }, 'FORBIDDEN', '只有实践中心（所、站）管理员可以导出数据'],
      ['demo-admin', { kind: 'orders', unitId: 'unit-nowhere', ...MARCH }, 'NOT_FOUND', '单位不存在'],
    ]
    for (const [who, payload, code, message] of refused) {
      expect(await h.call(who, 'export', 'create', payload)).toEqual({ ok: false, error: { code, message } })
    }
    expect(h.dump()).toBe(before)
    expect(readdirSync(h.files.dir)).toEqual(filesBefore)
    // exactly three years is allowed
    expect((await h.call('demo-admin', 'export', 'create', { kind: 'report14534', from: '2023-12-31T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' })).ok).toBe(true)
  })

  it('the same requestId answers the first export instead of making another (also when sent twice at once)', async () => {
    const payload = { kind: 'volunteers', ...MARCH, requestId: 'exp-1' }
    const [a, b] = await Promise.all([h.ok('demo-manager-suxi', 'export', 'create', payload), h.ok('demo-manager-suxi', 'export', 'create', payload)])
    expect(b.exportId).toBe(a.exportId)
    const c = await h.ok('demo-manager-suxi', 'export', 'create', payload)
    expect(c.exportId).toBe(a.exportId)
    expect(readdirSync(h.files.dir)).toHaveLength(1)
    // another person's same requestId is their own export
    const d = await h.ok('demo-manager-center', 'export', 'create', payload)
    expect(d.exportId).not.toBe(a.exportId)
    // once the first has expired, the same requestId makes a new one that downloads
    h.setNow(new Date(h.now().getTime() + 25 * 3600_000))
    const e = await h.ok('demo-manager-suxi', 'export', 'create', payload)
    expect(e.exportId).not.toBe(a.exportId)
    expect((await http.get('demo-manager-suxi', e.url)).status).toBe(200)
    expect((await http.get('demo-manager-suxi', a.url)).status).toBe(404)
  })

  it('the scheduled job deletes exports older than a day with their files, a bounded batch per run', async () => {
    const made = []
    for (let i = 0; i < 3; i++) made.push(await h.ok('demo-manager-suxi', 'export', 'create', { kind: 'orders', ...MARCH }))
    expect(readdirSync(h.files.dir)).toHaveLength(3)
    const day = 24 * 3600_000
    const early = await h.runCron(new Date(h.now().getTime() + day - 1000))
    expect(early).toMatchObject({ ok: true, data: { exportsDeleted: 0 } })
    expect((await http.get('demo-manager-suxi', made[0].url)).status).toBe(200)
    h.deps.policy.cron.purgeBatch = 2
    try {
      expect(await h.runCron(new Date(h.now().getTime() + day))).toMatchObject({ ok: true, data: { exportsDeleted: 2 } })
      expect(readdirSync(h.files.dir)).toHaveLength(1)
      expect(await h.runCron(new Date(h.now().getTime() + day))).toMatchObject({ ok: true, data: { exportsDeleted: 1 } })
    } finally {
      h.deps.policy.cron.purgeBatch = DEFAULT_POLICY.cron.purgeBatch
    }
    expect(readdirSync(h.files.dir)).toHaveLength(0)
    for (const m of made) expect(await h.stores.exports.getExport(m.exportId)).toBeNull()
    expect(existsSync(h.files.dir)).toBe(true)
  })

  it('a real loop through the handlers lands in the 台账 of its station', async () => {
    h.setNow(new Date('2026-03-02T01:00:00.000Z'))
    const placed = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: placed.id, teamIds: ['team-health'] })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: placed.id })
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: placed.id, hours: 1.5, beneficiaryCount: 4 })
    await h.ok('demo-resident-1', 'order', 'rate', { orderId: placed.id, stars: 5, comment: '医生很耐心' })
    // no check-in: the hours are 待核实 and count nothing until the station approves them (补录)
    const before = await h.ok('demo-manager-tanwei', 'export', 'create', { kind: 'activities', ...MARCH })
    const pending = rowsOf((await readXlsx(await (await http.get('demo-manager-tanwei', before.url)).arrayBuffer())).getWorksheet(1)!).find((r) => r[12] === placed.id)
    expect(pending?.slice(6, 9)).toEqual(['张护士（1.5小时·待核实）', 1, 0])
    await h.ok('demo-manager-tanwei', 'order', 'approveHours', { orderId: placed.id, volunteerId: uid('demo-volunteer-1'), hours: 1.5, reason: '队长证明到场' })
    const res = await h.ok('demo-manager-tanwei', 'export', 'create', { kind: 'activities', ...MARCH })
    const book = await readXlsx(await (await http.get('demo-manager-tanwei', res.url)).arrayBuffer())
    const row = rowsOf(book.getWorksheet(1)!).find((r) => r[12] === placed.id)
    expect(row).toEqual(['2026-03-02', '苏溪镇滩尾村三组12号', '滩尾村新时代文明实践站', '健康', '健康义诊', '县卫生健康志愿服务分队', '张护士（1.5小时·补录）', 1, 1.5, 4, '5星', '医生很耐心', placed.id])
  })
})

describe('export.create is limited per person and hour (DEFAULT_POLICY)', () => {
  it(`the ${DEFAULT_POLICY.rateLimits.exportsPerHour + 1}th export in an hour is RATE_LIMITED and writes no file; another person is not affected`, async () => {
    const h = await createHarness(DEFAULT_POLICY)
    try {
      h.setNow(new Date('2026-04-10T02:10:00.000Z'))
      for (let i = 0; i < DEFAULT_POLICY.rateLimits.exportsPerHour; i++) await h.ok('demo-manager-suxi', 'export', 'create', { kind: 'orders', ...MARCH })
      const files = readdirSync(h.files.dir).length
      expect(await h.call('demo-manager-suxi', 'export', 'create', { kind: 'orders', ...MARCH })).toEqual({
        ok: false,
        error: { code: 'RATE_LIMITED', message: `一小时内最多导出${DEFAULT_POLICY.rateLimits.exportsPerHour}次，请50分钟后再试` },
      })
      expect(readdirSync(h.files.dir)).toHaveLength(files)
      expect((await h.call('demo-manager-center', 'export', 'create', { kind: 'orders', ...MARCH })).ok).toBe(true)
      h.setNow(new Date('2026-04-10T03:00:00.000Z'))
      expect((await h.call('demo-manager-suxi', 'export', 'create', { kind: 'orders', ...MARCH })).ok).toBe(true)
    } finally {
      h.close()
    }
  })
})
