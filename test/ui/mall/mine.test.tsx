import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import MyRedemptions from '~src/packages/mall/pages/mine/index'
import * as mall from '~src/services/mall'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, waitForText } from '../helpers'
import { managerProfile } from '../manager/fixtures'
import { redemption } from './fixtures'

jest.mock('~src/services/mall')
jest.mock('~src/services/user')
const mocked = jest.mocked(mall)

let testUtils: TestUtils
let showModal: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: { ...managerProfile, roles: ['resident'], managedUnitId: null } })
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as any)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

describe('我的兑换', () => {
  it('shows each redemption: a waiting one with its code large and as a QR code, where and by when to collect', async () => {
    mocked.mine.mockResolvedValue({
      items: [
        redemption(),
        redemption({ id: 'rd-2', code: 'ZZZZ2222', status: 'fulfilled', fulfilledAt: '2026-03-03T02:00:00.000Z', fulfilledByName: '罗书记' }),
        redemption({ id: 'rd-3', code: 'YYYY3333', status: 'cancelled', cancelledBy: 'expired', cancelledAt: '2026-04-01T01:00:00.000Z' }),
      ],
      nextCursor: null,
    })
    await testUtils.mount(MyRedemptions)
    await waitForText('ABCD 2345')
    const text = screenText()
    expect(text).toContain('待领取')
    expect(text).toContain('领取地点：滩尾村实践站，周六上午')
    expect(text).toContain('请于4月1日 09:00前领取')
    expect(text).toContain('3月3日 10:00已领取（罗书记核销）')
    expect(text).toContain('超过领取期限，已自动取消，30积分已退还')
    // only the waiting one shows a code and a QR code (21×21 modules)
    expect(text).not.toContain('ZZZZ 2222')
    expect(document.querySelectorAll('.pickup-qr')).toHaveLength(1)
    expect(document.querySelectorAll('.pickup-qr__row')).toHaveLength(21)
    expect(document.querySelectorAll('.pickup-qr__cell--dark').length).toBeGreaterThan(100)
    expect(text.match(/取消兑换/g)).toHaveLength(1)
  })

  it('says so when there is none, and shows an error with 重试', async () => {
    mocked.mine.mockRejectedValueOnce(new ApiCallError('UNAUTHENTICATED', '请先登录')).mockResolvedValueOnce({ items: [], nextCursor: null })
    await testUtils.mount(MyRedemptions)
    await waitForText('请先登录')
    await clickText('重试')
    await waitForText('还没有兑换记录')
  })

  it('取消 asks first, saying the points come back; then cancels with a requestId and shows it cancelled', async () => {
    mocked.mine.mockResolvedValue({ items: [redemption()], nextCursor: null })
    mocked.cancel.mockResolvedValue({ redemption: redemption({ status: 'cancelled', cancelledBy: 'self', cancelledAt: '2026-03-02T02:00:00.000Z' }), balance: 80 })
    await testUtils.mount(MyRedemptions)
    await waitForText('ABCD 2345')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await clickText('取消兑换')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '取消兑换', content: '取消后兑换码作废，30积分退回您的账户，洗衣液×1放回货架。确定取消吗？' }))
    expect(mocked.cancel).not.toHaveBeenCalled()
    await clickText('取消兑换')
    await settle()
    expect(mocked.cancel).toHaveBeenCalledWith({ redemptionId: 'rd-1', requestId: expect.any(String) })
    await waitForText('已取消，30积分已退还')
    expect(screenText()).not.toContain('ABCD 2345')
  })

  it('loads more pages', async () => {
    mocked.mine.mockResolvedValueOnce({ items: [redemption()], nextCursor: 'c1' }).mockResolvedValueOnce({ items: [redemption({ id: 'rd-9', goodsName: '毛巾' })], nextCursor: null })
    await testUtils.mount(MyRedemptions)
    await waitForText('ABCD 2345')
    await clickText('加载更多')
    await waitForText('毛巾')
    expect(mocked.mine).toHaveBeenLastCalledWith('c1')
  })
})
