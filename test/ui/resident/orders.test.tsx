import TestUtils from '@tarojs/test-utils-react'
import { act } from '@tarojs/test-utils-react/dist/pure'
import { getPageInstance } from '@tarojs/runtime'
import Orders from '~src/packages/resident/pages/orders/index'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import { useResidentOrders } from '~src/stores/resident'
import { clickText, settle, showPage, waitForText } from '../helpers'
import { makeItem, pageText, resetResident } from './fixtures'

jest.mock('~src/services/order')
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils
let spies: ReturnType<typeof resetResident>

beforeEach(() => {
  jest.resetAllMocks()
  spies = resetResident()
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountOrders() {
  await testUtils.mount(Orders)
  await showPage()
}

describe('resident orders page (我的点单)', () => {
  it('shows a loading state', async () => {
    mockedOrder.listMine.mockReturnValue(new Promise(() => {}))
    await mountOrders()
    expect(pageText()).toContain('加载中…')
    expect(mockedOrder.listMine).toHaveBeenCalledWith(undefined)
  })

  it('when there is nothing yet, says so and offers 去点单', async () => {
    mockedOrder.listMine.mockResolvedValue({ items: [], nextCursor: null })
    await mountOrders()
    await waitForText('还没有点单')
    await clickText('去点单')
    expect(spies.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/menu/index' })
  })

  it('shows the error and loads again on 重试', async () => {
    mockedOrder.listMine
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ items: [makeItem()], nextCursor: null })
    await mountOrders()
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('上门义诊')
    expect(mockedOrder.listMine).toHaveBeenCalledTimes(2)
  })

  it('lists my orders with their status and opens one on tap', async () => {
    mockedOrder.listMine.mockResolvedValue({
      items: [
        makeItem(),
        makeItem({ id: 'o-2', title: '送戏下乡', status: 'rated' }),
        makeItem({ id: 'o-3', title: '修水管', status: 'cancelled' }),
      ],
      nextCursor: null,
    })
    await mountOrders()
    await waitForText('送戏下乡')
    const text = pageText()
    expect(text).toContain('待派单')
    expect(text).toContain('已评单')
    expect(text).toContain('已取消')
    expect(text).toContain('没有更多了')
    expect(text).not.toContain('去点单')
    expect(useResidentOrders.getState().items).toHaveLength(3)

    await clickText('送戏下乡')
    expect(spies.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-2' })
  })

  it('loads the first page again each time it is shown', async () => {
    mockedOrder.listMine.mockResolvedValue({ items: [makeItem()], nextCursor: 'c-2' })
    await mountOrders()
    await waitForText('上门义诊')
    await showPage()
    expect(mockedOrder.listMine).toHaveBeenCalledTimes(2)
    expect(pageText()).not.toContain('没有更多了')
  })
})

describe('触底加载', () => {
  async function reachBottom() {
    const inst = getPageInstance('taro-app') as unknown as { onReachBottom?: (() => void) | Array<() => void> }
    const handlers = ([] as Array<() => void>).concat(inst.onReachBottom ?? [])
    expect(handlers.length).toBeGreaterThan(0)
    await act(async () => handlers.forEach((fn) => fn()))
    await settle()
  }

  it('loads the next page at the bottom, and offers 重试 when that fails', async () => {
    mockedOrder.listMine
      .mockResolvedValueOnce({ items: [makeItem()], nextCursor: 'c-2' })
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ items: [makeItem({ id: 'o-2', title: '送戏下乡' })], nextCursor: null })
    await mountOrders()
    await waitForText('上门义诊')
    await reachBottom()
    expect(mockedOrder.listMine).toHaveBeenLastCalledWith('c-2')
    await waitForText('网络不给力，请检查网络后重试')
    expect(pageText()).toContain('上门义诊')

    await clickText('重试')
    await waitForText('送戏下乡')
    expect(mockedOrder.listMine).toHaveBeenCalledTimes(3)
    expect(pageText()).toContain('没有更多了')
  })
})
