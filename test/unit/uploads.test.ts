import { DEFAULT_POLICY, RATE_LIMITS_OFF } from '~core/config'
import { uploadRule } from '~core/rate-limits'
import type { Relation } from '~core/relations'
import { isUnderOrderPath, maySeePhoto, photoAfterVerdict, photosProblem, uploadRefusal } from '~core/uploads'
import { sniffImage, type UploadRecord } from '~types'
import { order } from '~test/support/order-fixture'

const rel = (...r: Relation[]) => new Set<Relation>(r)
const upload = (id: string, over: Partial<UploadRecord> = {}): UploadRecord => ({
  id,
  orderId: 'o-1',
  path: `orders/o-1/${id}.jpg`,
  ref: `${id}.jpg`,
  uploaderId: 'u',
  mime: 'image/jpeg',
  bytes: 1,
  createdAt: '2026-03-01T08:00:00.000Z',
  check: 'unchecked',
  traceId: null,
  checkedAt: null,
  visibility: 'private',
  ...over,
})

describe('activity photos (core/uploads.ts)', () => {
  it.each<[string, Relation[], string, 'FORBIDDEN' | 'CONFLICT' | null]>([
    ['a claimer of a claimed order', ['claimer', 'member'], 'claimed', null],
    ['a dispatched team leader', ['leader', 'member'], 'claimed', null],
    ['a manager of the order', ['manager'], 'claimed', null],
    ['a member who did not claim', ['member'], 'claimed', 'FORBIDDEN'],
    ['the owner', ['owner'], 'claimed', 'FORBIDDEN'],
    ['a stranger', [], 'claimed', 'FORBIDDEN'],
    ['a claimer once it is completed', ['claimer'], 'completed', 'CONFLICT'],
    ['a manager while it is only dispatched', ['manager'], 'dispatched', 'CONFLICT'],
  ])('upload: %s → %s', (_who, relations, status, code) => {
    expect(uploadRefusal(rel(...relations), order({ status: status as never }))?.code ?? null).toBe(code)
  })

  it.each<[Relation[], 'private' | 'public', boolean]>([
    [['owner'], 'private', true],
    [['claimer'], 'private', true],
    [['leader'], 'private', true],
    [['manager'], 'private', true],
    [['member'], 'private', false],
    [[], 'private', false],
    [[], 'public', true],
  ])('seeing a photo: %j, %s → %s', (relations, visibility, may) => {
    expect(maySeePhoto(rel(...relations), { visibility })).toBe(may)
  })

  it.each([
    ['orders/o-1/abc.jpg', true],
    ['cloud://env.1234-env/orders/o-1/0b5d-1.jpg', true],
    ['orders/o-1/abc.png', true],
    ['orders/o-2/abc.jpg', false],
    ['orders/o-1/../o-2/abc.jpg', false],
    ['orders/o-1/sub/abc.jpg', false],
    ['orders/o-1/abc.exe', false],
    ['exports/orders/o-1/abc.jpg', false],
    ['cloud://env/exports/abc.jpg', false],
  ])('the order’s upload path: %s → %s', (p, ok) => {
    expect(isUnderOrderPath('o-1', p)).toBe(ok)
  })

  it('photos at completion: each a stored upload of this order, not rejected', () => {
    const found = [upload('a'), upload('b', { orderId: 'o-2', path: 'orders/o-2/b.jpg' }), upload('c', { check: 'reject' }), upload('d', { path: 'orders/o-9/d.jpg' })]
    expect(photosProblem('o-1', ['a'], found)).toBeNull()
    expect(photosProblem('o-1', [], [])).toBeNull()
    expect(photosProblem('o-1', ['a', 'x'], found)).toBe('第2张照片不存在，请重新上传')
    expect(photosProblem('o-1', ['b'], found)).toBe('第1张照片不属于这张订单')
    expect(photosProblem('o-1', ['d'], found)).toBe('第1张照片不属于这张订单')
    expect(photosProblem('o-1', ['c'], found)).toBe('第1张照片未通过内容安全审核，请删除后重新上传')
  })

  it('a verdict: public only when it passed', () => {
    expect(photoAfterVerdict('pass', 'T')).toEqual({ check: 'pass', visibility: 'public', checkedAt: 'T', traceId: null })
    expect(photoAfterVerdict('reject', 'T')).toEqual({ check: 'reject', visibility: 'private', checkedAt: 'T', traceId: null })
  })

  it('image types by their first bytes, never the name', () => {
    expect(sniffImage(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffImage(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png')
    expect(sniffImage(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp')
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeNull()
    expect(sniffImage(new TextEncoder().encode('hello.jpg'))).toBeNull()
    expect(sniffImage(new Uint8Array())).toBeNull()
  })

  it('uploads per person and hour, saying the minutes left; 0 is off', () => {
    const rule = uploadRule(DEFAULT_POLICY.rateLimits, 'u1', '2026-03-02T01:15:00.000Z')!
    expect(rule.bucket).toMatchObject({ key: `upload:u1:${Date.parse('2026-03-02T01:00:00.000Z')}`, limit: 60 })
    expect(rule.message).toBe('一小时内最多上传60张照片，请45分钟后再试')
    expect(uploadRule(RATE_LIMITS_OFF, 'u1', '2026-03-02T01:15:00.000Z')).toBeNull()
  })
})
