import type { AddressInfo } from 'node:net'
import { createTokenSigner } from '~local/auth'
import { buildServer } from '~local/server'
import { DEFAULT_POLICY, RATE_LIMITS_OFF } from '~core/config'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { servedOrder } from '~test/support/service-fixture'
import { makeUpload } from '~test/store/contract/uploads'
import type { Order, WallItem } from '~types'
import { createHarness, type Harness, uid } from './harness'

/**
 * 社会评单 (issue 11) through the handlers and the local host: the 公示栏 shows served orders only, the person masked
 * and never a phone or an address; likes count once per person; the order's own people may not rate; public ratings
 * stay apart from the requester's; bad input and the daily limits refuse with nothing written.
 */

const RESIDENT = 'demo-resident-1'
const ZHANG = { id: uid('demo-volunteer-1'), name: '张护士' }
const at = '2026-03-01T02:00:00.000Z'

function served(id: string, over: Partial<Order> = {}): Order {
  return {
    ...servedOrder({ id, volunteer: ZHANG, at, hours: 2, status: 'verified', place: '滩尾村文化礼堂' }),
    ownerId: uid(RESIDENT),
    ownerName: '滩尾村王大爷',
    phone: '13800001234',
    address: '苏溪镇滩尾村三组12号',
    ...over,
  }
}

async function seed(h: Harness, orders: Order[]) {
  for (const o of orders) await h.stores.orders.insertOrder(o)
}

const wallOf = (h: Harness, openid: string | null, payload: Record<string, unknown> = {}) =>
  h.call(openid, 'public', 'wall', payload).then((r) => {
    if (!r.ok) throw new Error(r.error.message)
    return r.data as { items: WallItem[]; nextCursor: string | null }
  })

describe('public.wall', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
    await seed(h, [
      served('o-served', { completion: { hours: 2, beneficiaryCount: 3, note: '', by: ZHANG.id, at, place: '滩尾村文化礼堂', photos: ['f-pass', 'f-pending', 'f-reject'] } }),
      served('o-proxy', { ownerName: '滩尾村网格员小罗', onBehalfOf: { name: '五保户陈大爷' }, createdAt: '2026-02-27T02:00:00.000Z' }),
      served('o-open', { status: 'dispatched', completion: null, rating: null, title: '还没服务的单' }),
    ])
    await h.stores.uploads.saveUpload(makeUpload('f-pass', { orderId: 'o-served', check: 'pass', visibility: 'public', traceId: null }))
    await h.stores.uploads.saveUpload(makeUpload('f-pending', { orderId: 'o-served' }))
    await h.stores.uploads.saveUpload(makeUpload('f-reject', { orderId: 'o-served', check: 'reject', traceId: null }))
  })
  afterEach(() => h.close())

  test('a served order shows, masked, without phone or address; an unserved one is not on it; only passed photos', async () => {
    for (const viewer of [null, 'demo-resident-2']) {
      const wall = await wallOf(h, viewer)
      expect(wall.items.map((i) => i.orderId)).toEqual(['o-served', 'o-proxy'])
      const [item, proxy] = wall.items
      expect(item).toMatchObject({ title: '健康义诊', residentMasked: '王**', place: '滩尾村文化礼堂', requesterStars: 5, publicAvg: null, publicCount: 0, likes: 0 })
      expect(item.stationName).toContain('滩尾村')
      expect(item.teamNames.length).toBe(1)
      expect(item.photos).toEqual([{ id: 'f-pass', src: '/api/files/f-pass' }])
      expect(proxy.residentMasked).toBe('五保户陈**')
      const text = JSON.stringify(wall)
      for (const secret of ['13800001234', '0001234', '三组12号', '王大爷', '陈大爷', '小罗']) expect(text).not.toContain(secret)
      if (viewer) expect(item).toMatchObject({ liked: false, myRating: null })
      else expect(item).not.toHaveProperty('liked')
    }
  })

  test('filters by unit and theme; another subtree and an unknown unit', async () => {
    expect((await wallOf(h, null, { unitId: 'unit-tanwei' })).items).toHaveLength(2)
    expect((await wallOf(h, null, { unitId: 'unit-wushan' })).items).toHaveLength(0)
    expect((await wallOf(h, null, { themeId: 'no-such-theme' })).items).toHaveLength(0)
    const res = await h.call(null, 'public', 'wall', { unitId: 'unit-nowhere' })
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '单位不存在' } })
  })

  test('a page reads the orders, then summaries, marks, teams and photos in parallel (the viewer, then 5 store calls)', async () => {
    await wallOf(h, 'demo-resident-2') // the unit tree and themes are kept from here on
    h.calls.length = 0
    await wallOf(h, 'demo-resident-2')
    expect(h.calls).toEqual(['getUserByOpenid', 'listOverview', 'summaries', 'marks', 'listTeams', 'getUploads'])
  })
})

describe('public.like and public.rate', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
    await seed(h, [served('o-1'), served('o-open', { status: 'claimed', completion: null, rating: null })])
  })
  afterEach(() => h.close())

  test('a like sent twice, and 20 times in parallel, counts once; unlike takes it back', async () => {
    expect(await h.ok('demo-resident-2', 'public', 'like', { orderId: 'o-1' })).toEqual({ orderId: 'o-1', likes: 1, liked: true })
    expect(await h.ok('demo-resident-2', 'public', 'like', { orderId: 'o-1' })).toEqual({ orderId: 'o-1', likes: 1, liked: true })
    const res = await Promise.all(Array.from({ length: 20 }, () => h.ok('demo-resident-3', 'public', 'like', { orderId: 'o-1' })))
    expect(res.every((r) => r.likes >= 1)).toBe(true)
    const [item] = (await wallOf(h, 'demo-resident-3')).items
    expect(item).toMatchObject({ likes: 2, liked: true })
    expect(await h.ok('demo-resident-3', 'public', 'unlike', { orderId: 'o-1' })).toEqual({ orderId: 'o-1', likes: 1, liked: false })
  })

  test("the owner's, a claimer's and the proxy's public.rate are FORBIDDEN, nothing written", async () => {
    await seed(h, [served('o-proxy', { ownerId: uid('demo-proxy'), ownerName: '滩尾村网格员小罗', onBehalfOf: { name: '五保户陈大爷' } })])
    const before = h.dump()
    for (const [who, orderId] of [[RESIDENT, 'o-1'], ['demo-volunteer-1', 'o-1'], ['demo-proxy', 'o-proxy']]) {
      const res = await h.call(who, 'public', 'rate', { orderId, stars: 5 })
      expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
      if (!res.ok) expect(res.error.message).toMatch(/不能为本人/)
    }
    expect(h.dump()).toBe(before)
  })

  test("two residents' ratings give the average, apart from the requester's stars; a second rating updates", async () => {
    expect(await h.ok('demo-resident-2', 'public', 'rate', { orderId: 'o-1', stars: 5, comment: '很及时' })).toMatchObject({ publicAvg: 5, publicCount: 1, myRating: { stars: 5, comment: '很及时' } })
    expect(await h.ok('demo-resident-3', 'public', 'rate', { orderId: 'o-1', stars: 2 })).toMatchObject({ publicAvg: 3.5, publicCount: 2 })
    let [item] = (await wallOf(h, 'demo-resident-3')).items
    expect(item).toMatchObject({ requesterStars: 5, publicAvg: 3.5, publicCount: 2, myRating: 2 })
    expect(await h.ok('demo-resident-3', 'public', 'rate', { orderId: 'o-1', stars: 4 })).toMatchObject({ publicAvg: 4.5, publicCount: 2, myRating: { stars: 4 } })
    ;[item] = (await wallOf(h, null)).items
    expect(item).toMatchObject({ requesterStars: 5, publicAvg: 4.5, publicCount: 2 })
    // the requester's own rating is untouched
    expect((await h.stores.orders.loadOrder('o-1')).order?.rating?.stars).toBe(5)
    // the team counts each person once this month
    expect(await h.stores.social.teamSums(['team-health'], '2026-03')).toEqual({ 'team-health': { count: 2, stars: 9 } })
  })

  test.each([
    ['stars 0', 'rate', { orderId: 'o-1', stars: 0 }, 'INVALID_INPUT', /评分不能少于1/],
    ['stars 6', 'rate', { orderId: 'o-1', stars: 6 }, 'INVALID_INPUT', /评分不能超过5/],
    ['a 201-character comment', 'rate', { orderId: 'o-1', stars: 4, comment: '好'.repeat(201) }, 'INVALID_INPUT', /评价/],
    ['a like on an unserved order', 'like', { orderId: 'o-open' }, 'CONFLICT', /还没有完成服务/],
    ['a rating of an unserved order', 'rate', { orderId: 'o-open', stars: 4 }, 'CONFLICT', /还没有完成服务/],
    ['a like on a missing order', 'like', { orderId: 'o-none' }, 'NOT_FOUND', /订单不存在/],
  ])('%s: a clear Chinese error and nothing written', async (_name, action, payload, code, message) => {
    const before = h.dump()
    const res = await h.call('demo-resident-2', 'public', action as string, payload as Record<string, unknown>)
    expect(res).toMatchObject({ ok: false, error: { code } })
    if (!res.ok) expect(res.error.message).toMatch(message as RegExp)
    expect(h.dump()).toBe(before)
  })
})

describe('daily limits of likes and public ratings', () => {
  let h: Harness
  const ids = Array.from({ length: 31 }, (_, i) => `o-${String(i).padStart(2, '0')}`)
  beforeEach(async () => {
    // only the two daily limits on (the writes-per-minute limit would refuse a burst of 31 first)
    h = await createHarness({ ...UNLIMITED_POLICY, rateLimits: { ...RATE_LIMITS_OFF, likesPerDay: DEFAULT_POLICY.rateLimits.likesPerDay, publicRatingsPerDay: DEFAULT_POLICY.rateLimits.publicRatingsPerDay } })
    await seed(h, ids.map((id) => served(id)))
  })
  afterEach(() => h.close())

  test('the 31st like of the day is RATE_LIMITED, nothing written; liking again one already counted is free', async () => {
    for (const orderId of ids.slice(0, 30)) await h.ok('demo-resident-2', 'public', 'like', { orderId })
    const before = h.dump()
    const res = await h.call('demo-resident-2', 'public', 'like', { orderId: ids[30] })
    expect(res).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: '每天最多点赞30次，明天再来吧' } })
    expect(h.dump()).toBe(before)
    await h.ok('demo-resident-2', 'public', 'unlike', { orderId: ids[0] })
    expect(await h.ok('demo-resident-2', 'public', 'like', { orderId: ids[0] })).toMatchObject({ liked: true })
    // the next China day starts again
    h.setNow(new Date('2026-03-02T16:30:00.000Z'))
    expect(await h.ok('demo-resident-2', 'public', 'like', { orderId: ids[30] })).toMatchObject({ liked: true })
  })

  test('the 11th rating of the day is RATE_LIMITED, nothing written; re-rating one already counted is free', async () => {
    for (const orderId of ids.slice(0, 10)) await h.ok('demo-resident-2', 'public', 'rate', { orderId, stars: 4 })
    const before = h.dump()
    const res = await h.call('demo-resident-2', 'public', 'rate', { orderId: ids[10], stars: 4 })
    expect(res).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: '每天最多评价10次，明天再来吧' } })
    expect(h.dump()).toBe(before)
    expect(await h.ok('demo-resident-2', 'public', 'rate', { orderId: ids[0], stars: 2 })).toMatchObject({ myRating: { stars: 2 } })
  })
})

describe('the 公示栏 over the local host', () => {
  let h: Harness
  let app: ReturnType<typeof buildServer>
  let base: string
  const signer = createTokenSigner()
  beforeEach(async () => {
    h = await createHarness()
    await seed(h, [served('o-1')])
    app = buildServer({ deps: h.deps, signer, devLogin: true, exportFiles: h.files, certificateFiles: h.certificateFiles })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  afterEach(async () => {
    await app.close()
    h.close()
  })
  const post = async (body: object, token?: string) => {
    const res = await fetch(`${base}/api/public`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }

  test('the wall without a token works; a like without a token is 401, with one it counts', async () => {
    const wall = await post({ action: 'wall' })
    expect(wall.status).toBe(200)
    expect(wall.body.data.items.map((i: WallItem) => i.residentMasked)).toEqual(['王**'])
    const anon = await post({ action: 'like', orderId: 'o-1' })
    expect(anon.status).toBe(401)
    expect(anon.body.error.code).toBe('UNAUTHENTICATED')
    const signed = await post({ action: 'like', orderId: 'o-1' }, signer.issue('demo-resident-2'))
    expect(signed).toMatchObject({ status: 200, body: { ok: true, data: { likes: 1, liked: true } } })
  })
})
