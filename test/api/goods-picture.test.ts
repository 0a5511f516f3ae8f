/**
 * 积分超市 goods pictures (issue 12 on the uploads of issue 10): a manager of the goods' unit uploads a picture (the
 * local host's POST /api/upload?unitId=…, weapp's mall.attachPicture), names it in mall.upsertGoods; it is private
 * to the unit's managers until content security passes it, then public. Refusals store nothing.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { createDiskFiles, type DiskFiles } from '~adapters/disk/files'
import { FUNCTIONS } from '~functions/registry'
import { createTokenSigner } from '~local/auth'
import { buildServer } from '~local/server'
import { NOT_AN_IMAGE } from '~local/upload-routes'
import { memoryPhotoFiles, scriptedContentCheck } from '~test/support/content-check'
import { photoForViewer } from '~usecases/uploads'
import { createHarness, type Harness, uid } from './harness'

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(2000, 7)])
const codeOf = (res: { ok: boolean; error?: { code: string } }) => res.error?.code

function multipart(file: Buffer, filename: string, contentType: string) {
  const boundary = '----sidanGoodsBoundary'
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${contentType}\r\n\r\n`
  return { body: Buffer.concat([Buffer.from(head), file, Buffer.from(`\r\n--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` }
}

const goodsInput = { name: '洗衣液', points: 30, stock: 3, pickup: '滩尾村实践站，周六上午' }

describe('goods pictures through the local host', () => {
  let h: Harness
  let files: DiskFiles
  let app: ReturnType<typeof buildServer>
  let base = ''
  const signer = createTokenSigner()

  beforeEach(async () => {
    h = await createHarness()
    files = createDiskFiles(mkdtempSync(path.join(tmpdir(), 'sidan-test-goods-')))
    app = buildServer({ deps: h.deps, signer, devLogin: true, photoFiles: files })
    await app.listen({ port: 0, host: '127.0.0.1' })
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
  })
  afterEach(async () => {
    await app.close()
    h.close()
    rmSync(files.dir, { recursive: true, force: true })
  })

  const auth = (openid: string | null): Record<string, string> => (openid ? { authorization: `Bearer ${signer.issue(openid)}` } : {})
  const upload = async (openid: string | null, unitId: string, file: Buffer, type = 'image/jpeg') => {
    const { body, contentType } = multipart(file, 'goods.jpg', type)
    const res = await fetch(`${base}/api/upload?unitId=${encodeURIComponent(unitId)}&requestId=pic-1`, { method: 'POST', headers: { 'content-type': contentType, ...auth(openid) }, body })
    return { status: res.status, body: (await res.json()) as any }
  }
  const fetchFile = async (openid: string | null, id: string) => (await fetch(`${base}/api/files/${id}`, { headers: auth(openid) })).status
  const stored = () => readdirSync(files.dir).sort()

  it('a manager of the unit uploads a picture and names it for new and edited goods; private to the unit’s managers locally', async () => {
    const res = await upload('demo-manager-tanwei', 'unit-tanwei', JPEG)
    expect(res.status).toBe(200)
    const pic = res.body.data
    expect(pic).toMatchObject({ id: expect.stringMatching(/^f_/), path: expect.stringMatching(/^goods\/unit-tanwei\/f_.+\.jpg$/), check: 'unchecked', visibility: 'private' })
    const [record] = await h.stores.uploads.getUploads([pic.id])
    expect(record).toMatchObject({ orderId: '', unitId: 'unit-tanwei', uploaderId: uid('demo-manager-tanwei'), mime: 'image/jpeg', bytes: JPEG.length })
    expect(stored()).toHaveLength(1)
    // a retry with the same requestId is the same upload
    expect((await upload('demo-manager-tanwei', 'unit-tanwei', JPEG)).body.data.id).toBe(pic.id)
    expect(stored()).toHaveLength(1)

    const { goods } = await h.ok('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, pictureId: pic.id })
    expect(goods).toMatchObject({ pictureId: pic.id, pictureSrc: `/api/files/${pic.id}` })
    const shelf = await h.ok('demo-resident-1', 'mall', 'goods', {})
    expect(shelf.items.find((g: any) => g.id === goods.id)).toMatchObject({ pictureId: pic.id })
    // edited without a picture: removed
    expect((await h.ok('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, id: goods.id, pictureId: null })).goods.pictureId).toBeNull()

    // unchecked (the local host checks nothing): the unit's managers and those above see it, a resident does not
    expect(await fetchFile('demo-manager-tanwei', pic.id)).toBe(200)
    expect(await fetchFile('demo-manager-suxi', pic.id)).toBe(200)
    expect(await fetchFile('demo-manager-jiangbin', pic.id)).toBe(403)
    expect(await fetchFile('demo-resident-1', pic.id)).toBe(403)
    expect(await fetchFile(null, pic.id)).toBe(401)
  })

  it('someone else’s unit, a resident, no sign-in and a non-image are refused and store nothing', async () => {
    const before = h.dump()
    const refusals: Array<[string | null, string, Buffer, number, string]> = [
      ['demo-manager-tanwei', 'unit-jiangbin', JPEG, 403, 'FORBIDDEN'],
      ['demo-resident-1', 'unit-tanwei', JPEG, 403, 'FORBIDDEN'],
      ['demo-volunteer-1', 'unit-tanwei', JPEG, 403, 'FORBIDDEN'],
      [null, 'unit-tanwei', JPEG, 401, 'UNAUTHENTICATED'],
      ['demo-manager-tanwei', 'unit-nowhere', JPEG, 404, 'NOT_FOUND'],
      ['demo-manager-tanwei', 'unit-tanwei', Buffer.from('%PDF-1.7 not an image at all'), 400, 'INVALID_INPUT'],
    ]
    for (const [who, unitId, file, status, code] of refusals) {
      const res = await upload(who, unitId, file)
      expect([who, unitId, res.status, res.body.error?.code]).toEqual([who, unitId, status, code])
    }
    expect((await upload('demo-manager-tanwei', 'unit-tanwei', Buffer.from('GIF89a......'), 'image/gif')).body.error.message).toBe(NOT_AN_IMAGE)
    expect(stored()).toEqual([])
    expect(h.dump()).toBe(before)
  })

  it('upsertGoods takes only a goods picture of the goods’ own unit, not rejected; refusals change nothing', async () => {
    const mine = (await upload('demo-manager-tanwei', 'unit-tanwei', JPEG)).body.data
    const theirs = (await upload('demo-manager-jiangbin', 'unit-jiangbin', JPEG)).body.data
    const { goods } = await h.ok('demo-manager-tanwei', 'mall', 'upsertGoods', goodsInput)
    // an activity photo of an order is not a goods picture
    const order = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: order.id })
    const { body, contentType } = multipart(JPEG, 'a.jpg', 'image/jpeg')
    const photo = (await (await fetch(`${base}/api/upload?orderId=${order.id}`, { method: 'POST', headers: { 'content-type': contentType, ...auth('demo-volunteer-1') }, body })).json()) as any

    const before = h.dump()
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...goodsInput, pictureId: theirs.id }, '这张图片不属于本单位的积分超市，请重新上传'],
      [{ ...goodsInput, id: goods.id, pictureId: theirs.id }, '这张图片不属于本单位的积分超市，请重新上传'],
      [{ ...goodsInput, pictureId: photo.data.id }, '这张图片不属于本单位的积分超市，请重新上传'],
      [{ ...goodsInput, pictureId: 'f_nothing' }, '商品图片不存在，请重新上传'],
    ]
    for (const [payload, message] of cases) {
      const res = await h.call('demo-manager-tanwei', 'mall', 'upsertGoods', payload)
      expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message } })
    }
    // the suxi manager making goods for 苏溪镇 cannot use the station's picture either
    expect(codeOf((await h.call('demo-manager-suxi', 'mall', 'upsertGoods', { ...goodsInput, orgUnitId: 'unit-suxi', pictureId: mine.id })) as never)).toBe('INVALID_INPUT')
    expect(h.dump()).toBe(before)
    expect((await h.ok('demo-manager-suxi', 'mall', 'upsertGoods', { ...goodsInput, id: goods.id, orgUnitId: 'unit-tanwei', pictureId: mine.id })).goods.pictureId).toBe(mine.id)
  })
})

describe('goods pictures on weapp (mall.attachPicture)', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  it('a cloud picture under the unit’s goods path is attached and checked; it is public once it passes, refused once rejected', async () => {
    const double = scriptedContentCheck()
    const fileId = 'cloud://env-1.7365-env-1-100/goods/unit-tanwei/0b5d8c6e.jpg'
    const other = 'cloud://env-1.7365-env-1-100/goods/unit-jiangbin/x.jpg'
    h.deps.contentCheck = double.check
    h.deps.photoFiles = memoryPhotoFiles([fileId, other, 'cloud://env-1.7365-env-1-100/goods/unit-tanwei/bad.jpg'])

    const before = h.dump()
    const refusals: Array<[string, string, string, string]> = [
      ['demo-manager-tanwei', 'unit-tanwei', other, 'FORBIDDEN'],
      ['demo-manager-tanwei', 'unit-jiangbin', other, 'FORBIDDEN'],
      ['demo-manager-tanwei', 'unit-tanwei', 'cloud://env-1.7365-env-1-100/orders/o_1/x.jpg', 'FORBIDDEN'],
      ['demo-manager-tanwei', 'unit-tanwei', 'cloud://env-1.7365-env-1-100/goods/unit-tanwei/../x.jpg', 'FORBIDDEN'],
      ['demo-manager-tanwei', 'unit-tanwei', 'cloud://env-1.7365-env-1-100/goods/unit-tanwei/missing.jpg', 'INVALID_INPUT'],
      ['demo-resident-1', 'unit-tanwei', fileId, 'FORBIDDEN'],
    ]
    for (const [who, unitId, id, code] of refusals) expect([unitId, id, codeOf((await h.call(who, 'mall', 'attachPicture', { unitId, fileId: id })) as never)]).toEqual([unitId, id, code])
    expect(h.dump()).toBe(before)

    const pic = await h.ok('demo-manager-tanwei', 'mall', 'attachPicture', { unitId: 'unit-tanwei', fileId })
    expect(pic).toEqual({ id: expect.stringMatching(/^f_/), path: 'goods/unit-tanwei/0b5d8c6e.jpg', check: 'pending', visibility: 'private' })
    const { goods } = await h.ok('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, pictureId: pic.id })
    expect(goods.pictureSrc).toBe(fileId)
    const resident = (await h.stores.users.getUserByOpenid('demo-resident-1'))!
    await expect(photoForViewer(h.stores, resident, pic.id)).rejects.toMatchObject({ code: 'FORBIDDEN' })
    await FUNCTIONS.order.handle({ action: 'mediaVerdict', traceId: 'trace-1', suggest: 'pass' }, { openid: null, source: 'system' }, h.deps)
    expect((await photoForViewer(h.stores, null, pic.id)).visibility).toBe('public')

    const bad = await h.ok('demo-manager-tanwei', 'mall', 'attachPicture', { unitId: 'unit-tanwei', fileId: 'cloud://env-1.7365-env-1-100/goods/unit-tanwei/bad.jpg' })
    await FUNCTIONS.order.handle({ action: 'mediaVerdict', traceId: 'trace-2', suggest: 'risky' }, { openid: null, source: 'system' }, h.deps)
    expect(await h.call('demo-manager-tanwei', 'mall', 'upsertGoods', { ...goodsInput, id: goods.id, pictureId: bad.id })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '这张图片未通过内容安全审核，请换一张' },
    })
  })
})
