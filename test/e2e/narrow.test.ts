import { ROUTES, withQuery } from '~src/routes'
import { openWorld, overflowing, type Person, type World } from './world'

/** Every page at the narrowest phone we support (320px wide), in normal and in 大字模式: nothing sticks out sideways. */
describe('every page at 320px', () => {
  let world: World
  let orderId = ''
  beforeAll(async () => {
    world = await openWorld('narrow')
    // an order in every detail page's hands: placed, dispatched, claimed by volunteer 1
    const placed = await api('demo-resident-1', 'order', {
      action: 'place', menuItemId: 'menu-19', need: '老人独居，想请医生上门量血压，顺便看看平时吃的药对不对', address: '苏溪镇滩尾村三组12号', phone: '13800001234',
    })
    orderId = placed.data.order.id
    await api('demo-manager-tanwei', 'order', { action: 'dispatch', orderId, teamIds: ['team-health'], capacity: 2 })
    await api('demo-volunteer-1', 'order', { action: 'claim', orderId })
    // 积分超市: goods on the station's shelf, and a redemption waiting to be collected (its code and QR code)
    const volunteerId = (await world.host.stores.users.getUserByOpenid('demo-volunteer-1'))!.id
    await world.host.stores.ledger.appendLedger([
      { id: `award:narrow:${volunteerId}`, userId: volunteerId, delta: 100, hours: 1, reason: '服务奖励', orderId: null, unitPath: [], at: new Date().toISOString(), by: 'system' },
    ])
    const shelved = await api('demo-manager-tanwei', 'mall', { action: 'upsertGoods', name: '洗衣液（2公斤装，家庭用）', points: 30, stock: 3, perPersonMonthly: 2, pickup: '滩尾村新时代文明实践站一楼，每周六上午9:00至11:30' })
    await api('demo-volunteer-1', 'mall', { action: 'redeem', goodsId: shelved.data.goods.id, quantity: 1, requestId: 'narrow-1' })
  })
  afterAll(() => world?.close())

  async function api(openid: string, fn: string, body: object) {
    const { token } = (await (await fetch(`${world.baseUrl}/api/dev/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }),
    })).json()) as { token: string }
    const res = await fetch(`${world.baseUrl}/api/${fn}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    })
    return (await res.json()) as any
  }

  async function visitAll(person: Person, routes: string[], large: boolean): Promise<string[]> {
    const { page } = person
    const wide: string[] = []
    for (const route of routes) {
      await page.goto(`${world.baseUrl}/#${route}`)
      await page.locator(large ? '.screen.screen--large' : '.screen').locator('visible=true').first().waitFor()
      await page.waitForTimeout(200) // the data arrives (shot() waits for the slide-in)
      for (const offender of await overflowing(page)) wide.push(`${route}: ${offender}`)
      await person.shot(route.split('/').slice(-3, -1).join('-').replace('pages-', ''))
    }
    return wide
  }

  const people: Array<[string, string[]]> = [
    ['demo-resident-1', [ROUTES.home, ROUTES.me, ROUTES.resident.menu, withQuery(ROUTES.resident.place, { menuItemId: 'menu-19' }),
      ROUTES.resident.orders, withQuery(ROUTES.resident.order, { id: '$order' })]],
    ['demo-volunteer-1', [ROUTES.volunteer.tasks, withQuery(ROUTES.volunteer.task, { id: '$order' }),
      withQuery(ROUTES.volunteer.complete, { id: '$order' }), ROUTES.volunteer.points, ROUTES.volunteer.teams, ROUTES.mall.shop, ROUTES.mall.mine]],
    ['demo-leader-xiaolao', [ROUTES.volunteer.approvals]],
    ['demo-manager-tanwei', [ROUTES.manager.queue, withQuery(ROUTES.manager.order, { id: '$order' }), ROUTES.manager.menu, ROUTES.manager.teams,
      ROUTES.mall.goods, ROUTES.mall.fulfil]],
    // 审计日志: the dispatch's and the claim's contact reveals are on it
    ['demo-admin', [ROUTES.me, ROUTES.manager.audit]],
  ]

  it.each([false, true])('大字模式 %s: no page is wider than the screen', async (large) => {
    for (const [openid, routes] of people) {
      const person = await world.person(openid, `${openid}${large ? '-large' : ''}`, 320)
      if (large) {
        await person.page.goto(`${world.baseUrl}/#${ROUTES.me}`)
        await person.page.locator('.me__switch').locator('visible=true').first().click()
        await person.page.locator('.screen--large').locator('visible=true').first().waitFor()
      }
      const wide = await visitAll(person, routes.map((r) => r.replace('%24order', orderId)), large)
      expect(wide).toEqual([])
      await person.page.context().close()
    }
  })
})
