/**
 * A browser journey's world: the local host on a free loopback port with a fresh in-memory demo county, serving the
 * H5 build, and Chromium (Debian's, driven by playwright-core) with one browser context per person.
 * Screenshots go to test-artifacts/screenshots/<journey>/ (not committed).
 */
import { mkdirSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { chromium, type Browser, type Page } from 'playwright-core'
import { startHost } from '~local/host'

const root = path.resolve(__dirname, '../..')
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Elements of the page now on screen that stick out past its right edge (Taro's page container clips overflow, so
 * the document's own scroll width never shows it).
 */
export function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const screen = Array.from(document.querySelectorAll('.screen')).find((el) => (el as HTMLElement).offsetParent !== null)
    if (!screen) return ['no page on screen']
    const limit = document.documentElement.clientWidth + 0.5
    return Array.from(screen.querySelectorAll('*'))
      .filter((el) => {
        const box = el.getBoundingClientRect()
        return box.width > 0 && box.right > limit
      })
      .map((el) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).trim().replace(/\s+/g, '.')} → ${Math.round(el.getBoundingClientRect().right)}px`)
      .slice(0, 5)
  })
}

/** One axe-core finding as a journey reports it: the rule, its impact and where. */
export interface Violation {
  page: string
  rule: string
  impact: string
  help: string
  targets: string[]
}

/** The impacts a page must not have (axe-core's two worst of four). */
const BLOCKING = ['serious', 'critical']

/**
 * axe-core (WCAG 2.1 A and AA rules) over the page now on screen: its serious and critical violations, for the
 * caller to expect none of. Pages further down the H5 router's stack are hidden, and axe skips hidden content.
 * Legacy mode runs axe in the page itself: the default runPartial opens a blank page per call to finish the run
 * (three times slower here, and the app has no iframes for it to reach).
 */
export async function accessibilityViolations(page: Page, name: string): Promise<Violation[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(true).analyze()
  return results.violations
    .filter((v) => BLOCKING.includes(v.impact ?? ''))
    .map((v) => ({ page: name, rule: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
}

/** Fails the journey on any serious or critical axe-core violation of the page now on screen. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const violations = await accessibilityViolations(page, name)
  if (violations.length) throw new Error(`${name}: ${violations.length} accessibility violations\n${JSON.stringify(violations, null, 2)}`)
}

/**
 * Every tap target of the page now on screen smaller than `min` CSS px either way: Taro's buttons, pickers and
 * switches, fields, and anything with an interactive role (cards, tabs, stars, chips).
 */
export function smallTapTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((least) => {
    const screen = Array.from(document.querySelectorAll('.screen')).find((el) => (el as HTMLElement).offsetParent !== null)
    if (!screen) return ['no page on screen']
    const selector = [
      'taro-button-core', 'taro-picker-core', 'taro-switch-core', 'taro-input-core', 'taro-textarea-core', 'input', 'textarea',
      '[role="button"]', '[role="link"]', '[role="tab"]', '[role="radio"]', '[role="checkbox"]', '[role="switch"]',
    ].join(',')
    const small: string[] = []
    for (const el of Array.from(screen.querySelectorAll(selector))) {
      // a field's own box inside Taro's wrapper counts as the wrapper; the wrapper is measured
      if ((el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') && el.closest('taro-input-core, taro-textarea-core, taro-switch-core')) continue
      const box = el.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      if (box.width + 0.5 < least || box.height + 0.5 < least) {
        const what = `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).trim().split(/\s+/)[0]}`
        small.push(`${what} "${(el.textContent ?? '').trim().slice(0, 12)}" ${Math.round(box.width)}×${Math.round(box.height)}`)
      }
    }
    return small
  }, min)
}

export interface Person {
  page: Page
  /** a numbered screenshot of what this person sees now */
  shot(step: string): Promise<void>
}

export async function openWorld(journey: string) {
  const host = await startHost({
    port: 0,
    host: '127.0.0.1',
    dbFile: ':memory:',
    devLogin: true,
    cronIntervalMs: 0,
    staticDir: path.join(root, 'dist-h5'),
  })
  const { port } = host.app.server.address() as AddressInfo
  const baseUrl = `http://127.0.0.1:${port}`
  // a browser that cannot start must not leave the host listening (Jest would wait on it)
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS }).catch(async (err: unknown) => {
    await host.close()
    throw err
  })
  const shots = path.join(root, 'test-artifacts', 'screenshots', journey)
  rmSync(shots, { recursive: true, force: true })
  mkdirSync(shots, { recursive: true })
  let step = 0

  /** A person in their own browser context (own storage, own token), phone-sized, signed in as a demo user. */
  async function person(openid: string, label: string, width = 390): Promise<Person> {
    const context = await browser.newContext({ viewport: { width, height: 844 }, deviceScaleFactor: 1, locale: 'zh-CN' })
    const page = await context.newPage()
    await page.goto(`${baseUrl}/#/pages/login/index`)
    await page.getByText('开发登录（仅本地演示）').waitFor()
    await page.locator('.login__user', { hasText: await userName(openid) }).first().click()
    await page.locator('.home__greeting').waitFor()
    return {
      page,
      async shot(name: string) {
        step += 1
        // let the H5 router's page slide-in finish, or the picture catches the page half-way
        await page.waitForTimeout(400)
        await page.screenshot({ path: path.join(shots, `${String(step).padStart(2, '0')}-${label}-${name}.png`), fullPage: false })
      },
    }
  }

  async function userName(openid: string): Promise<string> {
    const users = (await (await fetch(`${baseUrl}/api/dev/users`)).json()) as Array<{ openid: string; name: string }>
    const user = users.find((u) => u.openid === openid)
    if (!user) throw new Error(`no demo user ${openid}`)
    return user.name
  }

  /** A call to the local host as a demo user; the answer's data (a refusal fails the test with its message). */
  async function api(openid: string, fn: string, body: { action: string } & Record<string, unknown>): Promise<any> {
    const { token } = (await (await fetch(`${baseUrl}/api/dev/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }),
    })).json()) as { token: string }
    const res = await fetch(`${baseUrl}/api/${fn}`, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body),
    })
    const answer = (await res.json()) as any
    if (!answer.ok) throw new Error(`${fn}.${body.action} as ${openid}: ${JSON.stringify(answer.error)}`)
    return answer.data
  }

  return {
    baseUrl,
    host,
    browser,
    person,
    api,
    async close() {
      await browser.close()
      await host.close()
    },
  }
}
export type World = Awaited<ReturnType<typeof openWorld>>
