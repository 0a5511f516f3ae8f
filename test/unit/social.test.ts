import { isServed, maskedResident, publicPlace, publicRateRefusal, wallPhotos } from '~core/social'
import { order, user } from '~test/support/order-fixture'
import type { OrderStatus, UploadRecord } from '~types'
import { publicAverage } from '~types/social'
import { makeUpload } from '~test/store/contract/uploads'

describe('社会评单 rules (core/social.ts)', () => {
  test.each<[OrderStatus, boolean]>([
    ['placed', false],
    ['dispatched', false],
    ['claimed', false],
    ['completed', true],
    ['rated', true],
    ['closed', true],
    ['rejected', false],
    ['cancelled', false],
  ])('%s is served: %s', (status, served) => {
    expect(isServed({ status })).toBe(served)
  })

  test.each([
    ['滩尾村王大爷', null, '王**'],
    ['江滨村李奶奶', null, '李**'],
    ['果园社区刘阿姨', null, '刘**'],
    ['一分场果农老曾', null, '果农老*'],
    ['王大爷', null, '王**'],
    ['滩尾村网格员小罗', '五保户陈大爷', '五保户陈**'],
    ['滩尾村网格员小罗', '张三', '张*'],
    ['赵', null, '赵*'],
  ])('%s (for %s) shows as %s', (ownerName, forWhom, shown) => {
    expect(maskedResident({ ownerName, onBehalfOf: forWhom ? { name: forWhom } : null })).toBe(shown)
  })

  test('who may not rate publicly: the owner, the proxy, the person served, a claimer', () => {
    const served = order({ status: 'rated', ownerId: 'owner', onBehalfOf: { name: '陈大爷' }, phone: '13800001111', claims: [{ volunteerId: 'vol', name: '张护士', at: '', unitPath: [] }] })
    expect(publicRateRefusal(served, user({ id: 'owner' }))).toMatch(/不能为本人点的单/)
    expect(publicRateRefusal(served, user({ id: 'x', name: '陈大爷' }))).toMatch(/不能为本人点的单/)
    expect(publicRateRefusal(served, user({ id: 'y', phone: '13800001111' }))).toMatch(/不能为本人点的单/)
    expect(publicRateRefusal(served, user({ id: 'vol' }))).toBe('不能为本人接过的单做社会评分')
    expect(publicRateRefusal(served, user({ id: 'neighbour', name: '李奶奶' }))).toBeNull()
  })

  test('only photos content security passed reach the wall, in the order named', () => {
    const uploads = new Map<string, UploadRecord>([
      ['a', makeUpload('a', { check: 'pass', visibility: 'public' })],
      ['b', makeUpload('b', { check: 'pending' })],
      ['c', makeUpload('c', { check: 'reject' })],
      ['d', makeUpload('d', { check: 'unchecked' })],
      ['e', makeUpload('e', { check: 'pass', visibility: 'public', ref: 'cloud://env.1/orders/o-1/e.jpg' })],
    ])
    expect(wallPhotos(['e', 'b', 'a', 'c', 'd', 'missing'], uploads)).toEqual([
      { id: 'e', src: 'cloud://env.1/orders/o-1/e.jpg' },
      { id: 'a', src: '/api/files/a' },
    ])
  })

  test('the 社会评分 average: one decimal, null without ratings', () => {
    expect(publicAverage({ ratingCount: 0, ratingSum: 0 })).toBeNull()
    expect(publicAverage({ ratingCount: 3, ratingSum: 13 })).toBe(4.3)
    expect(publicAverage({ ratingCount: 2, ratingSum: 7 })).toBe(3.5)
  })

  it.each([
    ['the address itself (the completion default)', '滩尾村三组12号', '滩尾村三组12号', ''],
    ['part of the address', '滩尾村三组12号', '三组12号', ''],
    ['the address and more', '滩尾村三组12号', '滩尾村三组12号王大爷家', ''],
    ['a house number elsewhere', '滩尾村三组12号', '江滨村5栋2单元', ''],
    ['a public place', '滩尾村三组12号', '滩尾村文化礼堂', '滩尾村文化礼堂'],
    ['no place', '滩尾村三组12号', '', ''],
  ])('the wall\'s place: %s', (_case, address, place, shown) => {
    const completion = { hours: 1, beneficiaryCount: 1, note: '', by: 'v', at: '2026-12-01T02:00:00.000Z', place }
    expect(publicPlace({ address, completion })).toBe(shown)
  })
})
