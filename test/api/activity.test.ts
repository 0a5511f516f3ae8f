/**
 * The activity record (issue 10, 结项): photos uploaded through the local host (POST /api/upload, GET /api/files/<id>),
 * order.complete with visits, place and photos, content security on text (a double that rejects) and the image
 * verdict that arrives later (order.attachPhoto + the wxa_media_check push).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createDiskFiles, type DiskFiles } from '~adapters/disk/files'
import { FUNCTIONS } from '~functions/registry'
import { createTokenSigner } from '~local/auth'
import { buildServer } from '~local/server'
import { NOT_AN_IMAGE, TOO_LARGE } from '~local/upload-routes'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { memoryPhotoFiles, scriptedContentCheck } from '~test/support/content-check'
import { photoForViewer } from '~usecases/uploads'
import { createHarness, type Harness, uid } from './harness'

/** A few bytes that start like a JPEG (the host judges the type by them, never by the name). */
const codeOf = (res: { ok: boolean; error?: { code: string } }) => res.error?.code

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(2000, 7)])
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)])

function multipart(file: Buffer, filename: string, contentType: string) {
  const boundary = '----sidanTestBoundary7MA4YWxk'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`
  const body = Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)])
  return { body, contentType: `multipart/form-data; boundary=${boundary}` }
}

async function claimedOrder(h: Harness) {
  const order = await h.place('demo-resident-1', { beneficiaryCount: 3 })
  await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
  await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: order.id })
  return order
}

describe('activity photos through the local host', () => {
  let h: Harness
  let photos: DiskFiles
  let app: ReturnType<typeof buildServer>
  let base = ''
  const signer = createTokenSigner()
  const start = async () => {
    app = buildServer({ deps: h.deps, signer, devLogin: true, photoFiles: photos })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  }
  type Res = { statusCode: number; headers: Headers; rawPayload: Buffer; json: () => any }
  const answer = async (res: Response): Promise<Res> => {
    const raw = Buffer.from(await res.arrayBuffer())
    return { statusCode: res.status, headers: res.headers, rawPayload: raw, json: () => JSON.parse(raw.toString('utf8')) }
  }

  beforeEach(async () => {
    h = await createHarness()
    photos = createDiskFiles(mkdtempSync(path.join(tmpdir(), 'sidan-test-uploads-')))
    await start()
  })
  afterEach(async () => {
    await app.close()
    h.close()
    rmSync(photos.dir, { recursive: true, force: true })
  })

  const auth = (openid: string | null): Record<string, string> => (openid ? { authorization: `Bearer ${signer.issue(openid)}` } : {})
  const upload = async (openid: string | null, orderId: string, file: Buffer, filename = 'photo.jpg', type = 'image/jpeg', requestId?: string) => {
    const { body, contentType } = multipart(file, filename, type)
    const rid = requestId ? `&requestId=${encodeURIComponent(requestId)}` : ''
    const res = await fetch(`${base}/api/upload?orderId=${encodeURIComponent(orderId)}${rid}`, { method: 'POST', headers: { 'content-type': contentType, ...auth(openid) }, body })
    return answer(res)
  }
  const fetchFile = async (openid: string | null, id: string) => answer(await fetch(`${base}/api/files/${id}`, { headers: auth(openid) }))
  const stored = () => readdirSync(photos.dir).sort()

  it('a claimer uploads an image: stored under the data folder, unchecked locally, private to the order’s own people', async () => {
    const order = await claimedOrder(h)
    const res = await upload('demo-volunteer-1', order.id, JPEG)
    expect(res.statusCode).toBe(200)
    const data = res.json().data
    expect(data).toEqual({ id: expect.stringMatching(/^f_/), path: expect.stringMatching(new RegExp(`^orders/${order.id}/${data.id}-[0-9a-f]{8}\\.jpg$`)), check: 'unchecked', visibility: 'private' })
    expect(stored()).toEqual([data.path.split('/').pop()])
    const [record] = await h.stores.uploads.getUploads([data.id])
    expect(record).toMatchObject({ orderId: order.id, uploaderId: uid('demo-volunteer-1'), mime: 'image/jpeg', bytes: JPEG.length })

    // the owner, the claimer and the order's manager see it; a team member who did not claim, a stranger and nobody do not
    for (const who of ['demo-volunteer-1', 'demo-resident-1', 'demo-manager-tanwei']) {
      const got = await fetchFile(who, data.id)
      expect(got.statusCode).toBe(200)
      expect(got.headers.get('content-type')).toBe('image/jpeg')
      expect(got.headers.get('cache-control')).toBe('private, no-store')
      expect(got.rawPayload.equals(JPEG)).toBe(true)
    }
    expect((await fetchFile('demo-volunteer-2', data.id)).json()).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您无权查看这张照片' } })
    expect((await fetchFile('demo-resident-2', data.id)).statusCode).toBe(403)
    expect((await fetchFile(null, data.id)).statusCode).toBe(401)
    expect((await fetchFile('demo-volunteer-1', 'f_nothing')).statusCode).toBe(404)
  })

  it('a photo just under 5 MB is accepted (the JSON body limit does not apply to uploads)', async () => {
    const order = await claimedOrder(h)
    const res = await upload('demo-volunteer-1', order.id, Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024 - JPEG.length - 1)]))
    expect(res.statusCode).toBe(200)
    expect((await h.stores.uploads.getUploads([res.json().data.id]))[0].bytes).toBe(5 * 1024 * 1024 - 1)
  })

  it('a retried upload (the same requestId) answers the first one and stores one file', async () => {
    const order = await claimedOrder(h)
    const first = (await upload('demo-volunteer-1', order.id, JPEG, 'a.jpg', 'image/jpeg', 'photo-1')).json().data
    const again = (await upload('demo-volunteer-1', order.id, JPEG, 'a.jpg', 'image/jpeg', 'photo-1')).json().data
    expect(again).toEqual(first)
    expect(stored()).toEqual([first.path.split('/').pop()])
    const other = (await upload('demo-volunteer-1', order.id, JPEG, 'a.jpg', 'image/jpeg', 'photo-2')).json().data
    expect(other.id).not.toBe(first.id)
    expect(stored()).toHaveLength(2)
  })

  it('parallel retries of one upload (the same requestId): one record, one file, the same answer', async () => {
    const order = await claimedOrder(h)
    const answers = await Promise.all(Array.from({ length: 4 }, () => upload('demo-volunteer-1', order.id, JPEG, 'a.jpg', 'image/jpeg', 'photo-race')))
    const ids = new Set(answers.map((a) => a.json().data.id))
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200])
    expect(ids.size).toBe(1)
    expect(stored()).toEqual([answers[0].json().data.path.split('/').pop()])
  })

  it('a PNG named .txt is an image by its content', async () => {
    const order = await claimedOrder(h)
    const res = await upload('demo-volunteer-1', order.id, PNG, 'notes.txt', 'text/plain')
    expect(res.statusCode).toBe(200)
    expect(res.json().data.path).toMatch(/\.png$/)
  })

  it('refusals store nothing: 6 MB (413), a text file named .jpg, someone else’s order, no sign-in, an order not claimed', async () => {
    const order = await claimedOrder(h)
    const other = await h.place('demo-resident-2')
    const before = h.dump()

    const big = await upload('demo-volunteer-1', order.id, Buffer.concat([JPEG, Buffer.alloc(6 * 1024 * 1024)]))
    expect(big.statusCode).toBe(413)
    expect(big.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: TOO_LARGE } })
    expect(TOO_LARGE).toBe('照片不能超过5MB，请压缩后再上传')

    const text = await upload('demo-volunteer-1', order.id, Buffer.from('这不是图片，只是改了名字的文字文件\n'.repeat(20)), 'photo.jpg', 'image/jpeg')
    expect(text.statusCode).toBe(400)
    expect(text.json()).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: NOT_AN_IMAGE } })

    // a volunteer of the dispatched team who did not claim, a claimer on another order's path, the resident
    for (const [who, orderId] of [['demo-volunteer-2', order.id], ['demo-volunteer-1', other.id], ['demo-resident-1', order.id]]) {
      const res = await upload(who, orderId, JPEG)
      expect(res.statusCode).toBe(403)
      expect(res.json().error.code).toBe('FORBIDDEN')
    }
    expect((await upload(null, order.id, JPEG)).statusCode).toBe(401)
    expect((await upload('demo-volunteer-1', 'o_nothing', JPEG)).statusCode).toBe(404)
    expect((await upload('demo-volunteer-1', '', JPEG)).statusCode).toBe(400)

    expect(h.dump()).toBe(before)
    expect(stored()).toEqual([])
  })

  it('once the order is completed no more photos are taken (CONFLICT)', async () => {
    const order = await claimedOrder(h)
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: order.id, hours: 1, beneficiaryCount: 3 })
    const res = await upload('demo-volunteer-1', order.id, JPEG)
    expect(res.statusCode).toBe(409)
    expect(stored()).toEqual([])
  })

  it('uploads per person and hour are limited (SIDAN_RATE_UPLOADS_PER_HOUR)', async () => {
    await app.close()
    h.close()
    h = await createHarness({ ...UNLIMITED_POLICY, rateLimits: { ...UNLIMITED_POLICY.rateLimits, uploadsPerHour: 2 } })
    await start()
    const order = await claimedOrder(h)
    expect((await upload('demo-volunteer-1', order.id, JPEG)).statusCode).toBe(200)
    expect((await upload('demo-volunteer-1', order.id, JPEG)).statusCode).toBe(200)
    const third = await upload('demo-volunteer-1', order.id, JPEG)
    expect(third.statusCode).toBe(429)
    expect(third.json().error.message).toMatch(/^一小时内最多上传2张照片，请\d+分钟后再试$/)
    expect(stored()).toHaveLength(2)
  })

  it('complete names uploaded photos with visits and place; the record keeps them', async () => {
    const order = await claimedOrder(h)
    const ids = [] as string[]
    for (let i = 0; i < 2; i++) ids.push((await upload('demo-volunteer-1', order.id, JPEG)).json().data.id)
    const done = await h.ok('demo-volunteer-1', 'order', 'complete', {
      orderId: order.id,
      hours: 2,
      beneficiaryCount: 3,
      visits: 5,
      place: '滩尾村党群服务中心',
      photos: ids,
    })
    expect(done.order.completion).toMatchObject({ hours: 2, beneficiaryCount: 3, visits: 5, place: '滩尾村党群服务中心', photos: ids })
  })
})

describe('order.complete with the activity record, through the handlers', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  const photoOf = async (orderId: string, id: string) => {
    await h.stores.uploads.saveUpload({
      id,
      orderId,
      path: `orders/${orderId}/${id}.jpg`,
      ref: `${id}.jpg`,
      uploaderId: uid('demo-volunteer-1'),
      mime: 'image/jpeg',
      bytes: 100,
      createdAt: h.now().toISOString(),
      check: 'unchecked',
      traceId: null,
      checkedAt: null,
      visibility: 'private',
    })
    return id
  }

  it('without visits or place: the people served and the order’s address', async () => {
    const order = await claimedOrder(h)
    const done = await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: order.id, hours: 1, beneficiaryCount: 3 })
    expect(done.order.completion).toMatchObject({ visits: 3, place: '苏溪镇滩尾村三组12号', photos: [] })
  })

  it('bad input is refused with nothing changed', async () => {
    const order = await claimedOrder(h)
    const other = await claimedOrder(h)
    const mine = await photoOf(order.id, 'f_mine')
    const theirs = await photoOf(other.id, 'f_theirs')
    const base = { orderId: order.id, hours: 1, beneficiaryCount: 3 }
    const before = h.dump()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ visits: 2 }, '服务人次不能少于实际服务人数'],
      [{ visits: 2.5 }, '服务人次应为整数'],
      [{ place: '村'.repeat(101) }, '服务地点不能超过100个字'],
      [{ photos: [mine, theirs] }, '第2张照片不属于这张订单'],
      [{ photos: ['f_missing'] }, '第1张照片不存在，请重新上传'],
      [{ photos: Array.from({ length: 10 }, (_, i) => `f_${i}`) }, '最多上传9张照片'],
      [{ photos: [mine, mine] }, '照片不能重复'],
      [{ photos: 'f_mine' }, '照片参数有误'],
    ]
    for (const [extra, message] of cases) {
      expect(await h.call('demo-volunteer-1', 'order', 'complete', { ...base, ...extra })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message } })
    }
    expect(h.dump()).toBe(before)
  })

  it('a photo content security rejected cannot be used', async () => {
    const order = await claimedOrder(h)
    const id = await photoOf(order.id, 'f_bad')
    await h.stores.db.prepare(`UPDATE uploads SET doc = json_set(doc, '$.check', 'reject') WHERE id = ?`).run(id)
    const res = await h.call('demo-volunteer-1', 'order', 'complete', { orderId: order.id, hours: 1, beneficiaryCount: 3, photos: [id] })
    expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '第1张照片未通过内容安全审核，请删除后重新上传' } })
  })

  it('content security rejects a text others will read: a clear error and nothing stored (need, place, note, comment)', async () => {
    const double = scriptedContentCheck(['违禁'])
    h.deps.contentCheck = double.check
    let before = h.dump()
    const placed = await h.call('demo-resident-1', 'order', 'place', { menuItemId: 'menu-19', need: '想请人来讲讲违禁的东西', address: '苏溪镇滩尾村三组12号', phone: '13800001234' })
    expect(placed).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '需求描述含有不宜公开的内容，请修改后再提交' } })
    expect(h.dump()).toBe(before)

    const order = await claimedOrder(h)
    before = h.dump()
    const base = { orderId: order.id, hours: 1, beneficiaryCount: 3 }
    expect(await h.call('demo-volunteer-1', 'order', 'complete', { ...base, place: '违禁地点' })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '服务地点含有不宜公开的内容，请修改后再提交' } })
    expect(await h.call('demo-volunteer-1', 'order', 'complete', { ...base, note: '说了违禁的话' })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '服务情况含有不宜公开的内容，请修改后再提交' } })
    expect(h.dump()).toBe(before)

    await h.ok('demo-volunteer-1', 'order', 'complete', { ...base, place: '滩尾村', note: '量了血压' })
    expect(double.texts.slice(-2)).toEqual([
      { text: '滩尾村', scene: 'social', openid: 'demo-volunteer-1' },
      { text: '量了血压', scene: 'social', openid: 'demo-volunteer-1' },
    ])
    before = h.dump()
    expect(await h.call('demo-resident-1', 'order', 'rate', { orderId: order.id, stars: 5, comment: '违禁评论' })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '评价含有不宜公开的内容，请修改后再提交' } })
    expect(h.dump()).toBe(before)
    expect(double.texts.at(-1)).toEqual({ text: '违禁评论', scene: 'comment', openid: 'demo-resident-1' })
  })

  it('weapp: a cloud photo under the order’s path is attached, checked later; the verdict flips who may see it, once', async () => {
    const double = scriptedContentCheck()
    const order = await claimedOrder(h)
    const other = await h.place('demo-resident-2')
    const fileId = `cloud://env-1.7365-env-1-100/orders/${order.id}/0b5d8c6e-1.jpg`
    const files = memoryPhotoFiles([fileId, `cloud://env-1.7365-env-1-100/orders/${other.id}/x.jpg`])
    h.deps.contentCheck = double.check
    h.deps.photoFiles = files

    const before = h.dump()
    const refusals: Array<[string, string, string]> = [
      ['demo-volunteer-1', `cloud://env-1.7365-env-1-100/orders/${other.id}/x.jpg`, 'FORBIDDEN'],
      ['demo-volunteer-1', `cloud://env-1.7365-env-1-100/exports/x.jpg`, 'FORBIDDEN'],
      ['demo-volunteer-1', `cloud://env-1.7365-env-1-100/orders/${order.id}/../x.jpg`, 'FORBIDDEN'],
      ['demo-volunteer-1', `cloud://env-1.7365-env-1-100/orders/${order.id}/missing.jpg`, 'INVALID_INPUT'],
      ['demo-volunteer-2', fileId, 'FORBIDDEN'],
    ]
    for (const [who, id, code] of refusals) expect(codeOf((await h.call(who, 'order', 'attachPhoto', { orderId: order.id, fileId: id })) as never)).toBe(code)
    expect(h.dump()).toBe(before)

    const attached = await h.ok('demo-volunteer-1', 'order', 'attachPhoto', { orderId: order.id, fileId })
    expect(attached).toEqual({ id: expect.stringMatching(/^f_/), path: `orders/${order.id}/0b5d8c6e-1.jpg`, check: 'pending', visibility: 'private' })
    expect(double.images).toEqual([{ url: `https://tmp.example.com/${encodeURIComponent(fileId)}`, traceId: 'trace-1' }])
    // the same file again is the same upload
    expect((await h.ok('demo-volunteer-1', 'order', 'attachPhoto', { orderId: order.id, fileId })).id).toBe(attached.id)

    const stranger = (await h.stores.users.getUserByOpenid('demo-resident-2'))!
    await expect(photoForViewer(h.stores, stranger, attached.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await expect(photoForViewer(h.stores, null, attached.id)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' })

    // a client cannot send the verdict; the platform's push (system) can, once
    const push = { action: 'mediaVerdict', traceId: 'trace-1', suggest: 'pass' }
    expect(codeOf((await h.call('demo-volunteer-1', 'order', 'mediaVerdict', push)) as never)).toBe('FORBIDDEN')
    expect(await FUNCTIONS.order.handle(push, { openid: null, source: 'system' }, h.deps)).toEqual({ ok: true, data: { applied: true } })
    expect(await FUNCTIONS.order.handle({ ...push, suggest: 'risky' }, { openid: null, source: 'system' }, h.deps)).toEqual({ ok: true, data: { applied: false } })
    const [after] = await h.stores.uploads.getUploads([attached.id])
    expect(after).toMatchObject({ check: 'pass', visibility: 'public', traceId: null, checkedAt: h.now().toISOString() })
    expect((await photoForViewer(h.stores, null, attached.id)).id).toBe(attached.id)
  })

  it('a risky verdict keeps the photo private and refused at completion', async () => {
    const double = scriptedContentCheck()
    const order = await claimedOrder(h)
    const fileId = `cloud://env-1.7365-env-1-100/orders/${order.id}/p.jpg`
    h.deps.contentCheck = double.check
    h.deps.photoFiles = memoryPhotoFiles([fileId])
    const attached = await h.ok('demo-volunteer-1', 'order', 'attachPhoto', { orderId: order.id, fileId })
    await FUNCTIONS.order.handle({ action: 'mediaVerdict', traceId: 'trace-1', suggest: 'risky' }, { openid: null, source: 'system' }, h.deps)
    const [after] = await h.stores.uploads.getUploads([attached.id])
    expect(after).toMatchObject({ check: 'reject', visibility: 'private' })
    expect(codeOf((await h.call('demo-volunteer-1', 'order', 'complete', { orderId: order.id, hours: 1, beneficiaryCount: 3, photos: [attached.id] })) as never)).toBe('INVALID_INPUT')
  })
})
