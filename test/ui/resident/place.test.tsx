import TestUtils from '@tarojs/test-utils-react'
import Place from '~src/packages/resident/pages/place/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import { clickText, findField, typeInto, waitForText } from '../helpers'
import { doubleTap, makeOrder, menuItems, pageText, pick, resetResident, themes } from './fixtures'
import { answer } from '~test/support/order-fixture'
import Taro from '@tarojs/taro'

jest.mock('~src/services/catalog')
jest.mock('~src/services/order')
const mockedCatalog = jest.mocked(catalog)
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils
let spies: ReturnType<typeof resetResident>

beforeEach(() => {
  jest.resetAllMocks()
  // the address and phone a resident's earlier order left on this phone
  localStorage.clear()
  spies = resetResident({ menuItemId: 'm-1' })
  mockedCatalog.menu.mockResolvedValue({ themes, items: menuItems })
  mockedCatalog.themes.mockResolvedValue(themes)
  mockedOrder.place.mockResolvedValue(answer(makeOrder({ id: 'o-9' })))
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountPlace(params?: Record<string, string>) {
  if (params) spies = resetResident(params)
  await testUtils.mount(Place)
  await waitForText('提交点单')
}

async function fillNeedAndAddress() {
  await typeInto('需要什么帮助', '老伴血压高，想请医生来看看')
  await typeInto('东关村3组12号', '东关村3组12号')
}

describe('resident place page', () => {
  it('shows a loading state while the menu item loads', async () => {
    mockedCatalog.menu.mockReturnValue(new Promise(() => {}))
    await testUtils.mount(Place)
    expect(pageText()).toContain('加载中…')
  })

  it('shows the error and loads again on 重试', async () => {
    mockedCatalog.menu
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ themes, items: menuItems })
    await testUtils.mount(Place)
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('上门义诊')
    expect(mockedCatalog.menu).toHaveBeenCalledTimes(2)
  })

  it('says so when the chosen item is no longer on the menu', async () => {
    spies = resetResident({ menuItemId: 'm-gone' })
    await testUtils.mount(Place)
    await waitForText('这项服务已下架，请回到服务菜单重新选择')
  })

  it('places a menu item with the phone from the profile, then opens the order', async () => {
    await mountPlace()
    expect(pageText()).toContain('上门义诊')
    expect(pageText()).toContain('量血压、测血糖')
    expect((await findField('11位手机号码')).value).toBe('13800001111')
    expect(mockedCatalog.themes).not.toHaveBeenCalled()
    await fillNeedAndAddress()
    expect(pageText()).toContain('13/500')
    await clickText('提交点单')

    expect(mockedOrder.place).toHaveBeenCalledTimes(1)
    expect(mockedOrder.place.mock.calls[0][0]).toEqual({
      menuItemId: 'm-1',
      need: '老伴血压高，想请医生来看看',
      address: '东关村3组12号',
      phone: '13800001111',
      beneficiaryCount: 1,
      requestId: expect.any(String),
    })
    expect(spies.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '点单成功' }))
    expect(spies.redirectTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-9' })
  })

  it('a free-text need: the person picks a theme, and the need is required', async () => {
    await mountPlace({})
    expect(pageText()).toContain('请选择服务类别')
    await typeInto('东关村3组12号', '东关村3组12号')
    await clickText('提交点单')
    expect(pageText()).toContain('请选择服务菜单或服务主题')
    expect(pageText()).toContain('请填写需求描述')
    expect(mockedOrder.place).not.toHaveBeenCalled()

    await pick('selector', 0) // themes are offered in their set order: 文化文艺 first
    expect(pageText()).toContain('文化文艺')
    expect(pageText()).not.toContain('请选择服务菜单或服务主题')
    await typeInto('需要什么帮助', '老伴血压高，想请医生来看看')
    expect(pageText()).not.toContain('请填写需求描述')
    await clickText('提交点单')
    expect(mockedOrder.place.mock.calls[0][0]).toEqual({
      themeId: 'th-culture',
      need: '老伴血压高，想请医生来看看',
      address: '东关村3组12号',
      phone: '13800001111',
      beneficiaryCount: 1,
      requestId: expect.any(String),
    })
  })

  it('a menu item needs no description: the item is the need', async () => {
    await mountPlace()
    expect(pageText()).toContain('补充说明（可不填）')
    await typeInto('东关村3组12号', '东关村3组12号')
    await clickText('提交点单')
    expect(mockedOrder.place.mock.calls[0][0]).toMatchObject({ menuItemId: 'm-1', need: '' })
  })

  it('a group: sends the head count, and asks for one', async () => {
    await mountPlace()
    await fillNeedAndAddress()
    await clickText('群体')
    await clickText('提交点单')
    expect(pageText()).toContain('服务人数不能少于1')
    expect(mockedOrder.place).not.toHaveBeenCalled()

    await typeInto('服务人数', '30')
    await clickText('提交点单')
    expect(mockedOrder.place.mock.calls[0][0]).toMatchObject({ menuItemId: 'm-1', beneficiaryCount: 30 })
  })

  it('代人点单: asks for the name of the person ordered for and sends it', async () => {
    await mountPlace({ menuItemId: 'm-1', proxy: '1' })
    expect(spies.setTitle).toHaveBeenCalledWith({ title: '代人点单' })
    expect(pageText()).toContain('点单记录会同时显示您（代办员）和代办对象的姓名')
    await fillNeedAndAddress()
    await clickText('提交点单')
    expect(pageText()).toContain('请填写代办对象姓名')
    expect(mockedOrder.place).not.toHaveBeenCalled()

    await typeInto('替谁点单', ' 张奶奶 ')
    await clickText('提交点单')
    expect(mockedOrder.place.mock.calls[0][0]).toMatchObject({ menuItemId: 'm-1', onBehalfOf: { name: '张奶奶' } })
  })

  it('names every missing field beside its field, scrolls to the first, and clears each as it is fixed', async () => {
    const scroll = jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' })
    await mountPlace({ proxy: '1', menuItemId: 'm-1' })
    // the person's own phone, not the proxy's: an empty one is wrong too
    await clickText('对方的电话')
    await clickText('提交点单')
    const beside = (id: string) => document.querySelector(`#place-${id} .field-error`)?.textContent ?? ''
    expect(beside('onBehalfOf')).toBe('请填写代办对象姓名')
    expect(beside('address')).toBe('请填写服务地址')
    expect(beside('phone')).toBe('请填写11位手机号码')
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '#place-onBehalfOf' }))
    expect(mockedOrder.place).not.toHaveBeenCalled()
    // nothing above the button: each message is beside its field
    expect(document.querySelectorAll('.actions ~ .field-error, .field-error + .actions').length).toBe(0)

    await typeInto('替谁点单', '张奶奶')
    expect(beside('onBehalfOf')).toBe('')
    expect(beside('address')).toBe('请填写服务地址')
    await typeInto('东关村3组12号', '东关村3组12号')
    expect(beside('address')).toBe('')
    await typeInto('11位手机号码', '12345')
    expect(beside('phone')).toBe('请填写11位手机号码')
    await typeInto('11位手机号码', '13900005678')
    expect(beside('phone')).toBe('')
    await clickText('提交点单')
    expect(mockedOrder.place).toHaveBeenCalledTimes(1)
    scroll.mockRestore()
  })

  it('shows the API error as it is and re-sends the same requestId', async () => {
    mockedOrder.place
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(answer(makeOrder({ id: 'o-9' })))
    await mountPlace()
    await fillNeedAndAddress()
    await clickText('提交点单')
    await waitForText('网络不给力，请检查网络后重试')
    expect(spies.redirectTo).not.toHaveBeenCalled()

    // issue 14: after a lost reply the button offers 重试
    await clickText('重试')
    expect(mockedOrder.place).toHaveBeenCalledTimes(2)
    const [first, second] = mockedOrder.place.mock.calls.map((c) => c[0].requestId)
    expect(second).toBe(first)
    expect(spies.redirectTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-9' })
  })

  it('a double tap sends one request', async () => {
    mockedOrder.place.mockReturnValue(new Promise(() => {}))
    await mountPlace()
    await fillNeedAndAddress()
    await doubleTap('提交点单')
    expect(pageText()).toContain('正在提交…')
    await clickText('正在提交…')
    expect(mockedOrder.place).toHaveBeenCalledTimes(1)
  })
})
