/**
 * Every page for every reader (issue 14): axe-core over every page of app.config.ts (so a page added there is
 * checked without a word here), for each role, in normal and in 大字模式, at 320px; no serious or critical
 * violation, and in 大字模式 every tap target at least 44×44 CSS px. The counts go to
 * test-artifacts/accessibility.json (the README quotes them); a screenshot of each page in 大字模式 beside it.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { ROUTES } from '~src/routes'
import { accessibilityViolations, openWorld, smallTapTargets, type Person, type Violation, type World } from './world'

type AppConfig = { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> }

function appConfig(): AppConfig {
  const g = globalThis as unknown as { defineAppConfig?: (c: AppConfig) => AppConfig }
  g.defineAppConfig = (c) => c
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('~src/app.config').default
}

const config = appConfig()
const mainPages = config.pages.map((p) => `/${p}`).filter((p) => p !== ROUTES.login)
const packagePages = (root: string) => config.subPackages.filter((sp) => sp.root === root).flatMap((sp) => sp.pages.map((p) => `/${sp.root}/${p}`))
const everyPackagePage = config.subPackages.flatMap((sp) => sp.pages.map((p) => `/${sp.root}/${p}`))

/** Subpackages every role opens (光荣榜, 使用帮助 …): those not named after a role below. */
const ROLE_PACKAGES = ['packages/resident', 'packages/volunteer', 'packages/manager']
const sharedPages = config.subPackages.filter((sp) => !ROLE_PACKAGES.includes(sp.root)).flatMap((sp) => sp.pages.map((p) => `/${sp.root}/${p}`))

/**
 * Who visits what: every role the main package and the shared subpackages; each role's subpackage by its people
 * (the county admin also takes every manager page, and any page of a subpackage not listed here).
 */
const ROLES: Array<{ role: string; openid: string; pages: string[] }> = [
  { role: 'resident', openid: 'demo-resident-1', pages: [...mainPages, ...sharedPages, ...packagePages('packages/resident')] },
  { role: 'proxy', openid: 'demo-proxy', pages: [...mainPages, ...sharedPages, ROUTES.resident.menu, ROUTES.resident.place] },
  { role: 'volunteer', openid: 'demo-volunteer-1', pages: [...mainPages, ...sharedPages, ...packagePages('packages/volunteer')] },
  { role: 'leader', openid: 'demo-leader-xiaolao', pages: [...mainPages, ...sharedPages, ROUTES.volunteer.approvals, ROUTES.volunteer.teams] },
  { role: 'manager', openid: 'demo-manager-tanwei', pages: [...mainPages, ...sharedPages, ...packagePages('packages/manager').filter((p) => p !== ROUTES.manager.audit && p !== ROUTES.manager.people)] },
  { role: 'admin', openid: 'demo-admin', pages: [...mainPages, ...sharedPages, ...everyPackagePage.filter((p) => !sharedPages.includes(p) && !p.startsWith('/packages/resident') && !p.startsWith('/packages/volunteer'))] },
]

interface Tally {
  visits: number
  pages: Set<string>
  violations: Violation[]
  small: string[]
}
const tally: Record<'normal' | 'large', Tally> = {
  normal: { visits: 0, pages: new Set(), violations: [], small: [] },
  large: { visits: 0, pages: new Set(), violations: [], small: [] },
}

describe('every page, every reader: axe-core and tap targets at 320px', () => {
  let world: World
  const ids = { open: '', completed: '' }
  beforeAll(async () => {
    world = await openWorld('accessibility')
    // an order for every detail page: placed, dispatched and claimed by volunteer 1; and one done, for 评单
    const placed = await api('demo-resident-1', 'order', {
      action: 'place', menuItemId: 'menu-19', need: '老人独居，想请医生上门量血压', address: '苏溪镇滩尾村三组12号', phone: '13800001234',
    })
    ids.open = placed.data.order.id
    await api('demo-manager-tanwei', 'order', { action: 'dispatch', orderId: ids.open, teamIds: ['team-health'], capacity: 2 })
    await api('demo-volunteer-1', 'order', { action: 'claim', orderId: ids.open })
    const done = await api('demo-resident-1', 'order', {
      action: 'place', menuItemId: 'menu-19', need: '想请医生看看平时吃的药', address: '苏溪镇滩尾村三组12号', phone: '13800001234',
      // the same item again within 24 h: the resident has been asked and confirms (issue 14's duplicate question)
      confirmDuplicate: true,
    })
    ids.completed = done.data.order.id
    await api('demo-manager-tanwei', 'order', { action: 'dispatch', orderId: ids.completed, teamIds: ['team-health'], capacity: 1 })
    await api('demo-volunteer-2', 'order', { action: 'claim', orderId: ids.completed })
    await api('demo-volunteer-2', 'order', { action: 'complete', orderId: ids.completed, hours: 1, beneficiaryCount: 1, note: '' })
    // the scheduled job delivers what these writes told people: every 消息 page has messages of several kinds
    await api('demo-admin', 'dev/cron', {})
  }, 120_000)
  afterAll(async () => {
    const out = path.resolve(__dirname, '../../test-artifacts')
    mkdirSync(out, { recursive: true })
    const summary = Object.fromEntries(
      Object.entries(tally).map(([mode, t]) => [mode, { visits: t.visits, pages: t.pages.size, violations: t.violations, smallTapTargets: t.small }]),
    )
    writeFileSync(path.join(out, 'accessibility.json'), JSON.stringify(summary, null, 2))
    await world?.close()
  })

  async function api(openid: string, fn: string, body: object) {
    const { token } = (await (await fetch(`${world.baseUrl}/api/dev/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }),
    })).json()) as { token: string }
    const res = await fetch(`${world.baseUrl}/api/${fn}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    })
    const json = (await res.json()) as any
    if (!json.ok) throw new Error(`${fn}.${(body as { action: string }).action}: ${JSON.stringify(json.error)}`)
    return json
  }

  /** The query each page needs to show something: its order, the menu item to order. */
  const queryOf = (route: string) => (route === ROUTES.resident.rate ? `?id=${ids.completed}` : `?id=${ids.open}&menuItemId=menu-19`)

  async function visit(person: Person, route: string, mode: 'normal' | 'large', who: string) {
    const { page } = person
    await page.goto(`${world.baseUrl}/#${route}${queryOf(route)}`)
    await page.locator(mode === 'large' ? '.screen.screen--large' : '.screen').locator('visible=true').first().waitFor()
    // the data arrives (no skeleton left on screen: StateView marks it aria-busy), then the slide-in ends (Taro H5:
    // 300 ms after a 50 ms delay)
    await page.waitForFunction(
      () => !Array.from(document.querySelectorAll('[aria-busy="true"]')).some((e) => (e as HTMLElement).offsetParent !== null),
      null,
      { timeout: 10_000 },
    )
    await page.waitForTimeout(350)
    const name = `${who} ${route} (${mode === 'large' ? '大字模式' : '普通'})`
    tally[mode].visits++
    tally[mode].pages.add(route)
    tally[mode].violations.push(...(await accessibilityViolations(page, name)))
    if (mode === 'large') {
      for (const small of await smallTapTargets(page)) tally[mode].small.push(`${name}: ${small}`)
      await person.shot(`${who}-${route.split('/').slice(-3, -1).join('-').replace('pages-', '')}`)
    }
  }

  const cases = ROLES.flatMap((r) => (['normal', 'large'] as const).map((mode) => [r.role, mode, r] as const))

  it.each(cases)('%s, %s', async (_role, mode, { role, openid, pages }) => {
    const person = await world.person(openid, `${role}${mode === 'large' ? '-large' : ''}`, 320)
    if (mode === 'large') {
      await person.page.goto(`${world.baseUrl}/#${ROUTES.me}`)
      await person.page.locator('.me__switch').locator('visible=true').first().click()
      await person.page.locator('.screen--large').locator('visible=true').first().waitFor()
    }
    const before = { violations: tally[mode].violations.length, small: tally[mode].small.length }
    for (const route of pages) await visit(person, route, mode, role)
    await person.page.context().close()
    expect(tally[mode].violations.slice(before.violations)).toEqual([])
    expect(tally[mode].small.slice(before.small)).toEqual([])
  }, 600_000)

  it.each(['normal', 'large'] as const)('the login page, signed out, %s', async (mode) => {
    const context = await world.browser.newContext({ viewport: { width: 320, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
    const page = await context.newPage()
    if (mode === 'large') await page.addInitScript(() => localStorage.setItem('sidan.prefs', JSON.stringify({ data: { largeText: true } })))
    await page.goto(`${world.baseUrl}/#${ROUTES.login}`)
    await page.getByText('开发登录（仅本地演示）').waitFor()
    const name = `signed out ${ROUTES.login} (${mode})`
    tally[mode].visits++
    tally[mode].pages.add(ROUTES.login)
    const violations = await accessibilityViolations(page, name)
    tally[mode].violations.push(...violations)
    expect(violations).toEqual([])
    await context.close()
  }, 120_000)
})
