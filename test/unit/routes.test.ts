import { existsSync } from 'node:fs'
import path from 'node:path'
import { ROUTES, withQuery } from '~src/routes'

type AppConfig = { pages: string[]; subPackages: Array<{ root: string; pages: string[] }> }

function appConfig(): AppConfig {
  const g = globalThis as unknown as { defineAppConfig?: (c: AppConfig) => AppConfig }
  g.defineAppConfig = (c) => c
  // loaded after the global above exists, which a static import would not wait for
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('~src/app.config').default
}

const flatten = (v: unknown): string[] => (typeof v === 'string' ? [v] : Object.values(v as object).flatMap(flatten))

describe('routes', () => {
  const config = appConfig()
  const configured = [
    ...config.pages.map((p) => `/${p}`),
    ...config.subPackages.flatMap((sp) => sp.pages.map((p) => `/${sp.root}/${p}`)),
  ]

  it('src/routes.ts and app.config.ts name the same pages, and each page exists', () => {
    expect(flatten(ROUTES).sort()).toEqual([...configured].sort())
    for (const route of configured) {
      expect(existsSync(path.join(__dirname, '../../src', `${route}.tsx`))).toBe(true)
      expect(existsSync(path.join(__dirname, '../../src', `${route}.config.ts`))).toBe(true)
    }
  })

  it('the main package holds only home, login, 我的 and 消息; every role page is in its subpackage', () => {
    expect(config.pages).toEqual(['pages/home/index', 'pages/login/index', 'pages/me/index', 'pages/inbox/index'])
    expect(config.subPackages.map((sp) => sp.root)).toEqual(['packages/resident', 'packages/volunteer', 'packages/manager', 'packages/honors', 'packages/stats', 'packages/public', 'packages/checkin', 'packages/mall', 'packages/help'])
  })

  it('withQuery encodes values and leaves out empty ones', () => {
    expect(withQuery(ROUTES.resident.order, { id: 'o 1', x: undefined, y: '' })).toBe('/packages/resident/pages/order/index?id=o%201')
    expect(withQuery(ROUTES.me, {})).toBe('/pages/me/index')
  })
})
