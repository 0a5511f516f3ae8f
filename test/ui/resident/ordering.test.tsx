/** Issue 14, ordering as people really use it: the time, the remembered contact, the proxy's phone and people, duplicates. */
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Place from '~src/packages/resident/pages/place/index'
import { CONTACT_KEY } from '~src/packages/resident/pages/place/contact'
import { atChinaHour, dayOf, hoursLeft, openDays, pickerDays, PICKER_DAYS, preferredAtOf } from '~src/packages/resident/pages/place/when'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { schemas } from '~types/schemas'
import { answer } from '~test/support/order-fixture'
import { clickText, findField, typeInto, waitForText } from '../helpers'
import { makeOrder, menuItems, pageText, profile, resetResident, themes } from './fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/order')
jest.mock('~src/services/user')
const mockedCatalog = jest.mocked(catalog)
const mockedOrder = jest.mocked(order)
const mockedUser = jest.mocked(user)

/** 15:25 in China on Tuesday 1 December 2026 (the afternoon the issue was seen). */
const NOW = new Date('2026-12-01T07:25:00.000Z')

let testUtils: TestUtils
let spies: ReturnType<typeof resetResident>

beforeEach(() => {
  jest.resetAllMocks()
  localStorage.clear()
  jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame'] })
  mockedCatalog.menu.mockResolvedValue({ themes, items: menuItems })
  mockedCatalog.themes.mockResolvedValue(themes)
  mockedCatalog.tree.mockResolvedValue([])
  mockedOrder.place.mockResolvedValue(answer(makeOrder({ id: 'o-9' })))
  testUtils = new TestUtils()
})
afterEach(() => {
  // the table-driven test mounts nothing
  if (document.querySelector('.screen')) testUtils.unmout()
  jest.useRealTimers()
  jest.restoreAllMocks()
})

async function mountPlace(params: Record<string, string>) {
  spies = resetResident(params)
  await testUtils.mount(Place)
  await waitForText('提交点单')
}

const sent = () => mockedOrder.place.mock.calls.at(-1)![0]

describe('the time: 尽快, 明天上午, 明天下午, 选择时间 (China time)', () => {
  it('the quick choices and the picker days, table-driven', () => {
    expect(preferredAtOf('soon', NOW)).toBeNull()
    expect(preferredAtOf('morning', NOW)).toBe('2026-12-02T09:00:00+08:00')
    expect(preferredAtOf('afternoon', NOW)).toBe('2026-12-02T15:00:00+08:00')
    // 60 days from today (China time), the last one 59 days on
    const days = pickerDays(NOW)
    expect(days).toHaveLength(PICKER_DAYS)
    expect(days[0]).toBe('2026-12-01')
    expect(days.at(-1)).toBe('2027-01-29')
    // at 15:25 the hours left today are 16:00 … 19:00; tomorrow all of them
    expect(hoursLeft('2026-12-01', NOW)).toEqual([16, 17, 18, 19])
    expect(hoursLeft('2026-12-02', NOW)[0]).toBe(8)
    // late in the evening (China time) today has no hour left and drops out
    const evening = new Date('2026-12-01T12:30:00.000Z')
    expect(openDays(evening)[0]).toBe('2026-12-02')
    // just after midnight in China it is already the next day there
    expect(dayOf(new Date('2026-12-01T16:30:00.000Z'))).toBe('2026-12-02')
    // what is sent passes the server's own schema and is never in the past
    const at = atChinaHour('2026-12-01', 16)
    expect(Date.parse(at)).toBeGreaterThan(NOW.getTime())
    expect(schemas.order.place.safeParse({ menuItemId: 'm-1', address: '东关村', phone: '13800001111', preferredAt: at }).success).toBe(true)
  })

  it('尽快 is the default: no preferredAt is sent', async () => {
    await mountPlace({ menuItemId: 'm-1' })
    expect(pageText()).toContain('尽快安排，不指定时间')
    expect(document.querySelector('.when [aria-checked="true"]')?.textContent).toBe('尽快')
    await typeInto('东关村3组12号', '东关村3组12号')
    await clickText('提交点单')
    expect(sent()).not.toHaveProperty('preferredAt')
  })

  it('明天上午 sends tomorrow 9:00 China time', async () => {
    await mountPlace({ menuItemId: 'm-1' })
    await typeInto('东关村3组12号', '东关村3组12号')
    await clickText('明天上午')
    expect(pageText()).toContain('期望 12月2日 星期三 09:00')
    await clickText('提交点单')
    // 9:00 in China, sent normalised by the shared schema
    expect(sent().preferredAt).toBe(new Date('2026-12-02T09:00:00+08:00').toISOString())
  })

  it('选择时间: our own picker, no past hours today, days forward only up to 60, and a time must be chosen', async () => {
    await mountPlace({ menuItemId: 'm-1' })
    await typeInto('东关村3组12号', '东关村3组12号')
    await clickText('选择时间')
    expect(pageText()).toContain('12月1日 星期二')
    // 15:25: nothing before 16:00 is offered
    const hours = () => Array.from(document.querySelectorAll('.when__hour')).map((h) => h.textContent)
    expect(hours()).toEqual(['16:00', '17:00', '18:00', '19:00'])
    expect(document.querySelector('.when__step--off')?.textContent).toBe('前一天')
    await clickText('提交点单')
    expect(pageText()).toContain('请选择日期和时间')
    expect(mockedOrder.place).not.toHaveBeenCalled()
    await clickText('后一天')
    expect(pageText()).toContain('12月2日 星期三')
    expect(hours()[0]).toBe('8:00')
    await clickText('10:00')
    expect(pageText()).toContain('期望 12月2日 星期三 10:00')
    expect(pageText()).not.toContain('请选择日期和时间')
    await clickText('提交点单')
    expect(sent().preferredAt).toBe(new Date('2026-12-02T10:00:00+08:00').toISOString())
    // the last day offered is the 60th
    for (let i = 0; i < 70; i++) if (!document.querySelector('.when__step--off:last-child')) await clickText('后一天')
    expect(pageText()).toContain('1月29日')
  })
})

describe('the address and phone are remembered on this phone', () => {
  it('says so, remembers them after 提交点单, prefills them next time, and can clear them', async () => {
    await mountPlace({ menuItemId: 'm-1' })
    expect(pageText()).toContain('点单后，地址和电话会记在这部手机上，下次自动填好。')
    await typeInto('东关村3组12号', '滩尾村三组12号')
    await typeInto('11位手机号码', '13900001234')
    await clickText('提交点单')
    expect(JSON.parse(localStorage.getItem(CONTACT_KEY) ?? 'null')?.data ?? Taro.getStorageSync(CONTACT_KEY)).toEqual({ address: '滩尾村三组12号', phone: '13900001234' })
    testUtils.unmout()

    testUtils = new TestUtils()
    await mountPlace({ menuItemId: 'm-1' })
    expect((await findField('东关村3组12号')).value).toBe('滩尾村三组12号')
    expect((await findField('11位手机号码')).value).toBe('13900001234')
    expect(pageText()).toContain('地址和电话是上次点单时记在这部手机上的')
    await clickText('清除记住的地址和电话')
    expect((await findField('东关村3组12号')).value).toBe('')
    expect(Taro.getStorageSync(CONTACT_KEY)).toBeFalsy()
  })
})

describe('a likely duplicate asks before placing another', () => {
  const duplicate = () => new ApiCallError('CONFLICT', '您在24小时内已点过“上门义诊”，还在办理中。确定要再点一单吗？', { duplicateOf: 'o-1' })

  it('再点一单 sends it again with confirmDuplicate and the same requestId: one request per tap', async () => {
    mockedOrder.place.mockRejectedValueOnce(duplicate()).mockResolvedValueOnce(answer(makeOrder({ id: 'o-9' })))
    await mountPlace({ menuItemId: 'm-1' })
    await typeInto('东关村3组12号', '东关村3组12号')
    await clickText('提交点单')
    expect(spies.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '可能重复点单', content: expect.stringContaining('24小时内已点过'), confirmText: '再点一单' }))
    expect(mockedOrder.place).toHaveBeenCalledTimes(2)
    const [first, second] = mockedOrder.place.mock.calls.map((c) => c[0])
    expect(first).not.toHaveProperty('confirmDuplicate')
    expect(second).toMatchObject({ confirmDuplicate: true, requestId: first.requestId })
    expect(spies.redirectTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-9' })
  })

  it('不点了 places nothing and stays on the form', async () => {
    mockedOrder.place.mockRejectedValueOnce(duplicate())
    await mountPlace({ menuItemId: 'm-1' })
    spies.showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await typeInto('东关村3组12号', '东关村3组12号')
    await clickText('提交点单')
    expect(mockedOrder.place).toHaveBeenCalledTimes(1)
    expect(spies.redirectTo).not.toHaveBeenCalled()
    expect(pageText()).toContain('提交点单')
  })
})

describe('代人点单: the proxy phone and the people a proxy orders for', () => {
  const clients = [
    { name: '陈奶奶', address: '滩尾村五组3号', phone: '' },
    { name: '李爷爷', address: '滩尾村二组8号', phone: '13700007777' },
  ]
  const proxyProfile = { ...profile, roles: ['proxy' as const, 'resident' as const], proxyClients: clients }

  async function mountProxy(params: Record<string, string> = {}) {
    mockedUser.login.mockResolvedValue({ user: proxyProfile })
    spies = resetResident({ menuItemId: 'm-1', proxy: '1', ...params })
    useSession.setState({ profile: proxyProfile })
    await testUtils.mount(Place)
    await waitForText('提交点单')
  }

  it('使用我的电话（代办员） is the default: the proxy’s own number is sent', async () => {
    await mountProxy()
    expect(document.querySelector('#place-phone [aria-checked="true"]')?.textContent).toBe('使用我的电话（代办员）')
    expect(pageText()).toContain('联系电话 13800001111（您的电话，订单上会注明）')
    await typeInto('替谁点单', '张奶奶')
    await typeInto('东关村3组12号', '滩尾村五组3号')
    await clickText('提交点单')
    expect(sent()).toMatchObject({ phone: '13800001111', onBehalfOf: { name: '张奶奶' } })
  })

  it('lists the people ordered for; a tap fills name, address and phone', async () => {
    await mountProxy()
    expect(pageText()).toContain('常代办的人')
    expect(pageText()).toContain('滩尾村五组3号 · 无电话')
    await clickText('李爷爷')
    expect((await findField('替谁点单')).value).toBe('李爷爷')
    expect((await findField('东关村3组12号')).value).toBe('滩尾村二组8号')
    expect((await findField('11位手机号码')).value).toBe('13700007777')
    await clickText('提交点单')
    expect(sent()).toMatchObject({ onBehalfOf: { name: '李爷爷' }, address: '滩尾村二组8号', phone: '13700007777' })
    // a proxy's orders never go into the resident's own remembered contact
    expect(Taro.getStorageSync(CONTACT_KEY)).toBeFalsy()
  })

  it('someone without a phone gets the proxy’s number', async () => {
    await mountProxy()
    await clickText('陈奶奶')
    await clickText('提交点单')
    expect(sent()).toMatchObject({ onBehalfOf: { name: '陈奶奶' }, address: '滩尾村五组3号', phone: '13800001111' })
  })

  it('删除 asks, then takes the person off the list (user.updateProfile forgetClient)', async () => {
    mockedUser.updateProfile.mockResolvedValue({ user: { ...proxyProfile, proxyClients: [clients[1]] } })
    await mountProxy()
    await clickText('删除')
    expect(spies.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '从名单中删除陈奶奶？' }))
    expect(mockedUser.updateProfile).toHaveBeenCalledWith({ forgetClient: '陈奶奶' })
    await waitForText('李爷爷')
    expect(pageText()).not.toContain('陈奶奶')
  })

  it('再来一单 for someone on the list fills their address from it', async () => {
    await mountProxy({ for: '李爷爷' })
    expect((await findField('替谁点单')).value).toBe('李爷爷')
    expect((await findField('东关村3组12号')).value).toBe('滩尾村二组8号')
  })
})
