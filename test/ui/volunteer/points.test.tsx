import TestUtils from '@tarojs/test-utils-react'
import type { LedgerEntry } from '~types/domain'
import Points from '~src/packages/volunteer/pages/points/index'
import * as points from '~src/services/points'
import { ApiCallError } from '~src/services/transport'
import { ledgerStore } from '~src/stores/volunteer'
import { clickText, screenText, showPage, waitForText } from '../helpers'

jest.mock('~src/services/points')
const mockedPoints = jest.mocked(points)

const entry = (patch: Partial<LedgerEntry>): LedgerEntry => ({
  id: 'e-1',
  userId: 'v-1',
  delta: 20,
  hours: 2,
  reason: '完成服务：上门量血压',
  orderId: 'o-1',
  unitPath: ['c-1'],
  at: '2030-05-01T08:00:00.000Z',
  by: 'system',
  ...patch,
})

let testUtils: TestUtils

beforeEach(() => {
  jest.resetAllMocks()
  ledgerStore.getState().reset()
  mockedPoints.balance.mockResolvedValue({ userId: 'v-1', balance: 45, earned: 60, hours: 7.5 })
  testUtils = new TestUtils()
})

afterEach(() => testUtils.unmout())

async function mountPoints() {
  await testUtils.mount(Points)
  await showPage()
}

describe('我的积分', () => {
  it('shows a loading state while balance and ledger load', async () => {
    mockedPoints.balance.mockReturnValue(new Promise(() => {}))
    mockedPoints.ledger.mockReturnValue(new Promise(() => {}))
    await mountPoints()
    expect(screenText()).toContain('加载中…')
    expect(mockedPoints.balance).toHaveBeenCalledTimes(1)
    expect(mockedPoints.ledger).toHaveBeenCalledTimes(1)
  })

  it('with no entries yet, says when points come', async () => {
    mockedPoints.balance.mockResolvedValue({ userId: 'v-1', balance: 0, earned: 0, hours: 0 })
    mockedPoints.ledger.mockResolvedValue({ items: [], nextCursor: null })
    await mountPoints()
    await waitForText('还没有积分记录，完成服务并评单后发放')
    expect(screenText()).toContain('当前积分')
    expect(screenText()).toContain('积分在群众评单后发放')
  })

  it('shows the three figures and the ledger newest first', async () => {
    mockedPoints.ledger.mockResolvedValue({
      items: [
        entry({ id: 'e-old', reason: '完成服务：义务理发', delta: 15, hours: 1, at: '2030-04-01T08:00:00.000Z' }),
        entry({ id: 'e-new', reason: '完成服务：上门量血压', delta: 30, hours: 2.5, at: '2030-05-01T08:00:00.000Z' }),
      ],
      nextCursor: null,
    })
    await mountPoints()
    await waitForText('上门量血压')
    const text = screenText()
    expect(text).toContain('45当前积分')
    expect(text).toContain('60累计获得')
    expect(text).toContain('7.5服务时长(小时)')
    expect(text).toContain('+30')
    expect(text).toContain('服务2.5小时')
    expect(text).toContain('2030年5月1日')
    expect(text.indexOf('上门量血压')).toBeLessThan(text.indexOf('义务理发'))
  })

  it('shows each error and tries again on 重试', async () => {
    mockedPoints.balance
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ userId: 'v-1', balance: 45, earned: 60, hours: 7.5 })
    mockedPoints.ledger
      .mockRejectedValueOnce(new ApiCallError('INTERNAL', '系统开小差了，请稍后再试'))
      .mockResolvedValueOnce({ items: [entry({})], nextCursor: null })
    await mountPoints()
    await waitForText('系统开小差了，请稍后再试')
    expect(screenText()).toContain('网络不给力，请检查网络后重试')
    await clickText('重试')
    await clickText('重试')
    await waitForText('45当前积分')
    await waitForText('上门量血压')
    expect(mockedPoints.balance).toHaveBeenCalledTimes(2)
    expect(mockedPoints.ledger).toHaveBeenCalledTimes(2)
  })
})
