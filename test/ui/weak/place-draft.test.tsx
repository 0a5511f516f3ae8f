/** Weak networks (issue 14): the 点单 form left after a lost reply keeps its text, until the order is placed. */
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import { draftKey } from '~src/lib/drafts'
import Place from '~src/packages/resident/pages/place/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError, TIMEOUT_MESSAGE } from '~src/services/transport'
import { answer } from '~test/support/order-fixture'
import { clickText, findField, typeInto, waitForText } from '../helpers'
import { makeOrder, menuItems, pageText, pick, resetResident, themes } from '../resident/fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/order')
const mockedCatalog = jest.mocked(catalog)
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils

beforeEach(() => {
  jest.resetAllMocks()
  resetResident({ menuItemId: 'm-1' })
  mockedCatalog.menu.mockResolvedValue({ themes, items: menuItems })
  mockedCatalog.themes.mockResolvedValue(themes)
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountPlace() {
  await testUtils.mount(Place)
  await waitForText('提交点单')
}

it('keeps need and address through a lost reply and a return to the form; 重试 sends the same requestId; sent, the draft is gone', async () => {
  mockedOrder.place.mockRejectedValueOnce(new ApiCallError('TIMEOUT', TIMEOUT_MESSAGE))
  await mountPlace()
  await typeInto('需要什么帮助', '老伴血压高，想请医生来看看')
  await typeInto('东关村3组12号', '东关村3组12号')
  await clickText('提交点单')
  await waitForText(TIMEOUT_MESSAGE)
  expect(pageText()).toContain('重试')
  testUtils.unmout()
  expect(Taro.getStorageSync(draftKey('place', 'm-1'))).toMatchObject({ need: '老伴血压高，想请医生来看看', address: '东关村3组12号' })

  mockedOrder.place.mockResolvedValueOnce(answer(makeOrder({ id: 'o-9' })))
  testUtils = new TestUtils()
  await mountPlace()
  expect((await findField('需要什么帮助')).value).toBe('老伴血压高，想请医生来看看')
  expect((await findField('东关村3组12号')).value).toBe('东关村3组12号')
  await clickText('提交点单')
  expect(mockedOrder.place).toHaveBeenCalledTimes(2)
  expect(mockedOrder.place.mock.calls[1][0].requestId).toBe(mockedOrder.place.mock.calls[0][0].requestId)
  expect(Taro.getStorageSync(draftKey('place', 'm-1'))).toBeFalsy()
})

it('a free-text order whose theme is changed after a lost reply is a new intent (the server binds the target): new requestId', async () => {
  resetResident({})
  mockedOrder.place.mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试')).mockResolvedValueOnce(answer(makeOrder({ id: 'o-9' })))
  await mountPlace()
  await pick('selector', 0)
  await typeInto('需要什么帮助', '想学用智能手机')
  await typeInto('东关村3组12号', '东关村3组12号')
  await typeInto('11位手机号码', '13800001111')
  await clickText('提交点单')
  await waitForText('网络不给力')
  await pick('selector', 1)
  await clickText('重试')
  const [first, second] = mockedOrder.place.mock.calls.map((c) => c[0])
  expect(second.themeId).not.toBe(first.themeId)
  expect(second.requestId).not.toBe(first.requestId)
})
