import type { Page } from 'playwright-core'
import { openWorld, overflowing, type World } from './world'

// Taro's H5 router keeps earlier pages of the stack in the document, hidden: every locator looks at visible ones only.
const button = (page: Page, text: string) =>
  page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).locator('visible=true').first()
const see = (page: Page, text: string, exact = false) => page.getByText(text, { exact }).locator('visible=true').first()
const card = (page: Page, selector: string, text: string) => page.locator(selector, { hasText: text }).locator('visible=true').first()

async function openEntry(page: Page, baseUrl: string, title: string) {
  await page.goto(`${baseUrl}/#/pages/home/index`)
  await card(page, '.home__entry', title).click()
}

async function fill(page: Page, placeholder: string, value: string) {
  await page.locator(`input[placeholder*="${placeholder}"], textarea[placeholder*="${placeholder}"]`).locator('visible=true').first().fill(value)
}

/** Taro's H5 showModal: reads what it says, then taps its confirm button. */
async function confirmModal(page: Page): Promise<string> {
  const text = await page.locator('.taro-modal__text').locator('visible=true').first().textContent()
  await page.locator('.taro-model__confirm').locator('visible=true').first().click()
  return text ?? ''
}

describe('积分超市 journey (H5 in Chromium against the local host)', () => {
  let world: World
  beforeAll(async () => {
    world = await openWorld('mall')
  })
  afterAll(() => world?.close())

  it('a volunteer who earned points redeems; the station manager 核销 the code; a second redemption is cancelled and refunded', async () => {
    const { baseUrl, host } = world
    const users = (await (await fetch(`${baseUrl}/api/dev/users`)).json()) as Array<{ openid: string }>
    expect(users.some((u) => u.openid === 'demo-volunteer-1')).toBe(true)
    const volunteerId = (await host.stores.users.getUserByOpenid('demo-volunteer-1'))!.id
    // the volunteer earned 100 points (an award, as a closed order pays it)
    await host.stores.ledger.appendLedger([
      { id: `award:journey:${volunteerId}`, userId: volunteerId, delta: 100, hours: 2, reason: '服务奖励：健康义诊', orderId: null, unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'], at: new Date().toISOString(), by: 'system' },
    ])

    // the station manager puts goods on the shelf
    const manager = await world.person('demo-manager-tanwei', 'manager')
    await openEntry(manager.page, baseUrl, '商品管理')
    await see(manager.page, '本单位的积分超市还没有商品').waitFor()
    await button(manager.page, '上架新商品').click()
    await fill(manager.page, '洗衣液（2公斤）', '洗衣液')
    await fill(manager.page, '所需的积分', '30')
    await fill(manager.page, '可兑换的数量', '3')
    await fill(manager.page, '工作日9:00', '滩尾村实践站，周六上午')
    await button(manager.page, '保存').click()
    await see(manager.page, '库存3件').waitFor()
    await manager.shot('goods')

    // the volunteer redeems one
    const volunteer = await world.person('demo-volunteer-1', 'volunteer')
    await openEntry(volunteer.page, baseUrl, '积分超市')
    await see(volunteer.page, '100分').waitFor()
    await see(volunteer.page, '库存3件').waitFor()
    await volunteer.shot('shop')
    expect(await overflowing(volunteer.page)).toEqual([])
    await button(volunteer.page, '兑换').click()
    expect(await confirmModal(volunteer.page)).toContain('将扣除30积分（兑换后余70分），兑换洗衣液×1')
    const code = volunteer.page.locator('.mall__code').locator('visible=true').first()
    await code.waitFor()
    const shown = (await code.textContent())!.trim()
    expect(shown).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4} [23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}$/)
    await volunteer.page.locator('.pickup-qr').locator('visible=true').first().waitFor()
    await volunteer.shot('code')
    expect(await overflowing(volunteer.page)).toEqual([])

    // the manager types the code, sees what to hand over, confirms
    await openEntry(manager.page, baseUrl, '核销兑换码')
    await see(manager.page, '待领取（1）').waitFor()
    await fill(manager.page, '位兑换码', shown.toLowerCase())
    await see(manager.page, '请交付：').waitFor()
    await manager.shot('handover')
    await button(manager.page, '核销').click()
    expect(await confirmModal(manager.page)).toContain('请把洗衣液×1（张护士）交给兑换人')
    await see(manager.page, '已核销：洗衣液×1（张护士）').waitFor()
    await see(manager.page, '没有待领取的兑换').waitFor()

    // the stock and the balance changed; the redemption reads 已领取
    await openEntry(volunteer.page, baseUrl, '积分超市')
    await see(volunteer.page, '70分').waitFor()
    await see(volunteer.page, '库存2件').waitFor()

    // a second redemption, cancelled from 我的兑换: the points and the stock come back
    await button(volunteer.page, '兑换').click()
    await confirmModal(volunteer.page)
    await see(volunteer.page, '取消兑换').waitFor()
    await see(volunteer.page, '已领取').waitFor()
    await button(volunteer.page, '取消兑换').click()
    expect(await confirmModal(volunteer.page)).toContain('30积分退回您的账户')
    await see(volunteer.page, '已取消，30积分已退还').waitFor()
    await volunteer.shot('cancelled')
    await openEntry(volunteer.page, baseUrl, '积分超市')
    await see(volunteer.page, '70分').waitFor()
    await see(volunteer.page, '库存2件').waitFor()
    expect((await host.stores.ledger.reconcile()).mismatches).toEqual([])
  })
})
