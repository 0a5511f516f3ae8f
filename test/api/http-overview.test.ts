import type { AddressInfo } from 'node:net'
import { createSqliteStores } from '~adapters/sqlite'
import { DEFAULT_POLICY } from '~core/config'
import { createTokenSigner } from '~local/auth'
import { demoCounty } from '~local/demo-county'
import { buildServer } from '~local/server'

/** 订单总览 and 人员与角色 over the local host's HTTP, as the H5 build calls them. */
describe('order.overview and user.search over HTTP', () => {
  const stores = createSqliteStores({ filename: ':memory:' })
  const app = buildServer({ deps: { ...stores, policy: DEFAULT_POLICY, clock: () => new Date() }, signer: createTokenSigner(), devLogin: true })
  let base = ''
  const tokens = new Map<string, string>()

  beforeAll(async () => {
    await stores.seed.importData(demoCounty())
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await app.close()
    stores.close()
  })

  async function api(openid: string, fn: string, body: unknown) {
    if (!tokens.has(openid)) {
      const res = await fetch(`${base}/api/dev/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
      tokens.set(openid, ((await res.json()) as { token: string }).token)
    }
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(openid)}` }
    const res = await fetch(`${base}/api/${fn}`, { method: 'POST', headers, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }

  it('a 所 manager finds a dispatched order by the resident’s name; another 所 is 403; an admin finds people', async () => {
    const placed = await api('demo-resident-1', 'order', {
      action: 'place',
      menuItemId: 'menu-19',
      need: '老伴血压高',
      address: '滩尾村三组12号',
      phone: '13800001234',
    })
    const orderId = placed.body.data.order.id
    await api('demo-manager-tanwei', 'order', { action: 'dispatch', orderId, teamIds: ['team-health'] })
    const found = await api('demo-manager-suxi', 'order', { action: 'overview', q: '王大爷', status: 'dispatched' })
    expect(found).toMatchObject({ status: 200, body: { ok: true, data: { nextCursor: null } } })
    expect(found.body.data.items.map((i: any) => [i.id, i.status, i.unitName, i.teamNames])).toEqual([
      [orderId, 'dispatched', '滩尾村新时代文明实践站', ['县卫生健康志愿服务分队']],
    ])
    const refused = await api('demo-manager-suxi', 'order', { action: 'overview', unitId: 'unit-wushan' })
    expect(refused).toMatchObject({ status: 403, body: { ok: false, error: { code: 'FORBIDDEN', message: '只能查看本单位及下级单位的订单' } } })
    const bad = await api('demo-manager-suxi', 'order', { action: 'overview', from: '2026-03-05T00:00:00Z', to: '2026-03-01T00:00:00Z' })
    expect(bad).toMatchObject({ status: 400, body: { ok: false, error: { code: 'INVALID_INPUT', message: '开始时间应早于结束时间' } } })
    const people = await api('demo-admin', 'user', { action: 'search', q: '滩尾村王' })
    expect(people.body.data.items.map((p: any) => p.name)).toEqual(['滩尾村王大爷'])
    expect((await api('demo-manager-suxi', 'user', { action: 'search', q: '滩尾村' })).status).toBe(403)
  })
})
