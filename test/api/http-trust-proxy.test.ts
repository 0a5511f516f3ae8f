/**
 * X-Forwarded-For behind a reverse proxy (SIDAN_TRUST_PROXY): the per-address rate limit and the loopback checks use
 * the client address a trusted proxy names only when configured; off (the default), a forged header changes nothing;
 * /api/dev/* never answers a proxied request. Over real HTTP: on loopback (a proxy on this machine connects from
 * 127.0.0.1), and on this machine's network address for a connection that is not loopback.
 */
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { createSqliteStores } from '~adapters/sqlite'
import { DEFAULT_POLICY } from '~core/config'
import { createTokenSigner } from '~local/auth'
import { demoCounty } from '~local/demo-county'
import { checkHostConfig, HostConfigError, hostConfigFromEnv } from '~local/host'
import type { IpRateLimit } from '~local/ip-rate-limit'
import { buildServer } from '~local/server'
import { type TrustProxy, trustProxyFromEnv } from '~local/trust-proxy'

/** This machine's first address that is not loopback (a connection to it comes from it): none in some sandboxes. */
const NETWORK_ADDRESS = Object.values(os.networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address
const onNetwork = NETWORK_ADDRESS ? it : it.skip
if (!NETWORK_ADDRESS) console.warn('no network address that is not loopback: the tests of a connection from elsewhere are skipped')

async function start(opts: { trustProxy?: TrustProxy; ipRateLimit?: IpRateLimit; devLogin?: boolean; listenOn?: string } = {}) {
  const stores = createSqliteStores({ filename: ':memory:' })
  await stores.seed.importData(demoCounty())
  const signer = createTokenSigner()
  const deps = { ...stores, policy: DEFAULT_POLICY, clock: () => new Date() }
  const app = buildServer({ deps, signer, devLogin: opts.devLogin ?? false, ipRateLimit: opts.ipRateLimit, trustProxy: opts.trustProxy })
  const address = opts.listenOn ?? '127.0.0.1'
  await app.listen({ port: 0, host: address })
  const base = `http://${address}:${(app.server.address() as AddressInfo).port}`
  /** catalog.themes (a read) with these headers; answers the status */
  const read = async (headers: Record<string, string> = {}) =>
    (await fetch(`${base}/api/catalog`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ action: 'themes' }) })).status
  const place = async (headers: Record<string, string>) =>
    (
      await fetch(`${base}/api/order`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signer.issue('demo-resident-1')}`, ...headers },
        body: JSON.stringify({ action: 'place', menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组12号', phone: '13800001234', beneficiaryCount: 1 }),
      })
    ).status
  function dump(): string {
    const tables = stores.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    return JSON.stringify(tables.map(({ name }) => [name, stores.db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]))
  }
  return { app, base, read, place, dump, close: async () => { await app.close(); stores.close() } }
}
type Host = Awaited<ReturnType<typeof start>>

const LIMIT_3: IpRateLimit = { max: 3, windowMs: 60_000, includeLoopback: false }
const xff = (value: string) => ({ 'x-forwarded-for': value })

describe('SIDAN_TRUST_PROXY: the setting', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['1', 1],
    ['2', 2],
    ['127.0.0.1', ['127.0.0.1']],
    [' 127.0.0.1 , 10.0.0.0/8 ,::1', ['127.0.0.1', '10.0.0.0/8', '::1']],
    ['loopback', ['loopback']],
  ])('%j → %j', (raw, trust) => {
    expect(trustProxyFromEnv(raw)).toEqual(trust)
  })

  it.each(['true', 'yes', '11', '10.0.0.0/33', '1.2.3', 'nginx', ',', '127.0.0.1/8/2'])('refuses %j', (raw) => {
    expect(() => trustProxyFromEnv(raw)).toThrow('SIDAN_TRUST_PROXY')
    expect(() => hostConfigFromEnv({ SIDAN_TRUST_PROXY: raw }, '/tmp')).toThrow(HostConfigError)
  })

  it('is off by default, and the host refuses to start with development login behind a proxy', () => {
    expect(hostConfigFromEnv({}, '/tmp').trustProxy).toBe(false)
    const behindProxy = hostConfigFromEnv({ SIDAN_TRUST_PROXY: '1' }, '/tmp', true)
    expect(behindProxy.devLogin).toBe(true)
    expect(() => checkHostConfig(behindProxy)).toThrow(/开发登录不能在反向代理之后开启/)
    expect(() => checkHostConfig(hostConfigFromEnv({ SIDAN_TRUST_PROXY: '1' }, '/tmp'))).not.toThrow()
  })
})

describe('the per-address rate limit behind a proxy', () => {
  let host: Host | undefined
  afterEach(async () => {
    await host?.close()
    host = undefined
  })

  it('off (the default): a forged X-Forwarded-For changes nothing, neither the loopback exemption nor the bucket', async () => {
    host = await start({ ipRateLimit: LIMIT_3 })
    const exempt = []
    for (let i = 0; i < 6; i++) exempt.push(await host.read(xff('203.0.113.7')))
    expect(exempt).toEqual([200, 200, 200, 200, 200, 200])
    await host.close()

    host = await start({ ipRateLimit: { ...LIMIT_3, includeLoopback: true } })
    const counted = []
    for (let i = 0; i < 4; i++) counted.push(await host.read(xff(`203.0.113.${i + 1}`)))
    expect(counted).toEqual([200, 200, 200, 429])
  })

  it.each([
    ['a hop count (1)', 1 as TrustProxy],
    ['the proxy’s address', ['127.0.0.1'] as TrustProxy],
  ])('set to %s: each client the proxy names has its own bucket; its own forged entries change nothing', async (_name, trustProxy) => {
    host = await start({ ipRateLimit: LIMIT_3, trustProxy })
    const one = []
    for (let i = 0; i < 3; i++) one.push(await host.read(xff('203.0.113.7')))
    expect(one).toEqual([200, 200, 200])
    // the client put "127.0.0.1" (or another address) in front of what the proxy appended: still 203.0.113.7
    expect(await host.read(xff('127.0.0.1, 203.0.113.7'))).toBe(429)
    expect(await host.read(xff('198.51.100.1, 203.0.113.7'))).toBe(429)
    // another client behind the same proxy, and the machine itself (no forwarding header: loopback, exempt)
    expect(await host.read(xff('203.0.113.8'))).toBe(200)
    for (let i = 0; i < 5; i++) expect(await host.read()).toBe(200)
    // a refused write changes nothing
    const before = host.dump()
    expect(await host.place(xff('203.0.113.7'))).toBe(429)
    expect(host.dump()).toBe(before)
  })

  onNetwork('a hop count trusts no connection from elsewhere: there the connection is the client, whatever it sends', async () => {
    host = await start({ ipRateLimit: LIMIT_3, trustProxy: 1, listenOn: NETWORK_ADDRESS })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push(await host.read(xff(`203.0.113.${i + 1}`)))
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  onNetwork('an address list trusts only those proxies: a connection from another address is the client', async () => {
    host = await start({ ipRateLimit: LIMIT_3, trustProxy: ['127.0.0.1'], listenOn: NETWORK_ADDRESS })
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push(await host.read(xff(`203.0.113.${i + 1}`)))
    expect(statuses).toEqual([200, 200, 200, 429])
  })
})

describe('/api/dev/* answers this machine only, never a request through a proxy', () => {
  let host: Host | undefined
  afterEach(async () => {
    await host?.close()
    host = undefined
  })

  it.each([
    ['off', false as TrustProxy],
    ['a hop count', 1 as TrustProxy],
  ])('with SIDAN_TRUST_PROXY %s: any forwarding header gets the 404 of a missing route, and nothing changes', async (_name, trustProxy) => {
    host = await start({ devLogin: true, trustProxy })
    expect((await fetch(`${host.base}/api/dev/users`)).status).toBe(200)
    const before = host.dump()
    const proxied: Array<Record<string, string>> = [xff('127.0.0.1'), { forwarded: 'for=127.0.0.1' }, { 'x-real-ip': '127.0.0.1' }, { 'x-forwarded-host': '127.0.0.1' }]
    for (const headers of proxied) {
      expect((await fetch(`${host.base}/api/dev/users`, { headers })).status).toBe(404)
      const login = await fetch(`${host.base}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ openid: 'demo-admin' }) })
      expect(login.status).toBe(404)
      expect(await login.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
      const cron = await fetch(`${host.base}/api/dev/cron`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' })
      expect(cron.status).toBe(404)
    }
    expect(host.dump()).toBe(before)
  })

  onNetwork('a connection from another address is refused even with a loopback Host header', async () => {
    host = await start({ devLogin: true, listenOn: NETWORK_ADDRESS })
    const { port } = host.app.server.address() as AddressInfo
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: NETWORK_ADDRESS, port, path: '/api/dev/users', headers: { host: `127.0.0.1:${port}` }, setHost: false }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    expect(status).toBe(404)
  })
})
