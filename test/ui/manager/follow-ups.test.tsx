import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { FollowUpItem } from '~types/api'
import FollowUps from '~src/packages/manager/pages/follow-ups/index'
import { useFollowUps, useFollowUpTab } from '~src/packages/manager/pages/follow-ups/store'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, showPage, waitForText } from '../helpers'
import { managerProfile } from './fixtures'

jest.mock('~src/services/order')
jest.mock('~src/services/user')
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils
let navigateTo: jest.SpyInstance

function item(over: Partial<FollowUpItem> = {}): FollowUpItem {
  return {
    orderId: 'order-1',
    title: '量血压',
    stars: 2,
    comment: '来晚了',
    resident: '王**',
    unitId: 'unit-tanwei',
    unitName: '滩尾村新时代文明实践站',
    openedAt: '2026-03-02T01:00:00.000Z',
    dueAt: '2026-03-05T01:00:00.000Z',
    status: 'open',
    overdue: false,
    attempts: 0,
    outcome: null,
    ...over,
  }
}

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  useFollowUps.getState().reset()
  useFollowUpTab.setState({ tab: 'open' })
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  navigateTo.mockRestore()
})

async function mount() {
  await testUtils.mount(FollowUps)
  await showPage()
}

describe('回访 list', () => {
  it('shows loading, then 待回访 with the masked person served; a card opens the manager order page', async () => {
    let resolve: (v: any) => void = () => {}
    mockedOrder.followUps.mockReturnValue(new Promise((r) => (resolve = r)))
    await mount()
    expect(screenText()).toContain('加载中')
    resolve({ items: [item(), item({ orderId: 'order-2', title: '修水管', overdue: true, status: 'overdue', attempts: 1 })], nextCursor: null })
    await waitForText('量血压')
    expect(mockedOrder.followUps).toHaveBeenCalledWith({ status: 'open' })
    const text = screenText()
    expect(text).toContain('2星 · 王** · 滩尾村新时代文明实践站')
    expect(text).toContain('已超时')
    expect(text).toContain('已联系1次')
    await clickText('修水管')
    expect(navigateTo).toHaveBeenCalledWith({ url: expect.stringContaining('/packages/manager/pages/order/index?id=order-2') })
  })

  it('the tabs ask the server for 已超时 and 已回访; empty and error states', async () => {
    mockedOrder.followUps.mockResolvedValue({ items: [], nextCursor: null })
    await mount()
    await waitForText('没有待回访的评价')
    await clickText('已超时')
    await settle()
    expect(mockedOrder.followUps).toHaveBeenLastCalledWith({ status: 'overdue' })
    await waitForText('没有超时的回访')
    mockedOrder.followUps.mockResolvedValue({ items: [item({ status: 'closed', outcome: 'resolved', attempts: 1 })], nextCursor: null })
    await clickText('已回访')
    await waitForText('回访结果')
    expect(mockedOrder.followUps).toHaveBeenLastCalledWith({ status: 'closed' })
    mockedOrder.followUps.mockRejectedValue(new ApiCallError('FORBIDDEN', '只有实践中心（所、站）管理员可以查看回访'))
    await clickText('待回访')
    await waitForText('只有实践中心（所、站）管理员可以查看回访')
  })
})
