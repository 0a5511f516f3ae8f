/**
 * 9. Client round trips per lifecycle tap: the H5 build in Chromium against the local host (the browser journeys'
 * world), counting the POST /api/* requests the app sends from the tap on 派单, 接单 or 提交评价 until the page shows
 * the new status and the network has been quiet for a moment. Needs /usr/bin/chromium and dist-h5/; without either
 * it reports why it did not run. About 10 s; left out of the tiny profile (npm test), alone: `npm run bench -- --only=taps`.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page, Request } from 'playwright-core'
import { openWorld, type Person, type World } from '~test/e2e/world'
import { PLACE } from './http'

const ROOT = path.resolve(__dirname, '../..')
/** After the new status shows, a request that has not started within this long is not part of the tap. */
const QUIET_MS = 600

export interface TapCount {
  tap: string
  /** what the app asked the API for, in order (function.action) */
  requests: string[]
}

export type TapsResult = { available: true; taps: TapCount[] } | { available: false; reason: string }

const button = (page: Page, text: string) =>
  page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).locator('visible=true').first()
const see = (page: Page, text: string) => page.getByText(text).locator('visible=true').first()
const card = (page: Page, selector: string, text: string) => page.locator(selector, { hasText: text }).locator('visible=true').first()

async function openEntry(page: Page, baseUrl: string, title: string) {
  await page.goto(`${baseUrl}/#/pages/home/index`)
  await card(page, '.home__entry', title).click()
}

/** The API calls `page` makes while `tap` runs and until `done` shows and no request has started for QUIET_MS. */
async function countTap(page: Page, label: string, tap: () => Promise<void>, done: () => Promise<void>): Promise<TapCount> {
  const requests: string[] = []
  let last = Date.now()
  const onRequest = (req: Request) => {
    const url = new URL(req.url())
    if (req.method() !== 'POST' || !url.pathname.startsWith('/api/') || url.pathname.startsWith('/api/dev/')) return
    let action = '?'
    try {
      action = String((JSON.parse(req.postData() ?? '{}') as { action?: unknown }).action ?? '?')
    } catch {
      // a body that is not JSON names no action: counted as '?'
    }
    requests.push(`${url.pathname.slice('/api/'.length)}.${action}`)
    last = Date.now()
  }
  page.on('request', onRequest)
  try {
    await tap()
    await done()
    await page.waitForLoadState('networkidle')
    while (Date.now() - last < QUIET_MS) await page.waitForTimeout(QUIET_MS - (Date.now() - last))
  } finally {
    page.off('request', onRequest)
  }
  return { tap: label, requests }
}

/** Runs one step of the way to a tap; a failure names the step and leaves a screenshot of what the person saw. */
async function step(person: Person, name: string, run: () => Promise<void>) {
  try {
    await run()
  } catch (err) {
    await person.shot(`failed-${name.replace(/\s+/g, '-')}`).catch(() => {})
    throw new Error(`${name}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`, { cause: err })
  }
}

async function api(world: World, openid: string, fn: string, body: object) {
  const login = await fetch(`${world.baseUrl}/api/dev/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid }),
  })
  const { token } = (await login.json()) as { token: string }
  const res = await fetch(`${world.baseUrl}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  const answer = (await res.json()) as { ok: boolean; data?: any; error?: { message: string } }
  if (!answer.ok) throw new Error(`${fn}.${(body as { action: string }).action}: ${answer.error?.message}`)
  return answer.data
}

export async function tapsSection(opts: { chromium?: string; root?: string } = {}): Promise<TapsResult> {
  const chromium = opts.chromium ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!fs.existsSync(chromium)) return { available: false, reason: `${chromium} is missing (apt-get install -y chromium)` }
  if (!fs.existsSync(path.join(opts.root ?? ROOT, 'dist-h5/index.html'))) return { available: false, reason: 'dist-h5/ is missing (npm run build:h5)' }

  const world = await openWorld('bench-taps')
  try {
    const { order } = await api(world, 'demo-resident-1', 'order', PLACE)
    const title = order.title as string
    const taps: TapCount[] = []

    // 派单: the station's manager sends the order to the recommended team
    const manager = await world.person('demo-manager-tanwei', 'manager')
    await step(manager, 'open the order in 派单台', async () => {
      await openEntry(manager.page, world.baseUrl, '派单台')
      await card(manager.page, '.order-card', title).click()
      await see(manager.page, '推荐的志愿服务队').waitFor()
    })
    taps.push(await countTap(manager.page, '派单', () => button(manager.page, '派单').click(), () => see(manager.page, '待接单').waitFor()))

    // 接单: a volunteer of the recommended teams takes it from the task hall
    const volunteer = await world.person('demo-volunteer-3', 'volunteer')
    await step(volunteer, 'open the order in 任务大厅', async () => {
      await openEntry(volunteer.page, world.baseUrl, '任务大厅')
      await card(volunteer.page, '.order-card', title).click()
      await button(volunteer.page, '接单').waitFor()
    })
    taps.push(await countTap(volunteer.page, '接单', () => button(volunteer.page, '接单').click(), () => see(volunteer.page, '拨打电话').waitFor()))
    await api(world, 'demo-volunteer-3', 'order', { action: 'complete', orderId: order.id, hours: 1, beneficiaryCount: 2 })

    // 评单: the resident rates the service
    const resident = await world.person('demo-resident-1', 'resident')
    await step(resident, 'open the rating form from 我的点单', async () => {
      await openEntry(resident.page, world.baseUrl, '我的点单')
      await card(resident.page, '.order-card', title).click()
      await button(resident.page, '去评单').click()
      await see(resident.page, '服务满意吗？').waitFor()
      await resident.page.locator('.rate__star').locator('visible=true').nth(4).click()
    })
    taps.push(await countTap(resident.page, '评单', () => button(resident.page, '提交评价').click(), () => see(resident.page, '已评单').waitFor()))
    return { available: true, taps }
  } finally {
    await world.close()
  }
}
