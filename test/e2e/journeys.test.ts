import type { Page } from 'playwright-core'
import { openWorld, overflowing, type World } from './world'

// Taro's H5 router keeps earlier pages of the stack in the document, hidden: every locator looks at visible ones only.

/** A Taro button (a web component in H5) whose whole text is `text`. */
const button = (page: Page, text: string) =>
  page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).locator('visible=true').first()

/** Visible text on the page now on screen. */
const see = (page: Page, text: string, exact = false) => page.getByText(text, { exact }).locator('visible=true').first()

/** A visible element of `selector` holding `text`. */
const card = (page: Page, selector: string, text: string) => page.locator(selector, { hasText: text }).locator('visible=true').first()

/** From the home page to one of its entries. */
async function openEntry(page: Page, baseUrl: string, title: string) {
  await page.goto(`${baseUrl}/#/pages/home/index`)
  await card(page, '.home__entry', title).click()
}

async function fill(page: Page, placeholder: string, value: string) {
  const field = page.locator(`input[placeholder*="${placeholder}"], textarea[placeholder*="${placeholder}"]`).locator('visible=true').first()
  await field.fill(value)
}

describe('browser journeys (H5 in Chromium against the local host)', () => {
  let world: World
  beforeAll(async () => {
    world = await openWorld('journeys')
  })
  afterAll(() => world?.close())

  it('点单 → 派单 → 接单 (the race for the last place) → 完成 → 评单 → the volunteer sees the points', async () => {
    const { baseUrl } = world

    // 群众点单
    const resident = await world.person('demo-resident-1', 'resident')
    await openEntry(resident.page, baseUrl, '我要点单')
    await see(resident.page, '健康义诊', true).click()
    await fill(resident.page, '请说说需要什么帮助', '老伴血压高，想请医生上门量量血压')
    await fill(resident.page, '如：东关村3组12号', '滩尾村三组12号')
    await fill(resident.page, '11位手机号码', '13800001234')
    await resident.shot('place-form')
    await button(resident.page, '提交点单').click()
    await see(resident.page, '待派单').waitFor()
    const orderId = new URL(resident.page.url().replace('/#/', '/')).searchParams.get('id')
    expect(orderId).toBeTruthy()
    await resident.shot('placed')

    // 中心派单: the station's manager picks the recommended team
    const manager = await world.person('demo-manager-tanwei', 'manager')
    await openEntry(manager.page, baseUrl, '派单台')
    await card(manager.page, '.order-card', '健康义诊').click()
    await see(manager.page, '推荐的志愿服务队（可选1至3支）').waitFor()
    await see(manager.page, '13800001234').waitFor()
    await manager.shot('recommendations')
    await button(manager.page, '派单').click()
    await see(manager.page, '待接单').waitFor()
    await manager.shot('dispatched')

    // 志愿者接单: two volunteers of the team race for the only place
    const first = await world.person('demo-volunteer-3', 'volunteer-a')
    const second = await world.person('demo-volunteer-4', 'volunteer-b')
    for (const v of [first, second]) {
      await openEntry(v.page, baseUrl, '任务大厅')
      await card(v.page, '.order-card', '健康义诊').click()
      await button(v.page, '接单').waitFor()
      await see(v.page, '接单后可看到完整的电话和地址').waitFor()
    }
    await first.shot('task-before-claim')
    await button(first.page, '接单').click()
    await see(first.page, '拨打电话').waitFor()
    await see(first.page, '13800001234').waitFor()
    await see(first.page, '滩尾村三组12号').waitFor()
    await first.shot('claimed-with-phone')

    await button(second.page, '接单').click()
    await see(second.page, '名额已满，这一单已被其他志愿者接走').waitFor()
    await expect(second.page.getByText('13800001234').locator('visible=true').count()).resolves.toBe(0)
    await second.shot('last-place-gone')

    // 完成服务
    await button(first.page, '完成服务').click()
    await see(first.page, '服务时长（小时）').waitFor()
    await fill(first.page, '做了什么', '量了血压，讲了按时服药')
    await first.shot('complete-form')
    await button(first.page, '提交完成').click()
    await see(first.page, '待评单').waitFor()
    // nobody checked in on site, so the hour is 待核实: the station approves it (补录) and it counts for points
    const { body: got } = await apiAs('demo-manager-tanwei', 'order', { action: 'get', orderId })
    const volunteerId = got.data.order.claims[0].volunteerId
    const approved = await apiAs('demo-manager-tanwei', 'order', { action: 'approveHours', orderId, volunteerId, hours: 1, reason: '站长电话回访确认到场' })
    expect(approved.body.ok).toBe(true)

    // 群众评单
    await openEntry(resident.page, baseUrl, '我的点单')
    await card(resident.page, '.order-card', '健康义诊').click()
    await button(resident.page, '去评单').click()
    await see(resident.page, '服务满意吗？').waitFor()
    await resident.page.locator('.rate__star').locator('visible=true').nth(4).click()
    await see(resident.page, '非常满意').waitFor()
    await see(resident.page, '态度热情').click()
    await resident.shot('rate')
    await button(resident.page, '提交评价').click()
    await see(resident.page, '已评单').waitFor()
    await resident.shot('rated')

    // the volunteer's points: 健康义诊 base 15 + 1 hour × 5 + 5-star bonus 5 = 25
    await openEntry(first.page, baseUrl, '我的积分')
    await see(first.page, '当前积分').waitFor()
    await see(first.page, '25', true).waitFor()
    await see(first.page, '积分明细').waitFor()
    await first.shot('points')
    const { body } = await apiAs('demo-volunteer-3', 'points', { action: 'balance' })
    expect(body.data).toMatchObject({ balance: 25, earned: 25, hours: 1 })
  })

  it('a proxy orders for a resident without a phone, and 大字模式 enlarges the text', async () => {
    const { baseUrl } = world
    const proxy = await world.person('demo-proxy', 'proxy', 320)
    await openEntry(proxy.page, baseUrl, '代人点单')
    await see(proxy.page, '代人点单：替没有手机的群众选择服务，点单时填写对方姓名').waitFor()
    await see(proxy.page, '孤寡老人上门探访', true).click()
    await fill(proxy.page, '替谁点单', '张奶奶')
    await fill(proxy.page, '请说说需要什么帮助', '张奶奶独居，想有人陪着聊聊天、打扫一下屋子')
    await fill(proxy.page, '如：东关村3组12号', '滩尾村五组3号')
    await fill(proxy.page, '11位手机号码', '13900005678')
    await proxy.shot('proxy-form-320px')
    await button(proxy.page, '提交点单').click()
    await see(proxy.page, '待派单').waitFor()
    await see(proxy.page, '代 张奶奶 点单').waitFor()
    await proxy.shot('proxy-order')

    const baseSize = await fontSizeOf(proxy.page)
    await proxy.page.goto(`${baseUrl}/#/pages/me/index`)
    await see(proxy.page, '大字模式').waitFor()
    await proxy.page.locator('.me__switch').locator('visible=true').first().click()
    await proxy.page.locator('.screen--large').locator('visible=true').first().waitFor()
    await proxy.shot('large-text-me')
    await proxy.page.goto(`${baseUrl}/#/pages/home/index`)
    await proxy.page.locator('.screen--large .home__greeting').locator('visible=true').first().waitFor()
    const largeSize = await fontSizeOf(proxy.page)
    expect(largeSize).toBeGreaterThan(baseSize)
    expect(largeSize).toBeGreaterThanOrEqual(18)
    // tap targets stay at least 44px high
    const entry = await card(proxy.page, '.home__entry', '我要点单').boundingBox()
    expect(entry!.height).toBeGreaterThanOrEqual(44)
    // nothing sticks out of the 320px screen
    expect(await overflowing(proxy.page)).toEqual([])
    await proxy.shot('large-text-home-320px')
  })

  /** The base text size of the page now on screen, in CSS px. */
  function fontSizeOf(page: Page): Promise<number> {
    return page.locator('.screen').locator('visible=true').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  }

  async function apiAs(openid: string, fn: string, body: object) {
    const { token } = (await (await fetch(`${world.baseUrl}/api/dev/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid }),
    })).json()) as { token: string }
    const res = await fetch(`${world.baseUrl}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as any }
  }
})
