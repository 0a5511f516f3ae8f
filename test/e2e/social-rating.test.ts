/**
 * 社会评单 in the browser (issue 11): a resident rates a served order 2 stars; the handling station's manager finds the
 * 回访 it opened (in the 回访 list and in the month's 回头看), calls back and records it; another resident likes the service on the 公示栏 and rates it, and sees
 * 群众评分 and 社会评分 apart; at the next dispatch the team's figures on the 派单 page have changed.
 */
import type { Locator, Page } from 'playwright-core'
import { ROUTES, withQuery } from '~src/routes'
import { expectAccessible, openWorld, overflowing, type World } from './world'

// Taro's H5 router keeps earlier pages of the stack in the document, hidden: every locator looks at visible ones only.
const visible = (page: Page | Locator, selector: string) => page.locator(selector).locator('visible=true')
const see = (page: Page | Locator, text: string, exact = false) => page.getByText(text, { exact }).locator('visible=true').first()
const button = (page: Page | Locator, text: string) =>
  page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).locator('visible=true').first()
const field = (page: Page | Locator, placeholder: string) =>
  page.locator(`input[placeholder*="${placeholder}"], textarea[placeholder*="${placeholder}"]`).locator('visible=true').first()

/** Taro's H5 showModal: reads what it says, then taps its confirm button. */
async function confirmModal(page: Page): Promise<string> {
  const text = await visible(page, '.taro-modal__text').first().textContent()
  await visible(page, '.taro-model__confirm').first().click()
  return text ?? ''
}

const MANAGER = 'demo-manager-tanwei'
const TEAM = 'team-health'

describe('社会评单 and 回访 (H5 in Chromium against the local host)', () => {
  let world: World
  beforeAll(async () => {
    world = await openWorld('social-rating')
  })
  afterAll(() => world?.close())

  const api = (openid: string, fn: string, body: { action: string } & Record<string, unknown>) => world.api(openid, fn, body)

  /** A served order of 滩尾村王大爷: placed, dispatched to the health team, claimed and completed by volunteer 2. */
  async function servedOrder(need: string, confirmDuplicate = false): Promise<string> {
    const placed = await api('demo-resident-1', 'order', {
      action: 'place', menuItemId: 'menu-19', need, address: '滩尾村三组12号', phone: '13800001234', confirmDuplicate,
    })
    const orderId = placed.order.id as string
    await api(MANAGER, 'order', { action: 'dispatch', orderId, teamIds: [TEAM], capacity: 1 })
    await api('demo-volunteer-2', 'order', { action: 'claim', orderId })
    await api('demo-volunteer-2', 'order', { action: 'complete', orderId, hours: 1, beneficiaryCount: 1, note: '' })
    return orderId
  }

  /** A new order of 王大爷 waiting at the station's 派单台 (the same item again: the duplicate question confirmed). */
  async function placedOrder(need: string): Promise<string> {
    const placed = await api('demo-resident-1', 'order', {
      action: 'place', menuItemId: 'menu-19', need, address: '滩尾村三组12号', phone: '13800001234', confirmDuplicate: true,
    })
    return placed.order.id as string
  }

  /** The health team's figures line on the 派单 page of an order, as the dispatcher reads it. */
  async function figuresAtDispatch(page: Page, orderId: string): Promise<string> {
    await page.goto(`${world.baseUrl}/#${withQuery(ROUTES.manager.order, { id: orderId })}`)
    const team = visible(page, '.mgr-order__team').filter({ hasText: '县卫生健康志愿服务分队' }).first()
    const line = visible(team, '.chip').filter({ hasText: '近一年' }).first()
    await line.waitFor()
    return ((await line.textContent()) ?? '').trim()
  }

  it('a 2-star rating is called back, the public likes and rates it, and the team\'s figures follow', async () => {
    const orderId = await servedOrder('王大爷想请医生上门量血压')
    const manager = await world.person(MANAGER, 'manager', 320)
    const before = await figuresAtDispatch(manager.page, await placedOrder('王大爷想再量一次血压'))
    expect(before).toBe('近一年服务1次')

    // 群众评单: 2 stars, with what went wrong
    const resident = await world.person('demo-resident-1', 'resident', 320)
    await resident.page.goto(`${world.baseUrl}/#${withQuery(ROUTES.resident.rate, { id: orderId })}`)
    await see(resident.page, '服务满意吗？').waitFor()
    await visible(resident.page, '.rate__star').nth(1).click()
    await field(resident.page, '还想说点什么').fill('医生来晚了一个小时')
    await resident.shot('rate-2-stars')
    await button(resident.page, '提交评价').click()
    await see(resident.page, '已评单').waitFor()

    // 回头看: the month's look-back lists it under 差评未回访 until it is called back
    await manager.page.goto(`${world.baseUrl}/#${ROUTES.stats.lookBack}`)
    const poorGroup = visible(manager.page, '.look-back__group').filter({ hasText: '差评未回访' }).first()
    await see(poorGroup, '群众评2星，待回访').waitFor()
    await expectAccessible(manager.page, 'the 回头看 page')
    expect(await overflowing(manager.page)).toEqual([])
    await manager.shot('look-back')

    // 回访: the station's manager finds it in the 回访 list, opens the order and records the call back
    await manager.page.goto(`${world.baseUrl}/#${ROUTES.manager.followUps}`)
    const waiting = visible(manager.page, '.follow-ups__card').filter({ hasText: '医生来晚了一个小时' }).first()
    await waiting.waitFor()
    await expectAccessible(manager.page, 'the 回访 list')
    await manager.shot('follow-up-list')
    await waiting.click()
    const panel = visible(manager.page, '.mgr-order__follow').first()
    await see(panel, '待回访').waitFor()
    await see(panel, '2星评价').waitFor()
    await expectAccessible(manager.page, 'manager order with an open 回访')
    await visible(manager.page, '.mgr-order__choice').filter({ hasText: '已解决' }).first().click()
    await field(manager.page, '已电话致歉').fill('已电话致歉，医生下周再上门复查')
    await manager.shot('follow-up-form')
    await button(manager.page, '记录回访').click()
    expect(await confirmModal(manager.page)).toContain('已解决')
    await see(panel, '已回访（已解决）').waitFor()
    await see(panel, '已电话致歉，医生下周再上门复查').waitFor()
    await manager.shot('follow-up-recorded')
    await manager.page.goto(`${world.baseUrl}/#${ROUTES.stats.lookBack}`)
    // called back, nothing is left of the month to look back on
    await see(manager.page, '的点单都有了结果').waitFor()

    // 社会评单: another resident likes and rates the service on the 公示栏, shown apart from the requester's stars
    const neighbour = await world.person('demo-resident-2', 'neighbour', 320)
    await neighbour.page.goto(`${world.baseUrl}/#${ROUTES.public.wall}`)
    const card = visible(neighbour.page, '.wall__card').filter({ hasText: '群众评分：2星' }).first()
    await card.waitFor()
    await see(card, '服务对象：王**').waitFor()
    // neither the phone nor the address, not even as the place of the service (a completion's default)
    expect(await card.textContent()).not.toContain('13800001234')
    expect(await card.textContent()).not.toContain('三组12号')
    await expectAccessible(neighbour.page, 'the 公示栏')
    expect(await overflowing(neighbour.page)).toEqual([])
    await button(card, '点赞 0').click()
    await button(card, '已赞 1').waitFor()
    await button(card, '评分').click()
    const sheet = visible(neighbour.page, '.wall__sheet').first()
    await visible(sheet, '.wall__star').nth(4).click()
    await field(sheet, '说说这次服务怎么样').fill('医生很耐心')
    await button(sheet, '提交评分').click()
    await see(neighbour.page, '感谢您的评价').waitFor()
    await see(card, '社会评分：5星（1人评价）').waitFor()
    await see(card, '群众评分：2星').waitFor()
    await neighbour.shot('wall-liked-rated')

    // the next dispatch: the team's year now holds the 2-star rating, its 回访 on time and the public's 5 stars
    const after = await figuresAtDispatch(manager.page, await placedOrder('王大爷想请医生复查'))
    expect(after).toBe('近一年服务1次，好评率0%，社会评分5分，回访及时率100%')
    await manager.shot('figures-at-dispatch')
  }, 180_000)
})
