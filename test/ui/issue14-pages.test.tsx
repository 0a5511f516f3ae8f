/** Issue 14 on the pages around ordering: 再来一单 from home (taps counted), the order page's 谁来办, hints, ledger, colours. */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import { ORDER_STATUSES } from '~types/domain'
import type { OrderHandling } from '~types/api'
import { STATUS_COLORS, STATUS_LABELS } from '~types/labels'
import Home from '~src/pages/home/index'
import { RECENT_ORDERS } from '~src/pages/home/RecentOrders'
import Menu from '~src/packages/resident/pages/menu/index'
import OrderDetail from '~src/packages/resident/pages/order/index'
import Place from '~src/packages/resident/pages/place/index'
import { CONTACT_KEY } from '~src/packages/resident/pages/place/contact'
import Points from '~src/packages/volunteer/pages/points/index'
import StatusChip from '~src/components/StatusChip'
import { setToken } from '~src/services/auth'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import * as points from '~src/services/points'
import * as user from '~src/services/user'
import { useOrders } from '~src/stores/orders'
import { ledgerStore } from '~src/stores/volunteer'
import { answer, item } from '~test/support/order-fixture'
import { clickText, findField, getByText, screenText, showPage, waitForText } from './helpers'
import { makeOrder, menuItems, pageText, profile, resetResident, themes } from './resident/fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/order')
jest.mock('~src/services/points')
jest.mock('~src/services/user')
const mockedCatalog = jest.mocked(catalog)
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils
let spies: ReturnType<typeof resetResident>

beforeEach(() => {
  jest.resetAllMocks()
  localStorage.clear()
  useOrders.getState().clear()
  process.env.TARO_ENV = 'h5'
  mockedCatalog.menu.mockResolvedValue({ themes, items: menuItems })
  mockedCatalog.tree.mockResolvedValue([])
  mockedCatalog.teams.mockResolvedValue([])
  jest.mocked(user).login.mockResolvedValue({ user: profile })
  testUtils = new TestUtils()
})
afterEach(() => {
  if (document.querySelector('.screen')) testUtils.unmout()
  process.env.TARO_ENV = 'h5'
  jest.restoreAllMocks()
})

/** A tap, counted. */
let taps = 0
async function tap(text: string) {
  taps++
  await clickText(text)
}

describe('再来一单: a repeat order at most 3 taps from the home page', () => {
  it('home lists the recent orders with one button each; 再来一单 then 提交点单 places it again: 2 taps', async () => {
    // an earlier order left the address and phone on this phone
    Taro.setStorageSync(CONTACT_KEY, { address: '东关村3组12号', phone: '13800001111' })
    const earlier = [makeOrder({ id: 'o-1', menuItemId: 'm-1', status: 'rated' }), makeOrder({ id: 'o-2', title: '送戏下乡', menuItemId: 'm-2' }), makeOrder({ id: 'o-3', title: '修水管', menuItemId: null, themeId: 'th-health', need: '厨房水管漏水' }), makeOrder({ id: 'o-4' })]
    mockedOrder.listMine.mockResolvedValue({ items: earlier.map((o) => item(o)), nextCursor: null })
    mockedOrder.place.mockResolvedValue(answer(makeOrder({ id: 'o-9' })))
    spies = resetResident()
    setToken('token-of-wang')
    await testUtils.mount(Home)
    await showPage()
    await waitForText('最近点单')
    expect(document.querySelectorAll('.home__again')).toHaveLength(RECENT_ORDERS)
    expect(screenText()).toContain('已评单')

    taps = 0
    await tap('再来一单')
    const url = spies.navigateTo.mock.calls.at(-1)![0].url as string
    expect(url).toBe('/packages/resident/pages/place/index?menuItemId=m-1')
    testUtils.unmout()

    // the 点单 page the button opened, with what its URL carries
    const params = Object.fromEntries(new URLSearchParams(url.split('?')[1]))
    spies = resetResident(params)
    testUtils = new TestUtils()
    await testUtils.mount(Place)
    await waitForText('提交点单')
    await tap('提交点单')
    expect(mockedOrder.place).toHaveBeenCalledTimes(1)
    expect(mockedOrder.place.mock.calls[0][0]).toMatchObject({ menuItemId: 'm-1', address: '东关村3组12号', phone: '13800001111' })
    expect(spies.redirectTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-9' })
    expect(taps).toBeLessThanOrEqual(3)
    expect(taps).toBe(2)
  })

  it('a described need repeats its theme and words; a proxy order repeats for the same person', async () => {
    const { repeatUrl } = await import('~src/pages/home/RecentOrders')
    expect(repeatUrl(item(makeOrder({ menuItemId: null, themeId: 'th-health', need: '厨房水管漏水' })))).toBe(
      `/packages/resident/pages/place/index?themeId=th-health&need=${encodeURIComponent('厨房水管漏水')}`,
    )
    expect(repeatUrl(item(makeOrder({ menuItemId: 'm-1', onBehalfOf: { name: '陈奶奶' } })))).toBe(
      `/packages/resident/pages/place/index?menuItemId=m-1&proxy=1&for=${encodeURIComponent('陈奶奶')}`,
    )
  })
})

describe('the resident’s order page: the person served, whose phone, who handles it and how to reach them', () => {
  const handling: OrderHandling = { unitId: 'st-1', unitName: '东关村新时代文明实践站', phone: '13907950101', status: 'placed', next: 'dispatch', dueAt: '2026-01-06T02:00:00.000Z', limitHours: 24 }

  async function mountOrder(o = makeOrder(), h: OrderHandling | undefined = handling) {
    spies = resetResident({ id: o.id })
    mockedOrder.get.mockResolvedValue({ ...answer(o, ['cancel']), ...(h && { handling: h }) })
    await testUtils.mount(OrderDetail)
    await showPage()
    await waitForText('办理经过')
  }

  it('says in one sentence who handles it and by when, with the station’s phone and 联系站点', async () => {
    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    await mountOrder()
    expect(pageText()).toContain('这一单由东关村新时代文明实践站安排，1月6日 10:00前会派给志愿服务队。')
    expect(pageText()).toContain('站点电话 13907950101')
    expect(pageText()).not.toContain('客服')
    await clickText('联系站点')
    expect(call).toHaveBeenCalledWith({ phoneNumber: '13907950101' })
  })

  it('once dispatched, by when a volunteer should take it; a status the deadline is not about says only who', async () => {
    await mountOrder(makeOrder({ status: 'dispatched', teamIds: ['t-1'] }), { ...handling, status: 'dispatched', next: 'claim' })
    expect(pageText()).toContain('这一单已派给志愿服务队，由东关村新时代文明实践站跟进，1月6日 10:00前会有志愿者接单。')
    testUtils.unmout()
    testUtils = new TestUtils()
    await mountOrder(makeOrder({ status: 'claimed' }), handling)
    expect(pageText()).toContain('这一单由东关村新时代文明实践站负责。')
  })

  it('offers 客服 (open-type contact) in WeChat', async () => {
    process.env.TARO_ENV = 'weapp'
    await mountOrder()
    expect(getByText('客服').closest('taro-button-core')?.getAttribute('open-type') ?? getByText('客服').closest('[open-type]')?.getAttribute('open-type')).toBe('contact')
  })

  it('服务对象 is the person a proxy ordered for, and the phone says whose it is', async () => {
    await mountOrder(makeOrder({ ownerName: '小罗', onBehalfOf: { name: '陈奶奶' }, phone: '13900009999', phoneOfProxy: true }))
    expect(pageText()).toContain('服务对象陈奶奶')
    expect(pageText()).not.toContain('服务对象本人')
    expect(pageText()).toContain('13900009999（代办员 小罗 的电话）')
    testUtils.unmout()
    testUtils = new TestUtils()
    await mountOrder(makeOrder({ ownerName: '小罗', onBehalfOf: { name: '李爷爷' }, phone: '13700007777' }))
    expect(pageText()).toContain('13700007777（李爷爷 的电话）')
  })

  it('a station without a phone says so', async () => {
    await mountOrder(makeOrder(), { ...handling, phone: '' })
    expect(pageText()).toContain('站点还没有登记电话')
    expect(pageText()).not.toContain('联系站点')
  })
})

describe('the menu search hint comes from the menu itself', () => {
  it('names two of its own items, never one it does not offer', async () => {
    mockedCatalog.menu.mockResolvedValue({ themes, items: menuItems.filter((i) => i.id !== 'm-3') })
    spies = resetResident()
    await testUtils.mount(Menu)
    await waitForText('上门义诊')
    // the native field takes the placeholder a moment after the page renders (findField waits for it)
    const placeholder = (await findField('搜索服务，如')).getAttribute('placeholder')
    expect(placeholder).toBe('搜索服务，如 上门义诊、送戏下乡')
    expect(placeholder).not.toContain('理发')
  })
})

describe('the ledger reason is shown whole', () => {
  it('a tap on an entry opens it with the whole reason', async () => {
    const reason = '完成服务：上门量血压，并为独居老人整理了一周的药盒，联系了家属说明用药情况（县卫生健康志愿服务分队）'
    jest.mocked(points).balance.mockResolvedValue({ userId: 'v-1', balance: 20, earned: 20, hours: 2 })
    jest.mocked(points).ledger.mockResolvedValue({ items: [{ id: 'e-1', userId: 'v-1', delta: 20, hours: 2, reason, orderId: 'o-1', unitPath: ['c-1'], at: '2030-05-01T08:00:00.000Z', by: 'system' }], nextCursor: null })
    ledgerStore.getState().reset()
    const modal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
    await testUtils.mount(Points)
    await showPage()
    await waitForText('完成服务：上门量血压')
    await clickText(reason)
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '积分 +20', content: expect.stringContaining(reason) }))
  })
})

/** WCAG relative luminance contrast of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

describe('colours: one per status with its words, and a disabled button that can be read', () => {
  it('every status has its own colour pair, at least 4.5:1, and the chip shows its words', async () => {
    const grounds = new Set(ORDER_STATUSES.map((s) => STATUS_COLORS[s].ground))
    const texts = new Set(ORDER_STATUSES.map((s) => STATUS_COLORS[s].text))
    expect(grounds.size).toBe(ORDER_STATUSES.length)
    expect(texts.size).toBe(ORDER_STATUSES.length)
    for (const s of ORDER_STATUSES) expect({ s, ok: contrast(STATUS_COLORS[s].text, STATUS_COLORS[s].ground) >= 4.5 }).toEqual({ s, ok: true })
    await testUtils.mount(() => (
      <view className='screen'>
        {ORDER_STATUSES.map((s) => (
          <StatusChip key={s} status={s} />
        ))}
      </view>
    ))
    const chips = Array.from(document.querySelectorAll('.status-chip')) as HTMLElement[]
    expect(chips.map((c) => c.textContent)).toEqual(ORDER_STATUSES.map((s) => STATUS_LABELS[s]))
    expect(new Set(chips.map((c) => c.style.backgroundColor)).size).toBe(ORDER_STATUSES.length)
  })

  it('a disabled button (减少 at the least) is dark grey on light grey, not white on white', () => {
    const scss = readFileSync(path.join(__dirname, '../../src/app.scss'), 'utf8')
    const rule = scss.slice(scss.indexOf(".btn[disabled]:not([disabled='false'])"))
    const colour = /\n\s*color:\s*(#[0-9A-Fa-f]{6})/.exec(rule)![1]
    const ground = /background-color:\s*(#[0-9A-Fa-f]{6})/.exec(rule)![1]
    expect(rule.slice(0, rule.indexOf('}'))).toContain('opacity: 1')
    expect(contrast(colour, ground)).toBeGreaterThanOrEqual(4.5)
  })
})
