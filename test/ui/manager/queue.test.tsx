import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Queue from '~src/packages/manager/pages/queue/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useQueue } from '~src/stores/manager'
import { useSession } from '~src/stores/session'
import { clickText, screenText, showPage, waitForText } from '../helpers'
import { effectiveLimits, hoursAgo, makeItem, managerProfile, tree } from './fixtures'

jest.mock('~src/services/order')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils
let navigateTo: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  useQueue.getState().reset()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  jest.mocked(catalog).limits.mockImplementation(async (unitId) => effectiveLimits(unitId, unitId === 'unit-suxi' ? { remindUndispatchedHours: 48 } : {}))
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  navigateTo.mockRestore()
})

async function mountQueue() {
  await testUtils.mount(Queue)
  await showPage()
}

describe('派单台', () => {
  it('shows a loading state while the queue loads', async () => {
    mockedOrder.queue.mockReturnValue(new Promise(() => {}))
    await mountQueue()
    expect(screenText()).toContain('加载中…')
    expect(mockedOrder.queue).toHaveBeenCalledWith(undefined)
  })

  it('says so when nothing waits', async () => {
    mockedOrder.queue.mockResolvedValue({ items: [], nextCursor: null })
    await mountQueue()
    await waitForText('派单台暂时没有待派的点单')
    expect(screenText()).toContain('待派 0 单')
  })

  it('shows the API error (not a manager) and tries again on 重试', async () => {
    mockedOrder.queue
      .mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '您没有权限进行此操作'))
      .mockResolvedValueOnce({ items: [makeItem()], nextCursor: null })
    await mountQueue()
    await waitForText('您没有权限进行此操作')
    await clickText('重试')
    await waitForText('上门量血压')
    expect(mockedOrder.queue).toHaveBeenCalledTimes(2)
  })

  it('lists the waiting orders with the unit, the count, how long each waited against its unit\'s limit, and 已超时', async () => {
    mockedOrder.queue.mockResolvedValue({
      items: [
        makeItem({ id: 'o-old', title: '修剪果树', createdAt: hoursAgo(30), updatedAt: hoursAgo(30) }),
        makeItem({ id: 'o-new', title: '上门量血压', createdAt: hoursAgo(3), updatedAt: hoursAgo(3), orgUnitId: 'unit-suxi' }),
      ],
      nextCursor: null,
    })
    await mountQueue()
    await waitForText('修剪果树')
    const text = screenText()
    expect(text).toContain('苏溪镇新时代文明实践所')
    expect(text).toContain('待派 2 单')
    // against the limit of the unit that handles each order (滩尾村 inherits 24 hours, 苏溪所 sets 48)
    expect(text).toContain('等待30小时 · 时限24小时 · 滩尾村新时代文明实践站')
    expect(text).toContain('等待3小时 · 时限48小时 · 苏溪镇新时代文明实践所')
    expect(text.split('已超时').length - 1).toBe(1)
    // the oldest first, as the API answered
    expect(text.indexOf('修剪果树')).toBeLessThan(text.indexOf('上门量血压'))
  })

  it('says when there are more pages than shown', async () => {
    mockedOrder.queue.mockResolvedValue({ items: [makeItem()], nextCursor: 'c-2' })
    await mountQueue()
    await waitForText('待派 1+ 单')
  })

  it('opens the order on tap', async () => {
    mockedOrder.queue.mockResolvedValue({ items: [makeItem({ id: 'o-7' })], nextCursor: null })
    await mountQueue()
    await waitForText('上门量血压')
    await clickText('上门量血压')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/manager/pages/order/index?id=o-7' })
  })
})
