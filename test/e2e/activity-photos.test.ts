/**
 * The activity record in the browser (issue 10): a claimer adds a photo on 完成服务 (a file input, compressed on a
 * canvas to a JPEG, POST /api/upload), sees its thumbnail (a blob: URL the content security policy allows), removes
 * one, and completes with 服务人次, 服务地点 and the photo; the photo is served to the order's people only.
 */
import type { Page } from 'playwright-core'
import { openWorld, overflowing, type World } from './world'

const button = (page: Page, text: string) =>
  page.locator('taro-button-core').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).locator('visible=true').first()
const see = (page: Page, text: string) => page.getByText(text).locator('visible=true').first()
const field = (page: Page, placeholder: string) => page.locator(`input[placeholder*="${placeholder}"]`).locator('visible=true').first()

describe('activity photos on 完成服务 (H5 in Chromium against the local host)', () => {
  let world: World
  beforeAll(async () => {
    world = await openWorld('activity-photos')
  })
  afterAll(() => world?.close())

  async function token(openid: string): Promise<string> {
    const res = await fetch(`${world.baseUrl}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
    return ((await res.json()) as { token: string }).token
  }
  async function apiAs(openid: string, fn: string, body: object) {
    const res = await fetch(`${world.baseUrl}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(openid)}` },
      body: JSON.stringify(body),
    })
    return (await res.json()) as any
  }

  it('add two photos, remove one, complete with 服务人次, 服务地点 and the photo', async () => {
    const placed = await apiAs('demo-resident-1', 'order', { action: 'place', menuItemId: 'menu-19', need: '量血压', address: '苏溪镇滩尾村三组12号', phone: '13800001234', beneficiaryCount: 2 })
    const orderId = placed.data.order.id as string
    await apiAs('demo-manager-tanwei', 'order', { action: 'dispatch', orderId, teamIds: ['team-health'], capacity: 1 })
    expect((await apiAs('demo-volunteer-1', 'order', { action: 'claim', orderId })).ok).toBe(true)

    const volunteer = await world.person('demo-volunteer-1', 'volunteer', 320)
    const problems: string[] = []
    volunteer.page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text())
    })
    await volunteer.page.goto(`${world.baseUrl}/#/packages/volunteer/pages/complete/index?id=${orderId}`)
    await see(volunteer.page, '实际服务人数').waitFor()
    await see(volunteer.page, '群众申请的服务人数：2人').waitFor()
    expect(await field(volunteer.page, '在哪里服务的').inputValue()).toBe('苏溪镇滩尾村')

    // a real picture to compress: a screenshot of the page itself (PNG, 320 px wide)
    const picture = await volunteer.page.screenshot({ type: 'png' })
    const chooser = volunteer.page.waitForEvent('filechooser')
    await button(volunteer.page, '添加照片（0/9）').click()
    await (await chooser).setFiles([
      { name: 'a.png', mimeType: 'image/png', buffer: picture },
      { name: 'b.png', mimeType: 'image/png', buffer: picture },
    ])
    await button(volunteer.page, '添加照片（2/9）').waitFor()
    await volunteer.page.waitForFunction(() => !document.body.textContent?.includes('上传中'))
    const thumbs = volunteer.page.locator('.photos__thumb img').locator('visible=true')
    await expect(thumbs.count()).resolves.toBe(2)
    expect(await thumbs.first().getAttribute('src')).toMatch(/^blob:/)
    expect(await thumbs.first().evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0)
    await volunteer.shot('two-photos-320px')
    expect(await overflowing(volunteer.page)).toEqual([])

    await volunteer.page.locator('.photos__remove').locator('visible=true').nth(1).click()
    await button(volunteer.page, '添加照片（1/9）').waitFor()
    await field(volunteer.page, '服务了多少人次').fill('3')
    await button(volunteer.page, '提交完成').click()
    await see(volunteer.page, '待评单').waitFor()

    const got = await apiAs('demo-resident-1', 'order', { action: 'get', orderId })
    const completion = got.data.order.completion
    expect(completion).toMatchObject({ visits: 3, place: '苏溪镇滩尾村', photos: [expect.stringMatching(/^f_/)] })

    // the photo is a JPEG now (compressed in the browser), for the order's people only
    const photoUrl = `${world.baseUrl}/api/files/${completion.photos[0]}`
    const mine = await fetch(photoUrl, { headers: { authorization: `Bearer ${await token('demo-resident-1')}` } })
    expect(mine.status).toBe(200)
    expect(mine.headers.get('content-type')).toBe('image/jpeg')
    const bytes = Buffer.from(await mine.arrayBuffer())
    expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff])
    expect((await fetch(photoUrl, { headers: { authorization: `Bearer ${await token('demo-resident-2')}` } })).status).toBe(403)
    expect(problems.filter((p) => /Content Security Policy|Refused/.test(p))).toEqual([])
  })
})
