import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStores } from '~adapters/sqlite'
import { DEFAULT_POLICY } from '~core/config'
import { createTokenSigner } from '~local/auth'
import { DEV_CRON_JOB } from '~local/dev-cron'
import { demoCounty } from '~local/demo-county'
import { HostConfigError, hostConfigFromEnv, startHost as startRealHost } from '~local/host'
import { isLoopbackAddress, isLoopbackHostHeader } from '~local/loopback'
import { buildServer } from '~local/server'

const root = path.resolve(__dirname, '../..')

/** The local host on loopback over real HTTP, with a raw client that can send any Host header. */
async function startHost(opts: { devLogin?: boolean; staticDir?: string; apiBase?: string } = {}) {
  const stores = createSqliteStores({ filename: ':memory:' })
  await stores.seed.importData(demoCounty())
  const signer = createTokenSigner()
  const deps = { ...stores, policy: DEFAULT_POLICY, clock: () => new Date() }
  const app = buildServer({ deps, signer, devLogin: opts.devLogin ?? true, staticDir: opts.staticDir, apiBase: opts.apiBase })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = (app.server.address() as AddressInfo).port

  /** One HTTP request to the host; `host` is the Host header sent (null: none at all). */
  function send(method: string, url: string, o: { host?: string | null; token?: string; body?: unknown } = {}) {
    const headers: Record<string, string> = {}
    if (o.host !== null) headers.host = o.host ?? `127.0.0.1:${port}`
    if (o.token) headers.authorization = `Bearer ${o.token}`
    const payload = o.body === undefined ? undefined : JSON.stringify(o.body)
    if (payload !== undefined) headers['content-type'] = 'application/json'
    return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string; json: any }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path: url, headers, setHost: false }, (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (text += c))
        res.on('end', () => {
          let json: unknown
          try {
            json = JSON.parse(text)
          } catch {
            json = undefined
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json })
        })
      })
      req.on('error', reject)
      req.end(payload)
    })
  }

  /** Every table's rows, to prove that a refused request changed nothing. */
  function dump(): string {
    const tables = stores.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    return JSON.stringify(tables.map(({ name }) => [name, stores.db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]))
  }

  return { port, send, dump, stores, token: (openid: string) => signer.issue(openid), close: async () => { await app.close(); stores.close() } }
}
type Host = Awaited<ReturnType<typeof startHost>>

/** Runs main.ts (as `npm run serve` does) with this environment; resolves with its exit code and output once it exits or prints its start line. */
function runMain(env: Record<string, string>, args: string[] = []) {
  return new Promise<{ code: number | null; out: string; err: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'cloudfunctions/local/main.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', SIDAN_DB: ':memory:', PORT: '0', SIDAN_CRON_INTERVAL_MS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString()
      if (out.includes('开发登录：')) child.kill('SIGTERM')
    })
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, out, err })
    })
  })
}

describe('development login is on only where it is safe', () => {
  it('knows the loopback addresses (HOST) and Host headers', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST']) {
      expect([a, isLoopbackAddress(a)]).toEqual([a, true])
    }
    for (const a of ['0.0.0.0', '::', '192.168.1.20', '128.0.0.1', '10.0.0.1', 'example.com', 'localhost.evil.example', '']) {
      expect([a, isLoopbackAddress(a)]).toEqual([a, false])
    }
    for (const h of ['127.0.0.1', '127.0.0.1:3000', '127.9.9.9:80', 'localhost', 'localhost:5173', '[::1]', '[::1]:3000']) {
      expect([h, isLoopbackHostHeader(h)]).toEqual([h, true])
    }
    for (const h of [undefined, '', 'evil.example', 'evil.example:3000', '127.0.0.1.nip.io', 'localhost.evil.example', '0.0.0.0:3000', '192.168.1.20:3000', '::1', '[::1', '127.0.0.1:3000:1', 'a@127.0.0.1']) {
      expect([h, isLoopbackHostHeader(h)]).toEqual([h, false])
    }
  })

  it('npm start (--dev-login) turns it on by default on loopback only; otherwise only SIDAN_DEV_LOGIN=1 does', () => {
    const devLogin = (env: NodeJS.ProcessEnv, byDefault: boolean) => hostConfigFromEnv(env, root, byDefault).devLogin
    expect(devLogin({}, true)).toBe(true)
    expect(devLogin({ HOST: 'localhost' }, true)).toBe(true)
    expect(devLogin({ HOST: '0.0.0.0' }, true)).toBe(false)
    expect(devLogin({ SIDAN_DEV_LOGIN: '0' }, true)).toBe(false)
    expect(devLogin({}, false)).toBe(false)
    expect(devLogin({ SIDAN_DEV_LOGIN: '1' }, false)).toBe(true)
    expect(() => hostConfigFromEnv({ SIDAN_DEV_LOGIN: 'yes' }, root)).toThrow(HostConfigError)
  })

  it('the host refuses to start with development login on and a HOST other than loopback, before opening anything', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sidan-host-'))
    try {
      const dbFile = path.join(dir, 'sidan.db')
      for (const host of ['0.0.0.0', '::', '192.168.1.20']) {
        const start = startRealHost({ port: 0, host, dbFile, devLogin: true, cronIntervalMs: 0, staticDir: dir }, {})
        await expect(start).rejects.toThrow(HostConfigError)
        await expect(start).rejects.toThrow(/开发登录只能在本机地址.*\n.*Refusing to start/s)
      }
      expect(existsSync(dbFile)).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('main.ts exits non-zero with a Chinese and English message (HOST=0.0.0.0 SIDAN_DEV_LOGIN=1), and starts as configured otherwise', async () => {
    const refused = await runMain({ HOST: '0.0.0.0', SIDAN_DEV_LOGIN: '1' })
    expect(refused.code).toBe(1)
    expect(refused.err).toContain('本地服务拒绝启动')
    expect(refused.err).toContain('开发登录只能在本机地址')
    expect(refused.err).toContain('Refusing to start: development login is on and HOST=0.0.0.0')
    expect(refused.out).toBe('')
    const unclear = await runMain({ SIDAN_DEV_LOGIN: 'true' })
    expect(unclear.code).toBe(1)
    expect(unclear.err).toContain('SIDAN_DEV_LOGIN must be 1 or 0')
    expect((await runMain({ HOST: '127.0.0.1' }, ['--dev-login'])).out).toContain('开发登录：开启')
    expect((await runMain({ HOST: '127.0.0.1' })).out).toContain('开发登录：关闭')
  }, 60_000)
})

describe('/api/dev/* answers only a loopback Host header (DNS rebinding)', () => {
  let host: Host
  beforeAll(async () => {
    host = await startHost()
  })
  afterAll(() => host.close())

  it('answers a loopback name with any port', async () => {
    for (const name of ['localhost', `localhost:${host.port}`, '127.0.0.1', '127.0.0.2:8080', `[::1]:${host.port}`]) {
      const res = await host.send('GET', '/api/dev/users', { host: name })
      expect([name, res.status]).toEqual([name, 200])
    }
    expect((await host.send('POST', '/api/dev/login', { host: 'localhost', body: { openid: 'demo-admin' } })).json.token).toEqual(expect.any(String))
  })

  it('any other name, or none, gets the 404 of a route that does not exist, and changes nothing', async () => {
    const before = host.dump()
    const admin = host.token('demo-admin')
    for (const name of ['evil.example', `evil.example:${host.port}`, '127.0.0.1.nip.io', '0.0.0.0', '192.168.1.20:3000', 'localhost.evil.example']) {
      for (const [method, url, body] of [
        ['GET', '/api/dev/users', undefined],
        ['POST', '/api/dev/login', { openid: 'demo-admin' }],
        ['POST', '/api/dev/cron', { now: new Date(Date.now() + 49 * 3600_000).toISOString() }],
        ['GET', '/api/dev/anything', undefined],
      ] as const) {
        const res = await host.send(method, url, { host: name, token: admin, body })
        expect([name, url, res.status, res.json]).toEqual([name, url, 404, { ok: false, error: { code: 'NOT_FOUND', message: '接口不存在' } }])
      }
    }
    // no Host header at all: Node's HTTP server refuses the request before it reaches a route
    expect((await host.send('GET', '/api/dev/users', { host: null })).status).toBe(400)
    expect(host.dump()).toBe(before)
    // the functions themselves answer whatever the name (the H5 may be served under any)
    expect((await host.send('POST', '/api/user', { host: 'sidan.example', token: host.token('demo-resident-1'), body: { action: 'login' } })).status).toBe(200)
  })
})

describe('POST /api/dev/cron: by an admin, at a time after the last run and within 10 years', () => {
  let host: Host
  beforeAll(async () => {
    host = await startHost()
  })
  afterAll(() => host.close())
  const hoursLater = (h: number) => new Date(Date.now() + h * 3600_000).toISOString()
  const cron = (now: string | undefined, openid?: string, token = openid ? host.token(openid) : undefined) =>
    host.send('POST', '/api/dev/cron', { token, body: now === undefined ? {} : { now } })
  const placeOrder = async () => {
    const res = await host.send('POST', '/api/order', {
      token: host.token('demo-resident-1'),
      body: { action: 'place', menuItemId: 'menu-19', need: '量血压', address: '滩尾村', phone: '13800001234', confirmDuplicate: true },
    })
    return res.json.data.order.id as string
  }
  /** the unit an order is handled by (an escalation hands it from the station to the 所) */
  const handledBy = async (orderId: string) => (await host.send('POST', '/api/order', { token: host.token('demo-admin'), body: { action: 'get', orderId } })).json.data.order.orgUnitId

  it('without a token 401, with a forged one 401, by anyone but an admin 403: the order waits and nothing changes', async () => {
    const orderId = await placeOrder()
    const before = host.dump()
    const later = hoursLater(49)
    expect((await cron(later)).json).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先以管理员身份登录' } })
    expect((await cron(later)).status).toBe(401)
    const forged = await cron(later, undefined, `${Buffer.from('demo-admin').toString('base64url')}.forged`)
    expect([forged.status, forged.json.error.code]).toEqual([401, 'UNAUTHENTICATED'])
    for (const openid of ['demo-resident-1', 'demo-volunteer-1', 'demo-leader-health', 'demo-manager-suxi', 'nobody-at-all']) {
      const res = await cron(later, openid)
      expect([openid, res.status, res.json]).toEqual([openid, 403, { ok: false, error: { code: 'FORBIDDEN', message: '只有管理员可以手动运行定时任务' } }])
    }
    expect(host.dump()).toBe(before)
    expect(await handledBy(orderId)).toBe('unit-tanwei')
    expect(await host.stores.jobs.getCursors(DEV_CRON_JOB)).toEqual({})
  })

  it('more than 10 years ahead (year 9999, today a 500) is INVALID_INPUT and changes nothing; an admin runs it otherwise', async () => {
    const before = host.dump()
    for (const now of ['9999-12-31T23:59:59.999Z', hoursLater(10.01 * 365.25 * 24), '+275760-09-13T00:00:00.000Z']) {
      const res = await cron(now, 'demo-admin')
      expect([now, res.status, res.json]).toEqual([now, 400, { ok: false, error: { code: 'INVALID_INPUT', message: '运行时间不能晚于现在10年以上' } }])
    }
    expect(host.dump()).toBe(before)
    expect(await host.stores.jobs.getCursors(DEV_CRON_JOB)).toEqual({})
    // the job's own check of its input still answers a time that is not one
    expect((await cron('yesterday', 'demo-admin')).json).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '时间格式不对' } })
  })

  it('a time before the last run is INVALID_INPUT and leaves the orders and the job state as they were', async () => {
    const orderId = await placeOrder()
    const at49 = hoursLater(49)
    const run = await cron(at49, 'demo-admin')
    expect(run).toMatchObject({ status: 200, json: { ok: true, data: { now: at49 } } })
    expect(run.json.data.escalated).toBeGreaterThanOrEqual(1)
    expect(await host.stores.jobs.getCursors(DEV_CRON_JOB)).toEqual({ lastRunAt: at49 })
    expect(await handledBy(orderId)).toBe('unit-suxi')

    const orderId2 = await placeOrder()
    const before = host.dump()
    for (const now of [hoursLater(1), new Date(Date.parse(at49) - 1).toISOString(), '2020-01-01T00:00:00.000Z']) {
      const res = await cron(now, 'demo-admin')
      expect([now, res.status, res.json]).toEqual([now, 400, { ok: false, error: { code: 'INVALID_INPUT', message: `运行时间不能早于上次运行的时间（${at49}）` } }])
    }
    expect(host.dump()).toBe(before)
    expect(await handledBy(orderId2)).toBe('unit-tanwei')
    expect(await host.stores.jobs.getCursors(DEV_CRON_JOB)).toEqual({ lastRunAt: at49 })

    // the same time again runs (and changes nothing due); a later one moves the mark; the host's clock (no now) leaves it
    expect((await cron(at49, 'demo-admin')).status).toBe(200)
    const at100 = hoursLater(100)
    expect((await cron(at100, 'demo-admin')).status).toBe(200)
    expect((await cron(undefined, 'demo-admin')).status).toBe(200)
    expect(await host.stores.jobs.getCursors(DEV_CRON_JOB)).toEqual({ lastRunAt: at100 })
    expect(await handledBy(orderId2)).not.toBe('unit-tanwei')
  })
})

describe('the static server: no dotfiles, security headers, a Chinese 404', () => {
  const inline = '!function(){document.documentElement.style.fontSize="20px"}();'
  let dir: string
  let host: Host
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sidan-h5-'))
    writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head><script>${inline}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`)
    mkdirSync(path.join(dir, 'js'))
    writeFileSync(path.join(dir, 'js', 'app.js'), 'console.log(1)')
    writeFileSync(path.join(dir, '.env'), 'SIDAN_SECRET=do-not-serve')
    mkdirSync(path.join(dir, '.git'))
    writeFileSync(path.join(dir, '.git', 'config'), '[core]')
    mkdirSync(path.join(dir, 'js', '.cache'))
    writeFileSync(path.join(dir, 'js', '.cache', 'x.js'), 'secret')
    host = await startHost({ staticDir: dir, apiBase: 'https://api.sidan.example/base' })
  })
  afterAll(async () => {
    await host.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the build and refuses every dotfile with the Chinese 404 page', async () => {
    expect((await host.send('GET', '/')).status).toBe(200)
    expect((await host.send('GET', '/js/app.js')).text).toBe('console.log(1)')
    for (const url of ['/.env', '/.git/config', '/%2Eenv', '/js/.cache/x.js', '/.git/', '/nope.html']) {
      const res = await host.send('GET', url)
      expect([url, res.status, res.headers['content-type']]).toEqual([url, 404, 'text/html; charset=utf-8'])
      expect(res.text).toContain('页面不存在')
      expect(res.text).not.toMatch(/do-not-serve|\[core\]|secret/)
    }
  })

  it('answers an unknown /api/ route with the error envelope, whatever the method', async () => {
    for (const [method, url] of [['GET', '/api/nope'], ['GET', '/api/order'], ['DELETE', '/api/user'], ['GET', '/api'], ['PUT', '/api/dev']]) {
      const res = await host.send(method, url)
      expect([method, url, res.status, res.json]).toEqual([method, url, 404, { ok: false, error: { code: 'NOT_FOUND', message: '接口不存在' } }])
    }
  })

  it('sends security headers with a content security policy fit for the H5 build, on pages and API answers alike', async () => {
    const hash = createHash('sha256').update(inline).digest('base64')
    for (const url of ['/', '/js/app.js', '/nope', '/healthz']) {
      const { headers } = await host.send('GET', url)
      const csp = String(headers['content-security-policy'])
      expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`)
      expect(csp).toContain("connect-src 'self' https://api.sidan.example")
      expect(csp).toContain("object-src 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).toContain("img-src 'self' data: blob:")
      expect(csp).not.toContain('unsafe-eval')
      expect(csp).not.toContain('upgrade-insecure-requests')
      expect(headers['x-content-type-options']).toBe('nosniff')
      expect(headers['x-frame-options']).toBe('SAMEORIGIN')
      expect(headers['referrer-policy']).toBe('no-referrer')
      expect(headers['cross-origin-opener-policy']).toBe('same-origin')
      expect(headers['strict-transport-security']).toBeUndefined()
      expect(headers['x-powered-by']).toBeUndefined()
    }
    const api = await host.send('POST', '/api/user', { token: host.token('demo-resident-1'), body: { action: 'login' } })
    expect(api.status).toBe(200)
    expect(api.headers['x-content-type-options']).toBe('nosniff')
    expect(api.headers['content-security-policy']).toBeDefined()
  })
})
