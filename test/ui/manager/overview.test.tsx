import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import { act } from '@tarojs/test-utils-react/dist/pure'
import type { OverviewItem } from '~types/api'
import Overview from '~src/packages/manager/pages/overview/index'
import { NO_FILTERS, overviewRequest, useOverview, useOverviewFilters } from '~src/packages/manager/pages/overview/store'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useOrders } from '~src/stores/orders'
import { useSession } from '~src/stores/session'
import { answer } from '~test/support/order-fixture'
import { clickText, screenText, settle, showPage, typeInto, waitForText } from '../helpers'
import { hoursAgo, makeItem, makeOrder, managerProfile, tree } from './fixtures'

jest.mock('~src/services/order')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils
let navigateTo: jest.SpyInstance

/** An order as 订单总览 lists it, with the card's marks. */
function overviewItem(over: Partial<OverviewItem> = {}): OverviewItem {
  const { unitName = '滩尾村新时代文明实践站', teamNames = [], limitHours = 24, dueAt = null, overdue = false, duplicateOf = null, ...rest } = over
  return { ...makeItem(rest), unitName, teamNames, limitHours, dueAt, overdue, duplicateOf }
}

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  useOverview.getState().reset()
  useOverviewFilters.setState({ ...NO_FILTERS })
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  jest.mocked(catalog).themes.mockResolvedValue([{ id: 'theme-health', name: '健康', seedNamed: false, sort: 1 }])
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  navigateTo.mockRestore()
})

async function mountOverview() {
  await testUtils.mount(Overview)
  await showPage()
}

const lastRequest = () => mockedOrder.overview.mock.calls[mockedOrder.overview.mock.calls.length - 1][0]

describe('订单总览', () => {
  it('shows a loading state, then every status (全部) newest first', async () => {
    mockedOrder.overview.mockReturnValue(new Promise(() => {}))
    await mountOverview()
    expect(screenText()).toContain('加载中…')
    expect(mockedOrder.overview).toHaveBeenCalledWith({ sort: 'newest' })
    for (const tab of ['全部', '待派单', '待接单', '已接单', '待评单', '已完成', '已退回/已取消']) expect(screenText()).toContain(tab)
  })

  it('says so when nothing matches', async () => {
    mockedOrder.overview.mockResolvedValue({ items: [], nextCursor: null })
    await mountOverview()
    await waitForText('没有符合条件的订单')
  })

  it('shows the API error and tries again on 重试', async () => {
    mockedOrder.overview
      .mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '只能查看本单位及下级单位的订单'))
      .mockResolvedValueOnce({ items: [overviewItem()], nextCursor: null })
    await mountOverview()
    await waitForText('只能查看本单位及下级单位的订单')
    await clickText('重试')
    await waitForText('上门量血压')
  })

  it('cards: who ordered and the proxy, unit, teams, places, the wait against the limit, 超时 and 疑似重复', async () => {
    mockedOrder.overview.mockResolvedValue({
      items: [
        overviewItem({
          id: 'o-1',
          title: '上门量血压',
          ownerName: '网格员小罗',
          onBehalfOf: { name: '张阿婆' },
          status: 'dispatched',
          teamIds: ['team-health'],
          teamNames: ['县卫生健康志愿服务分队'],
          capacity: 2,
          claims: [],
          updatedAt: hoursAgo(30),
          overdue: true,
          duplicateOf: 'o-2',
        }),
        overviewItem({ id: 'o-2', title: '修剪果树', ownerName: '滩尾村王大爷', limitHours: null, status: 'rated' }),
      ],
      nextCursor: 'c-2',
    })
    await mountOverview()
    await waitForText('上门量血压')
    const text = screenText()
    expect(text).toContain('点单人：张阿婆（网格员小罗代点）')
    expect(text).toContain('承办：滩尾村新时代文明实践站')
    expect(text).toContain('队伍：县卫生健康志愿服务分队')
    expect(text).toContain('名额 0/2')
    expect(text).toContain('等待30小时 / 时限24小时')
    expect(text).toContain('超时')
    expect(text).toContain('疑似重复')
    expect(text).toContain('点单人：滩尾村王大爷')
    expect(text).toContain('点单于3小时前')
    expect(text.split('疑似重复').length - 1).toBe(1)
    expect(text).toContain('2+ 单')
  })

  it('tabs, search, 超时 and the order each load the first page again with the filter', async () => {
    mockedOrder.overview.mockResolvedValue({ items: [overviewItem()], nextCursor: null })
    await mountOverview()
    await waitForText('上门量血压')
    await clickText('已完成')
    expect(lastRequest()).toEqual({ status: ['rated', 'closed'], sort: 'newest' })
    await clickText('已退回/已取消')
    expect(lastRequest()).toEqual({ status: ['rejected', 'cancelled'], sort: 'newest' })
    await typeInto('搜索标题、需求或群众姓名', ' 王大爷 ')
    await clickText('搜索')
    expect(lastRequest()).toEqual({ status: ['rejected', 'cancelled'], sort: 'newest', q: '王大爷' })
    await clickText('全部')
    expect(lastRequest()).toEqual({ sort: 'newest', q: '王大爷' })
    const sw = document.querySelector('.overview__switch input') as HTMLInputElement
    await act(async () => {
      sw.checked = true
      sw.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await settle()
    expect(lastRequest()).toMatchObject({ overdue: true, q: '王大爷' })
    await clickText('最新在前')
    expect(lastRequest()).toMatchObject({ sort: 'oldest' })
    await waitForText('最早在前')
  })

  it('the request for unit, theme and a date range (whole China-time days, the end day included)', async () => {
    mockedOrder.overview.mockResolvedValue({ items: [], nextCursor: null })
    await mountOverview()
    expect(
      overviewRequest({ ...NO_FILTERS, tab: 'dispatched', unitId: 'unit-tanwei', themeId: 'theme-health', fromDate: '2026-03-01', toDate: '2026-03-31' }, 'c-9'),
    ).toEqual({
      status: ['dispatched'],
      sort: 'newest',
      unitId: 'unit-tanwei',
      themeId: 'theme-health',
      from: '2026-03-01T00:00:00+08:00',
      to: '2026-04-01T00:00:00+08:00',
      cursor: 'c-9',
    })
    expect(overviewRequest({ ...NO_FILTERS, q: '   ' })).toEqual({ sort: 'newest' })
    expect(overviewRequest({ ...NO_FILTERS, tab: 'placed' })).toEqual({ status: ['placed'], sort: 'newest' })
  })

  it('offers the manager’s units of the subtree and the themes to filter by', async () => {
    mockedOrder.overview.mockResolvedValue({ items: [], nextCursor: null })
    await mountOverview()
    await waitForText('苏溪镇新时代文明实践所（含下级）')
    await waitForText('全部主题')
    expect(screenText()).not.toContain('示范县新时代文明实践中心')
  })

  it('opens the manager’s order page on tap, and follows the order cache afterwards', async () => {
    mockedOrder.overview.mockResolvedValue({ items: [overviewItem({ id: 'o-7', duplicateOf: 'o-8' })], nextCursor: null })
    await mountOverview()
    await waitForText('上门量血压')
    await clickText('上门量血压')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/manager/pages/order/index?id=o-7' })
    // dispatched on the order page: the card shows the new status and keeps its marks
    await act(async () => {
      useOrders.getState().put(answer(makeOrder({ id: 'o-7', status: 'dispatched', version: 2 }), ['recall']))
    })
    await settle()
    expect(screenText()).toContain('待接单')
    expect(screenText()).toContain('疑似重复')
  })
})
