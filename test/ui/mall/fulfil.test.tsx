import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Fulfil from '~src/packages/mall/pages/fulfil/index'
import * as catalog from '~src/services/catalog'
import * as mall from '~src/services/mall'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, typeInto, waitForText } from '../helpers'
import { managerProfile, tree } from '../manager/fixtures'
import { redemption } from './fixtures'

jest.mock('~src/services/mall')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mocked = jest.mocked(mall)

let testUtils: TestUtils
let showModal: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as any)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

describe('核销', () => {
  it('lists what waits to be collected; a typed code shows what to hand over; 核销 asks, then fulfils', async () => {
    mocked.pending.mockResolvedValue({ items: [redemption(), redemption({ id: 'rd-2', code: 'KKKK7777', goodsName: '毛巾', userName: '李奶奶' })], nextCursor: null })
    mocked.fulfil.mockResolvedValue({ redemption: redemption({ status: 'fulfilled', fulfilledByName: '陈主任' }) })
    await testUtils.mount(Fulfil)
    await waitForText('待领取（2）')
    expect(mocked.pending).toHaveBeenCalledWith({ unitId: 'unit-suxi' })
    expect(screenText()).toContain('ABCD 2345')
    await typeInto('8位兑换码', 'abcd 2345')
    await waitForText('请交付：')
    expect(screenText()).toContain('兑换人王大爷')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await clickText('核销')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认核销', content: '请把洗衣液×1（王大爷）交给兑换人。核销后不能撤销，确定已交付吗？' }))
    expect(mocked.fulfil).not.toHaveBeenCalled()
    await clickText('核销')
    await settle()
    expect(mocked.fulfil).toHaveBeenCalledWith({ code: 'ABCD2345', requestId: expect.any(String) })
    await waitForText('已核销：洗衣液×1（王大爷）')
    expect(screenText()).toContain('待领取（1）')
  })

  it('a code already collected: the server’s CONFLICT says when and by whom', async () => {
    mocked.pending.mockResolvedValue({ items: [], nextCursor: null })
    mocked.fulfil.mockRejectedValue(new ApiCallError('CONFLICT', '该兑换已于3月2日 09:00由滩尾村罗书记核销领取'))
    await testUtils.mount(Fulfil)
    await waitForText('没有待领取的兑换')
    await typeInto('8位兑换码', 'ZZZZ2222')
    await waitForText('未在本站待领取列表中找到')
    await clickText('核销')
    await settle()
    expect(showModal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '没有核销', content: '该兑换已于3月2日 09:00由滩尾村罗书记核销领取' }))
  })

  it('shows the list’s error with 重试, and refuses someone who manages no unit', async () => {
    mocked.pending.mockRejectedValueOnce(new ApiCallError('INTERNAL', '系统繁忙，请稍后再试')).mockResolvedValueOnce({ items: [redemption()], nextCursor: null })
    await testUtils.mount(Fulfil)
    await waitForText('系统繁忙，请稍后再试')
    await clickText('重试')
    await waitForText('待领取（1）')
  })

  it('offers 扫码 only on weapp (H5 types the code)', async () => {
    mocked.pending.mockResolvedValue({ items: [], nextCursor: null })
    await testUtils.mount(Fulfil)
    await waitForText('没有待领取的兑换')
    expect(screenText()).not.toContain('扫码')
  })
})
