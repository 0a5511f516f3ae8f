/**
 * Proof of service in the browser (issue 10): the resident shows the 签到码, two volunteers type it on their task
 * page and check in; the development clock moves two hours on; volunteer A checks out with the current code and
 * completes with 2 hours and a photo (the order shows 服务人次, 服务地点 and the photo); volunteer B's hours are 待核实
 * and the handling station's manager 认定 them; A's 我的服务记录 shows 信用时长 2 hours, A 开具志愿服务证明 (the PDF,
 * caught as the browser's download and read back), and the public verify page, opened without signing in, shows it.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { maskName } from '~core/certificates'
import { ROUTES, withQuery } from '~src/routes'
import { openWorld, overflowing, type Person, type World } from './world'

// Taro's H5 router keeps earlier pages of the stack in the document, hidden: every locator looks at visible ones only.
const visible = (page: Page, selector: string) => page.locator(selector).locator('visible=true')
const see = (page: Page | Locator, text: string, exact = false) => page.getByText(text, { exact }).locator('visible=true').first()
const button = (page: Page, text: string) =>
  page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).locator('visible=true').first()
const field = (page: Page, placeholder: string) =>
  visible(page, `input[placeholder*="${placeholder}"], textarea[placeholder*="${placeholder}"]`).first()

/** Taro's H5 showModal: reads what it says, then taps its confirm button. */
async function confirmModal(page: Page): Promise<string> {
  const text = await visible(page, '.taro-modal__text').first().textContent()
  await visible(page, '.taro-model__confirm').first().click()
  return text ?? ''
}

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts')
const A = { openid: 'demo-volunteer-3', name: '赵医生' }
const B = { openid: 'demo-volunteer-4', name: '孙大姐' }

/** 大字模式 on for this person (the preference Taro keeps in localStorage), the page reloaded to read it. */
async function largeText(person: Person) {
  await person.page.evaluate(() => localStorage.setItem('sidan.prefs', JSON.stringify({ data: { largeText: true } })))
  await person.page.reload()
}

async function shoot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.waitForTimeout(400)
  await page.screenshot({ path: path.join(ARTIFACTS, `proof-of-service-${name}.png`) })
}

describe('proof of service (H5 in Chromium against the local host)', () => {
  let world: World
  beforeAll(async () => {
    world = await openWorld('proof-of-service')
  })
  afterAll(() => world?.close())

  async function token(openid: string): Promise<string> {
    const res = await fetch(`${world.baseUrl}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
    return ((await res.json()) as { token: string }).token
  }
  /** A call to the local host as a demo user; the answer's data (a refusal fails the test with its message). */
  async function api(openid: string, fn: string, body: object): Promise<any> {
    const res = await fetch(`${world.baseUrl}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(openid)}` },
      body: JSON.stringify(body),
    })
    const answer = (await res.json()) as any
    if (!answer.ok) throw new Error(`${fn}.${(body as any).action} as ${openid}: ${JSON.stringify(answer.error)}`)
    return answer.data
  }

  /** The six digits the resident's 签到码 page shows now (waiting out a code about to change). */
  async function codeOnScreen(page: Page): Promise<string> {
    const digits = visible(page, '.checkin-code__digits').first()
    await digits.waitFor()
    const countdown = (await visible(page, '.checkin-code__countdown').first().textContent()) ?? ''
    const left = Number(/(\d+)秒/.exec(countdown)?.[1] ?? 0)
    if (left < 5) {
      const before = (await digits.textContent())?.trim()
      await page.waitForFunction((old) => {
        const el = Array.from(document.querySelectorAll('.checkin-code__digits')).find((e) => (e as HTMLElement).offsetParent !== null)
        const text = el?.textContent?.trim() ?? ''
        return /^\d{6}$/.test(text) && text !== old
      }, before, { timeout: 40_000 })
    }
    const code = ((await digits.textContent()) ?? '').trim()
    expect(code).toMatch(/^\d{6}$/)
    return code
  }

  async function typeCode(page: Page, code: string, action: '签到' | '签退') {
    await field(page, '请向群众、管理员或队长要签到码').fill(code)
    await button(page, action).click()
  }

  it('签到码 → two check-ins → two hours later A checks out and completes with a photo → B 认定 → 证明 → 核验', async () => {
    const started = Date.now()
    const { baseUrl } = world
    // setup through the API: 王大爷's order for 2 volunteers, dispatched by his station, claimed by A and B of 卫生健康分队
    const placed = await api('demo-resident-1', 'order', {
      action: 'place', menuItemId: 'menu-19', need: '老伴血压高，想请医生上门量量血压', address: '滩尾村三组12号', phone: '13800001234', beneficiaryCount: 2,
    })
    const orderId = placed.order.id as string
    await api('demo-manager-tanwei', 'order', { action: 'dispatch', orderId, teamIds: ['team-health'], capacity: 2 })
    await api(A.openid, 'order', { action: 'claim', orderId })
    await api(B.openid, 'order', { action: 'claim', orderId })

    // the resident opens the order and 出示签到码 (320 px, 大字模式)
    const resident = await world.person('demo-resident-1', 'resident', 320)
    await largeText(resident)
    await resident.page.goto(`${baseUrl}/#${withQuery(ROUTES.resident.order, { id: orderId })}`)
    await button(resident.page, '出示签到码').click()
    await visible(resident.page, '.screen--large .checkin-code__digits').first().waitFor()
    const firstCode = await codeOnScreen(resident.page)
    await shoot(resident.page, 'code-320px-large')
    expect(await overflowing(resident.page)).toEqual([])

    // A and B type it on their task pages → 已签到
    const a = await world.person(A.openid, 'volunteer-a', 320)
    await largeText(a)
    const b = await world.person(B.openid, 'volunteer-b', 360)
    for (const v of [a, b]) {
      await v.page.goto(`${baseUrl}/#${withQuery(ROUTES.volunteer.task, { id: orderId })}`)
      await see(v.page, '现场签到').waitFor()
      await typeCode(v.page, firstCode, '签到')
      await see(v.page.locator('.task__site'), '已签到').waitFor()
      await button(v.page, '签退').waitFor()
    }
    // the toast 签到成功 gone, the panel in view
    await a.page.waitForFunction(() => !Array.from(document.querySelectorAll('.taro__toast')).some((t) => (t as HTMLElement).offsetParent !== null && getComputedStyle(t).display !== 'none'), undefined, { timeout: 5000 }).catch(() => undefined)
    await a.page.waitForTimeout(1600)
    await visible(a.page, '.task__site').first().scrollIntoViewIfNeeded()
    await shoot(a.page, 'task-checked-in-320px-large')
    expect(await overflowing(a.page)).toEqual([])

    // two hours later (the development clock, as the admin)
    const clock = await fetch(`${baseUrl}/api/dev/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token('demo-admin')}` },
      body: JSON.stringify({ now: new Date(Date.now() + 2 * 3600_000 + 60_000).toISOString() }),
    })
    expect(clock.status).toBe(200)

    // A checks out with the code the resident's page shows now
    await resident.page.reload()
    const laterCode = await codeOnScreen(resident.page)
    await a.page.reload()
    await typeCode(a.page, laterCode, '签退')
    await see(a.page.locator('.task__site'), '已签退').waitFor()

    // A completes: 2 hours, 服务人次 and 服务地点, a photo
    await button(a.page, '完成服务').click()
    await see(a.page, '服务时长（小时）').waitFor()
    await button(a.page, '+').click()
    await button(a.page, '+').click()
    await expect(visible(a.page, '.complete__hours').first().textContent()).resolves.toBe('2')
    const picture = await a.page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 160, height: 120 } })
    const chooser = a.page.waitForEvent('filechooser')
    await button(a.page, '添加照片（0/9）').click()
    await (await chooser).setFiles([{ name: 'site.png', mimeType: 'image/png', buffer: picture }])
    await button(a.page, '添加照片（1/9）').waitFor()
    await a.page.waitForFunction(() => !document.body.textContent?.includes('上传中'))
    await field(a.page, '服务了多少人次').fill('3')
    await field(a.page, '在哪里服务的').fill('滩尾村三组王大爷家')
    await button(a.page, '提交完成').click()
    // B did not check out: the page asks before completing for the team (or goes straight on)
    const asked = visible(a.page, '.taro-modal__text').first()
    if (await asked.isVisible().catch(() => false)) await confirmModal(a.page)
    await see(a.page, '待评单').waitFor()
    await see(a.page, '服务 3 人次，服务地点：滩尾村三组王大爷家').waitFor()
    await see(a.page, '活动照片 1 张').waitFor()

    // B's hours are 待核实; the station's manager 认定 them with a reason
    const manager = await world.person('demo-manager-tanwei', 'manager', 360)
    await manager.page.goto(`${baseUrl}/#${withQuery(ROUTES.manager.order, { id: orderId })}`)
    const pending = visible(manager.page, `[aria-label="${B.name}的待核实时长"]`).first()
    await pending.waitFor()
    await expect(pending.textContent()).resolves.toContain(`${B.name}：上报2小时`)
    await expect(visible(manager.page, `[aria-label="${A.name}的待核实时长"]`).count()).resolves.toBe(0)
    await pending.locator('textarea, input[placeholder*="队长证明"]').first().fill('站长在场，证明孙大姐全程参与')
    await manager.shot('hours-review')
    await button(manager.page, '认定').click()
    expect(await confirmModal(manager.page)).toContain(`确定为${B.name}补录2小时吗？`)
    await see(manager.page, '补录 2小时：站长在场，证明孙大姐全程参与').waitFor()
    await expect(visible(manager.page, '[aria-label="待核实的服务时长"]').count()).resolves.toBe(0)

    // A's 我的服务记录: 信用时长 2 hours; 开具志愿服务证明 → the PDF
    await a.page.goto(`${baseUrl}/#${ROUTES.volunteer.records}`)
    const row = visible(a.page, '.records__row').filter({ hasText: '健康义诊' }).first()
    await row.waitFor()
    await expect(row.locator('.records__hours').textContent()).resolves.toBe('2小时')
    await expect(row.locator('.records__chip').textContent()).resolves.toBe('信用时长')
    const downloading = a.page.waitForEvent('download')
    await button(a.page, '开具志愿服务证明').click()
    const download = await downloading
    const serialText = ((await visible(a.page, '.records__serial').first().textContent()) ?? '').trim()
    const serial = serialText.replace('证明编号', '').trim()
    expect(serial).toMatch(/^ZY-/)
    expect(download.suggestedFilename()).toBe(`志愿服务证明_${serial}.pdf`)
    const pdfPath = (await download.path())!
    const pdf = await readFile(pdfPath)
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF')
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', pdfPath, '-']).toString('utf8').replace(/\s+/g, '')
      expect(text).toContain(A.name)
      expect(text).toContain(serial)
      expect(text).toMatch(/2(\.0)?小时/)
    }

    // the public verify page, without signing in (a fresh context), at 320 px in 大字模式
    const context = await world.browser.newContext({ viewport: { width: 320, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
    const stranger = await context.newPage()
    await stranger.addInitScript(() => localStorage.setItem('sidan.prefs', JSON.stringify({ data: { largeText: true } })))
    await stranger.goto(`${baseUrl}/#${withQuery(ROUTES.public.verify, { serial })}`)
    await see(stranger, '证明有效').waitFor()
    await visible(stranger, '.screen--large').first().waitFor()
    await see(stranger, `证明编号：${serial}`).waitFor()
    await see(stranger, '志愿服务时长 2 小时').waitFor()
    await see(stranger, maskName(A.name), true).waitFor()
    await see(stranger, '状态：有效').waitFor()
    await expect(stranger.getByText(A.name).locator('visible=true').count()).resolves.toBe(0)
    await shoot(stranger, 'verify-320px-large')
    expect(await overflowing(stranger)).toEqual([])
    await context.close()

    console.log(`proof-of-service journey: ${((Date.now() - started) / 1000).toFixed(1)} s`)
  })
})
