import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Shop, { confirmText } from '~src/packages/mall/pages/shop/index'
import * as mall from '~src/services/mall'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, waitForText } from '../helpers'
import { managerProfile } from '../manager/fixtures'
import { goods, redemption } from './fixtures'

jest.mock('~src/services/mall')
jest.mock('~src/services/user')
const mocked = jest.mocked(mall)

let testUtils: TestUtils
let showModal: jest.SpyInstance
let navigateTo: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: { ...managerProfile, roles: ['resident'], managedUnitId: null } })
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as any)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' } as any)
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

describe('积分超市', () => {
  it('shows a loading state, then the goods with stock, points, the limit, where to collect, and the balance', async () => {
    let answer: (v: Awaited<ReturnType<typeof mall.goods>>) => void = () => {}
    mocked.goods.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    await testUtils.mount(Shop)
    await waitForText('加载中…')
    answer({ items: [goods(), goods({ id: 'g-2', name: '大米', points: 200, stock: 0, perPersonMonthly: null })], balance: 80 })
    await waitForText('洗衣液')
    const text = screenText()
    expect(text).toContain('80分')
    expect(text).toContain('30积分')
    expect(text).toContain('库存3件')
    expect(text).toContain('每人每月限兑2件')
    expect(text).toContain('领取：滩尾村实践站，周六上午')
    expect(text).toContain('已兑完')
  })

  it('shows a goods picture where the goods has one (the local host’s file URL), none where it has not', async () => {
    mocked.goods.mockResolvedValue({ items: [goods({ pictureId: 'f_pic', pictureSrc: '/api/files/f_pic' }), goods({ id: 'g-2', name: '大米' })], balance: 80 })
    await testUtils.mount(Shop)
    await waitForText('大米')
    const images = Array.from(document.querySelectorAll('[aria-label$="的图片"]'))
    expect(images.map((i) => i.getAttribute('aria-label'))).toEqual(['洗衣液的图片'])
    expect(images[0].querySelector('.mall__picture')?.getAttribute('src')).toMatch(/\/api\/files\/f_pic$/)
  })

  it('says so when nothing is on the shelf, and shows an error with 重试', async () => {
    mocked.goods.mockRejectedValueOnce(new ApiCallError('INTERNAL', '系统繁忙，请稍后再试')).mockResolvedValueOnce({ items: [], balance: 0 })
    await testUtils.mount(Shop)
    await waitForText('系统繁忙，请稍后再试')
    await clickText('重试')
    await waitForText('积分超市还没有上架商品')
  })

  it('兑换 asks first, saying what will happen; then redeems with a requestId and opens 我的兑换', async () => {
    mocked.goods.mockResolvedValue({ items: [goods()], balance: 80 })
    mocked.redeem.mockResolvedValue({ redemption: redemption(), balance: 50 })
    await testUtils.mount(Shop)
    await waitForText('洗衣液')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await clickText('兑换')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认兑换', content: confirmText(goods(), 1, 80) }))
    expect(confirmText(goods(), 1, 80)).toBe('将扣除30积分（兑换后余50分），兑换洗衣液×1。请凭兑换码到滩尾村实践站，周六上午领取；超过领取期限未领，自动取消并退还积分。')
    expect(mocked.redeem).not.toHaveBeenCalled()
    await clickText('兑换')
    await settle()
    expect(mocked.redeem).toHaveBeenCalledWith({ goodsId: 'g-1', quantity: 1, requestId: expect.any(String) })
    await waitForText('50分')
    expect(screenText()).toContain('库存2件')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/mall/pages/mine/index' })
  })

  it('a refused redemption says why and shows the shelf as it is now', async () => {
    mocked.goods.mockResolvedValue({ items: [goods()], balance: 10 })
    mocked.redeem.mockRejectedValue(new ApiCallError('INSUFFICIENT_POINTS', '积分不足：需要30分，当前只有10分'))
    await testUtils.mount(Shop)
    await waitForText('洗衣液')
    await clickText('兑换')
    await settle()
    expect(showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '没有兑换成功', content: '积分不足：需要30分，当前只有10分' }))
    expect(mocked.goods).toHaveBeenCalledTimes(2)
  })
})
