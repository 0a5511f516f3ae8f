import ExcelJS from 'exceljs'
import { readFile } from 'node:fs/promises'
import type { Page } from 'playwright-core'
import type { OverviewItem, SummaryStats } from '~types/api'
import { ROUTES } from '~src/routes'
import { periodOf } from '~src/packages/stats/period'
import { openWorld, overflowing, type World } from './world'

// Taro's H5 router keeps earlier pages of the stack in the document, hidden: every locator looks at visible ones only.
const visible = (page: Page, selector: string) => page.locator(selector).locator('visible=true')
const see = (page: Page, text: string, exact = false) => page.getByText(text, { exact }).locator('visible=true').first()
const card = (page: Page, selector: string, text: string) => page.locator(selector, { hasText: text }).locator('visible=true').first()
const button = (page: Page, text: string) =>
  page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).locator('visible=true').first()

/** From the home page to one of its entries. */
async function openEntry(page: Page, baseUrl: string, title: string) {
  await page.goto(`${baseUrl}/#${ROUTES.home}`)
  await card(page, '.home__entry', title).click()
}

/** Taro's Input is a wrapper: the real <input> inside it takes the text (getByPlaceholder lands on the wrapper). */
async function fill(page: Page, placeholder: string, value: string) {
  await visible(page, `input[placeholder*="${placeholder}"]`).first().fill(value)
}

/** A statistics table (FigureTable) as rows of cell texts, the header row first. */
async function tableOf(page: Page, caption: string): Promise<string[][]> {
  const table = visible(page, `.figure-table[aria-label="${caption}"]`).first()
  await table.waitFor()
  return table.locator('.figure-table__row').evaluateAll((rows) =>
    rows.map((row) => Array.from(row.querySelectorAll('.figure-table__cell')).map((cell) => (cell.textContent ?? '').trim())),
  )
}

/** The headline figure of `label` (e.g. 点单数) as the page shows it. */
async function headline(page: Page, label: string): Promise<string> {
  const figure = card(page, '.stats__figure', `${label}（`)
  return ((await figure.locator('.stats__value').textContent()) ?? '').trim()
}

/** Waits until `check` holds (the page's figures arrive after its heading). */
async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting for the page')
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** The element is on screen now, not only in the page (scrolled out of sight is not seen). */
async function onScreen(page: Page, selector: string, text: string): Promise<boolean> {
  const box = await card(page, selector, text).boundingBox()
  const height = page.viewportSize()!.height
  return box !== null && box.y >= 0 && box.y < height
}

const UNIT_NAMES: Record<string, string> = {
  'unit-suxi': '苏溪镇新时代文明实践所',
  'unit-tanwei': '滩尾村新时代文明实践站',
  'unit-jiangbin': '江滨村新时代文明实践站',
}
const SERVED = ['completed', 'rated', 'closed'] as const

/**
 * Issue 9's journey: a 所 manager (苏溪所李所长) finds a dispatched order by the resident's name in 订单总览, opens
 * 统计 and drills into a station, and exports the month's 台账, read back here with exceljs.
 */
describe('the manager\'s workbench (H5 in Chromium against the local host)', () => {
  let world: World
  const month = periodOf('month', new Date())
  let dispatchedId = ''

  beforeAll(async () => {
    world = await openWorld('workbench')
    // 滩尾村王大爷's order, dispatched by the station and waiting for a volunteer
    const placed = await api('demo-resident-1', 'order', {
      action: 'place', menuItemId: 'menu-19', need: '王大爷腿脚不便，想请医生上门量血压', address: '滩尾村三组12号', phone: '13800001234',
    })
    dispatchedId = placed.order.id
    await api('demo-manager-tanwei', 'order', { action: 'dispatch', orderId: dispatchedId, teamIds: ['team-health'], capacity: 2 })
    // two served orders of 江滨村李奶奶 at the other station: the 台账's rows
    const checkup = await api('demo-resident-2', 'order', {
      action: 'place', menuItemId: 'menu-19', need: '李奶奶想测测血糖', address: '江滨村二组5号', phone: '13800005678',
    })
    await api('demo-manager-jiangbin', 'order', { action: 'dispatch', orderId: checkup.order.id, teamIds: ['team-health'], capacity: 1 })
    await api('demo-volunteer-2', 'order', { action: 'claim', orderId: checkup.order.id })
    await api('demo-volunteer-2', 'order', { action: 'complete', orderId: checkup.order.id, hours: 1.5, beneficiaryCount: 3, note: '量了血压，测了血糖' })
    await approveAll(checkup.order.id, 1.5)
    await api('demo-resident-2', 'order', { action: 'rate', orderId: checkup.order.id, stars: 5, comment: '医生很耐心' })
    const river = await api('demo-resident-2', 'order', {
      action: 'place', menuItemId: 'menu-24', need: '村口河道垃圾多，想请志愿者一起清理', address: '江滨村河堤', phone: '13800005678',
    })
    await api('demo-manager-jiangbin', 'order', { action: 'dispatch', orderId: river.order.id, teamIds: ['team-jiangbin'], capacity: 2 })
    await api('demo-volunteer-5', 'order', { action: 'claim', orderId: river.order.id })
    await api('demo-leader-jiangbin', 'order', { action: 'claim', orderId: river.order.id })
    const done = await api('demo-volunteer-5', 'order', { action: 'complete', orderId: river.order.id, hours: 2, beneficiaryCount: 5, note: '清了两百米河道' })
    expect(done.order.claims).toHaveLength(2)
    await approveAll(river.order.id, 2)
  })

  /** Nobody checked in on site: the station approves each claimer's hours (补录), so that they count. */
  async function approveAll(orderId: string, hours: number) {
    const { order } = await api('demo-manager-jiangbin', 'order', { action: 'get', orderId })
    for (const c of order.claims) {
      await api('demo-manager-jiangbin', 'order', { action: 'approveHours', orderId, volunteerId: c.volunteerId, hours, reason: '站长证明到场' })
    }
  }
  afterAll(() => world?.close())

  const api = (openid: string, fn: string, body: { action: string } & Record<string, unknown>) => world.api(openid, fn, body)

  const summaryOf = async (unitId: string): Promise<SummaryStats> =>
    (await api('demo-manager-suxi', 'stats', { action: 'summary', unitId, ...month })).stats

  it('finds the dispatched order by the resident\'s name, checks 统计 against stats.summary, drills into a station, exports the 台账', async () => {
    const { baseUrl } = world
    const started = Date.now()
    const manager = await world.person('demo-manager-suxi', 'institute-manager', 360)
    const { page } = manager

    // 订单总览: search the resident's name, only her order shows; its card says its status and who ordered
    await openEntry(page, baseUrl, '订单总览')
    await card(page, '.overview-card', '江滨村李奶奶').waitFor()
    await fill(page, '搜索标题', '王大爷')
    await button(page, '搜索').click()
    const found = card(page, '.overview-card', '滩尾村王大爷')
    await found.waitFor()
    await expect(visible(page, '.overview-card').count()).resolves.toBe(1)
    const text = (await found.textContent()) ?? ''
    expect(text).toContain('健康义诊')
    expect(text).toContain('待接单')
    expect(text).toContain('点单人：滩尾村王大爷')
    expect(text).toContain('县卫生健康志愿服务分队')
    expect(text).toContain('名额 0/2')
    await manager.shot('overview-search')
    await found.click()
    await page.waitForURL((url) => url.hash.includes(ROUTES.manager.order) && url.hash.includes(dispatchedId))
    await see(page, '王大爷腿脚不便，想请医生上门量血压').waitFor()
    await see(page, '待接单').waitFor()
    await manager.shot('overview-order')

    // 统计: the 所's month, the headline figures and the table under the units' chart as stats.summary answers
    const suxi = await summaryOf('unit-suxi')
    expect(suxi).toMatchObject({ placed: 3, served: 2 })
    await openEntry(page, baseUrl, '统计')
    await card(page, '.stats__unit', UNIT_NAMES['unit-suxi']).waitFor()
    await visible(page, '.stats__figure').first().waitFor()
    expect(await headline(page, '点单数')).toBe(String(suxi.placed))
    expect(await headline(page, '服务场次')).toBe(String(suxi.served))
    expect(await headline(page, '服务人数')).toBe(String(suxi.people))
    expect(await headline(page, '志愿者人次')).toBe(String(suxi.volunteerTimes))
    const units = await tableOf(page, '按下级单位')
    expect(units[0]).toEqual(['单位', '点单', '完成', '服务人数', '服务时长'])
    expect(units.slice(1)).toEqual(
      suxi.units.map((u) => [
        u.unitId === 'unit-suxi' ? `${UNIT_NAMES[u.unitId]}（本级）` : UNIT_NAMES[u.unitId],
        String(u.placed),
        String(u.served),
        String(u.people),
        String(u.hours),
      ]),
    )
    const funnel = await tableOf(page, '四单进度')
    expect(funnel.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['点单', String(suxi.placed)], ['派单', String(suxi.dispatched)], ['接单', String(suxi.taken)], ['完成', String(suxi.served)], ['评单', String(suxi.rated)],
    ])
    await manager.shot('stats-institute')

    // tap the station's row: its own figures, under its name
    const jiangbin = await summaryOf('unit-jiangbin')
    expect(jiangbin).toMatchObject({ placed: 2, served: 2, people: 8, hours: 5.5, volunteerTimes: 3 })
    await card(page, '.figure-table__row--tap', UNIT_NAMES['unit-jiangbin']).click()
    await card(page, '.stats__unit', UNIT_NAMES['unit-jiangbin']).waitFor()
    await button(page, `返回${UNIT_NAMES['unit-suxi']}`).waitFor()
    // the tap was at the bottom of the page: the station's name and figures are shown from the top
    await until(() => onScreen(page, '.stats__unit', UNIT_NAMES['unit-jiangbin']))
    await until(async () => (await headline(page, '点单数')) === String(jiangbin.placed))
    expect(await headline(page, '服务人数')).toBe(String(jiangbin.people))
    expect(await headline(page, '服务时长')).toBe(String(jiangbin.hours))
    expect((await tableOf(page, '按服务主题')).slice(1).map((r) => r[0]).sort()).toEqual(['健康', '生态'])
    await manager.shot('stats-station')

    // 导出报表: this month's 台账 as Excel, caught as the browser's download and read back here
    await openEntry(page, baseUrl, '导出报表')
    await card(page, '.export__choice', '志愿服务台账').click()
    await card(page, '.export__choice', '本月').click()
    await card(page, '.export__choice', 'Excel').click()
    const downloading = page.waitForEvent('download')
    await button(page, '导出').click()
    const download = await downloading
    const month7 = month.from.slice(0, 7)
    expect(download.suggestedFilename()).toBe(`${UNIT_NAMES['unit-suxi']}_志愿服务台账_${month7}.xlsx`)
    await see(page, `共${suxi.served}行`).waitFor()
    await until(() => onScreen(page, '.export__made', '志愿服务台账'))
    await manager.shot('export-made')

    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await readFile((await download.path())!)) as never)
    const rows: unknown[][] = []
    book.getWorksheet('志愿服务台账')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    expect(rows[0]).toEqual(['活动日期', '服务地点', '承办单位', '服务主题', '服务项目', '志愿服务队', '参与志愿者及时长', '志愿者人次', '志愿服务时长（小时）', '服务人数', '群众评价', '评价内容', '订单编号'])
    // the served orders of the month as order.overview serves them
    const served: OverviewItem[] = (await api('demo-manager-suxi', 'order', { action: 'overview', status: [...SERVED], ...month, limit: 50 })).items
    expect(served).toHaveLength(2)
    const data = rows.slice(1)
    expect(data.map((r) => r[12]).sort()).toEqual(served.map((o) => o.id).sort())
    for (const o of served) {
      const row = data.find((r) => r[12] === o.id)!
      expect(row[2]).toBe(o.unitName)
      expect(row[4]).toBe(o.title)
      expect(row[7]).toBe(o.claims.length)
      expect(row[8]).toBe(o.completion!.hours * o.claims.length)
      expect(row[9]).toBe(o.completion!.beneficiaryCount)
      for (const c of o.claims) expect(String(row[6])).toContain(c.name)
    }
    expect(data.find((r) => r[11] === '医生很耐心')).toBeTruthy()
    console.log(`workbench journey: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  })

  it('订单总览, 统计 and 导出报表 fit a 320px screen in 大字模式', async () => {
    const { baseUrl } = world
    const narrow = await world.person('demo-manager-suxi', 'large-320', 320)
    const { page } = narrow
    await page.goto(`${baseUrl}/#${ROUTES.me}`)
    await visible(page, '.me__switch').first().click()
    await visible(page, '.screen--large').first().waitFor()
    const wide: string[] = []
    // each page, and what is further down it (the tables under the charts, the 导出 button)
    const pages: Array<[string, string, string, string[]]> = [
      ['overview', ROUTES.manager.overview, '.overview-card', ['.overview-card']],
      ['stats', ROUTES.stats.summary, '.figure-table', ['.figure-table[aria-label="四单进度"]', '.figure-table[aria-label="每一单的去向"]', '.figure-table[aria-label="按下级单位"]']],
      ['export', ROUTES.manager.export, '.export__choice', ['taro-button-core.btn--primary']],
    ]
    for (const [name, route, ready, further] of pages) {
      await page.goto(`${baseUrl}/#${route}`)
      await visible(page, `.screen.screen--large ${ready}`).first().waitFor()
      await page.waitForTimeout(300)
      for (const offender of await overflowing(page)) wide.push(`${name}: ${offender}`)
      await narrow.shot(`${name}-320px-large`)
      for (const [i, selector] of further.entries()) {
        await visible(page, selector).first().scrollIntoViewIfNeeded()
        await narrow.shot(`${name}-320px-large-${i + 1}`)
      }
    }
    expect(wide).toEqual([])
  })
})
