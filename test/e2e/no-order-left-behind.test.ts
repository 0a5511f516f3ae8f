import type { Page } from 'playwright-core'
import { openWorld, type World } from './world'

const see = (page: Page, text: string) => page.getByText(text).locator('visible=true').first()
const card = (page: Page, selector: string, text: string) => page.locator(selector, { hasText: text }).locator('visible=true').first()
const button = (page: Page, text: string) =>
  page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).locator('visible=true').first()

/** Time limits through the real local host: the scheduled job run as of a later time (POST /api/dev/cron). */
describe('no order left behind', () => {
  let world: World
  beforeAll(async () => {
    world = await openWorld('no-order-left-behind')
  })
  afterAll(() => world?.close())

  it('an order left undispatched past the limit is escalated to the 所, and the resident and managers are told', async () => {
    const { baseUrl } = world
    const resident = await world.person('demo-resident-1', 'resident')
    await resident.page.goto(`${baseUrl}/#/packages/resident/pages/place/index?menuItemId=menu-19`)
    await resident.page.locator('textarea[placeholder*="需要什么帮助"]').locator('visible=true').first().fill('想请医生上门量血压')
    await resident.page.locator('input[placeholder*="东关村3组12号"]').locator('visible=true').first().fill('滩尾村三组12号')
    await resident.page.locator('input[placeholder*="11位手机号码"]').locator('visible=true').first().fill('13800001234')
    await button(resident.page, '提交点单').click()
    await see(resident.page, '待派单').waitFor()

    // nobody dispatches it for 49 hours (the county's limits: remind after 24, escalate after 48)
    const later = new Date(Date.now() + 49 * 3600 * 1000).toISOString()
    // the job is run by hand as the county admin (/api/dev/cron needs an admin's token)
    const { token } = (await (
      await fetch(`${baseUrl}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid: 'demo-admin' }) })
    ).json()) as { token: string }
    const res = await fetch(`${baseUrl}/api/dev/cron`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ now: later }),
    })
    expect(res.status).toBe(200)

    // the station's queue no longer holds it; the 所's does, handled by the 所 now
    const station = await world.person('demo-manager-tanwei', 'station-manager')
    await station.page.goto(`${baseUrl}/#/packages/manager/pages/queue/index`)
    await see(station.page, '派单台暂时没有待派的点单').waitFor()
    await station.shot('station-queue-empty')

    const institute = await world.person('demo-manager-suxi', 'institute-manager')
    await institute.page.goto(`${baseUrl}/#/packages/manager/pages/queue/index`)
    const escalated = card(institute.page, '.order-card', '健康义诊')
    await escalated.waitFor()
    await expect(escalated.textContent()).resolves.toContain('苏溪镇新时代文明实践所')
    await institute.shot('institute-queue')
    await card(institute.page, '.home__entry, .order-card', '健康义诊').click()
    await see(institute.page, '上报上级').waitFor()
    await institute.shot('escalated-order')

    // the resident's 消息 says what happened
    await resident.page.goto(`${baseUrl}/#/pages/home/index`)
    await card(resident.page, '.home__entry', '消息').click()
    await see(resident.page, '上报').waitFor()
    await resident.shot('resident-inbox')
  })
})
