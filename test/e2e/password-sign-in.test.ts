import type { Page } from 'playwright-core'
import { formatInviteCode } from '~types'
import { openWorld, overflowing, type World } from './world'

/**
 * Sign-in for self-hosting in the browser: a 网格员 registers with the invite code a station's manager made, signs
 * out, signs in again with the phone and password, signs out, and each token signed out is refused by the API.
 */
describe('signing in on H5 with a phone and a password', () => {
  let world: World
  beforeAll(async () => {
    world = await openWorld('password-sign-in')
  })
  afterAll(() => world?.close())

  const PHONE = '13912345678'
  const PASSWORD = 'qingshan2026'

  async function api(fn: string, body: unknown, token?: string) {
    const res = await fetch(`${world.baseUrl}/api/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as any }
  }

  /** The token this browser keeps (Taro's H5 storage wraps the value as { data }). */
  async function storedToken(page: Page): Promise<string> {
    const raw = await page.evaluate(() => localStorage.getItem('sidan.token'))
    const parsed = raw ? (JSON.parse(raw) as { data?: unknown }) : null
    return typeof parsed?.data === 'string' ? parsed.data : ''
  }

  /** The native input inside a Taro Input, by its placeholder. */
  const field = (page: Page, placeholder: string) => page.locator(`input[placeholder="${placeholder}"]`)

  async function signOut(page: Page) {
    await page.getByText('我的 · 大字模式').click()
    await page.getByText('退出登录').locator('visible=true').click()
    await page.getByText('注册', { exact: true }).locator('visible=true').waitFor()
  }

  it('register with an invite code, sign out, sign in, sign out: every token signed out is refused', async () => {
    // the invite a station's manager hands out (user.invite): 代办员 of 滩尾村站
    const { token: managerToken } = (await (
      await fetch(`${world.baseUrl}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"openid":"demo-manager-tanwei"}' })
    ).json()) as { token: string }
    const invite = await api('user', { action: 'invite', roles: ['proxy'], orgUnitId: 'unit-tanwei' }, managerToken)
    expect(invite.status).toBe(200)
    const code = formatInviteCode(invite.body.data.code)

    const context = await world.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
    const page = await context.newPage()
    const shot = (name: string) => page.waitForTimeout(400).then(() => page.screenshot({ path: `test-artifacts/screenshots/password-sign-in/${name}.png` }))
    await page.goto(`${world.baseUrl}/#/pages/login/index`)
    // 登录 and 注册, beside the development login (on under npm start)
    await page.getByText('开发登录（仅本地演示）').waitFor()
    await page.getByText('注册', { exact: true }).click()
    await field(page, '用来登录的手机号').fill(PHONE)
    await field(page, '8到64位').fill(PASSWORD)
    await field(page, '请输入姓名').fill('滩尾村网格员小周')
    await page.getByText('请选择所在的新时代文明实践站').click()
    await page.getByText('确定').locator('visible=true').click()
    await page.locator('.login__picker', { hasText: '滩尾村新时代文明实践站' }).waitFor()
    await field(page, '没有可不填').fill(code.toLowerCase())
    await shot('01-register')
    await page.getByText('注册并登录').click()
    await page.getByText('您好，滩尾村网格员小周').waitFor()
    await page.getByText('代办员', { exact: true }).first().waitFor()
    await shot('02-home')
    const registered = await storedToken(page)
    expect((await api('user', { action: 'login' }, registered)).body.data.user.roles).toEqual(['resident', 'proxy'])

    await signOut(page)
    expect((await api('user', { action: 'login' }, registered)).status).toBe(401)
    expect(await storedToken(page)).toBe('')

    // a wrong password: the host's message; then the right one signs in
    await field(page, '注册时填的手机号').fill(PHONE)
    await field(page, '请输入密码').fill('not-my-password')
    await page.locator('.login__submit').click()
    await page.getByText('手机号或密码不正确').waitFor()
    await field(page, '请输入密码').fill(PASSWORD)
    await page.locator('.login__submit').click()
    await page.getByText('您好，滩尾村网格员小周').waitFor()
    const signedIn = await storedToken(page)
    expect(signedIn).not.toBe(registered)
    expect((await api('user', { action: 'login' }, signedIn)).status).toBe(200)

    await signOut(page)
    await shot('03-signed-out')
    const refused = await api('user', { action: 'login' }, signedIn)
    expect(refused).toEqual({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } } })
    await context.close()
  })

  it.each([false, true])('at 320px (大字模式 %s) neither form sticks out sideways', async (large) => {
    const context = await world.browser.newContext({ viewport: { width: 320, height: 700 }, deviceScaleFactor: 1, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(`${world.baseUrl}/#/pages/login/index`)
    // 大字模式 is remembered on the phone (Taro's H5 storage wraps the value as { data })
    if (large) await page.evaluate(() => localStorage.setItem('sidan.prefs', JSON.stringify({ data: { largeText: true } })))
    await page.reload()
    await page.locator(large ? '.screen--large' : '.screen').locator('visible=true').first().waitFor()
    await page.locator('.login__submit').waitFor()
    expect(await overflowing(page)).toEqual([])
    await page.getByText('注册', { exact: true }).click()
    await page.getByText('注册并登录').waitFor()
    expect(await overflowing(page)).toEqual([])
    await page.screenshot({ path: `test-artifacts/screenshots/password-sign-in/04-register-320${large ? '-large' : ''}.png` })
    await context.close()
  })
})
