import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import LookBack from '~src/packages/stats/pages/look-back/index'
import * as stats from '~src/services/stats'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import type { LookBackAnswer, LookBackGroup, LookBackItem } from '~types/look-back'
import { clickText, screenText, settle, showPage, waitForText } from '../helpers'
import * as catalog from '~src/services/catalog'
import { managerProfile, tree } from '../manager/fixtures'

// signing in reads the unit tree
jest.mock('~src/services/catalog')
jest.mock('~src/services/stats')
jest.mock('~src/services/user')
const mockedStats = jest.mocked(stats)

const item = (orderId: string, over: Partial<LookBackItem> = {}): LookBackItem => ({
  orderId,
  title: `量血压${orderId}`,
  status: 'placed',
  createdAt: '2026-03-02T01:00:00.000Z',
  unitName: '滩尾村新时代文明实践站',
  detail: '待派单超过24小时',
  ...over,
})

const group = (reason: LookBackGroup['reason'], items: LookBackItem[], over: Partial<LookBackGroup> = {}): LookBackGroup => ({
  reason,
  count: items.length,
  items,
  nextCursor: null,
  ...over,
})

function answer(month: string, over: Partial<LookBackAnswer> = {}): LookBackAnswer {
  const groups = [
    group('overdue', [item('o-1')]),
    group('rejected', [item('o-2', { status: 'rejected', detail: '退回原因：需求描述不清' })]),
    group('cancelled', []),
    group('followUp', [item('o-3', { status: 'rated', detail: '群众评2星，待回访' })]),
  ]
  return { unitId: 'unit-suxi', month, total: 3, groups, ...over }
}

let testUtils: TestUtils
let navigateTo: jest.SpyInstance
const params = (p: Record<string, string>) => jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: p } } as never)

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  mockedStats.lookBack.mockImplementation(async (input) => answer(input.month))
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  params({ month: '2026-03' })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  navigateTo.mockRestore()
})

describe('回头看', () => {
  it('shows loading, then the month’s groups with their counts and why each order is there; an order opens', async () => {
    let resolve: (v: LookBackAnswer) => void = () => {}
    mockedStats.lookBack.mockReturnValueOnce(new Promise((r) => (resolve = r)))
    await testUtils.mount(LookBack)
    await waitForText('加载中…')
    await settle()
    expect(mockedStats.lookBack).toHaveBeenCalledWith({ month: '2026-03' })
    resolve(answer('2026-03'))
    await waitForText('2026年3月待回头看 3 单')
    const text = screenText()
    for (const words of ['超时未办1单', '已退回1单', '群众取消0单', '差评未回访1单', '没有这类点单', '待派单超过24小时', '退回原因：需求描述不清', '群众评2星，待回访']) {
      expect(text).toContain(words)
    }
    expect(text).toContain('滩尾村新时代文明实践站 · 点单于')
    await clickText('量血压o-2')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/manager/pages/order/index?id=o-2' })
  })

  it('moves to the month before; the month after the current one cannot be picked', async () => {
    await testUtils.mount(LookBack)
    await waitForText('2026年3月待回头看 3 单')
    await clickText('‹ 上月')
    await waitForText('2026年2月待回头看 3 单')
    expect(mockedStats.lookBack).toHaveBeenLastCalledWith({ month: '2026-02' })
    testUtils.unmout()
    // today's month (the default without ?month): 下月 is disabled
    params({})
    testUtils = new TestUtils()
    await testUtils.mount(LookBack)
    await waitForText('待回头看 3 单')
    const next = Array.from(document.querySelectorAll('taro-button-core')).find((b) => b.textContent?.includes('下月'))
    expect(next?.getAttribute('disabled')).not.toBeNull()
  })

  it('coming back to the page (after handling an order) asks again: the groups as they are now', async () => {
    await testUtils.mount(LookBack)
    await showPage()
    await waitForText('2026年3月待回头看 3 单')
    const asked = mockedStats.lookBack.mock.calls.length
    mockedStats.lookBack.mockResolvedValue(answer('2026-03', { total: 2, groups: [group('overdue', [item('o-1')]), group('rejected', []), group('cancelled', []), group('followUp', [item('o-3')])] }))
    await showPage()
    await waitForText('2026年3月待回头看 2 单')
    expect(mockedStats.lookBack.mock.calls.length).toBe(asked + 1)
  })

  it('a month with nothing to look back on says so', async () => {
    mockedStats.lookBack.mockResolvedValue({ unitId: 'unit-suxi', month: '2026-03', total: 0, groups: [group('overdue', []), group('rejected', []), group('cancelled', []), group('followUp', [])] })
    await testUtils.mount(LookBack)
    await waitForText('2026年3月的点单都有了结果')
    expect(screenText()).toContain('超时未办、退回、取消和差评未回访的点单会列在这里')
  })

  it('a long group goes on from its cursor, keeping what is shown', async () => {
    const first = Array.from({ length: 20 }, (_, i) => item(`r-${i}`, { status: 'rejected', detail: '退回原因：重复点单' }))
    mockedStats.lookBack.mockImplementation(async (input) =>
      input.reason
        ? { unitId: 'unit-suxi', month: '2026-03', total: 23, groups: [group('rejected', [item('r-20', { status: 'rejected' })], { count: 23 })] }
        : answer('2026-03', { total: 23, groups: [group('overdue', []), group('rejected', first, { count: 23, nextCursor: 'c-1' }), group('cancelled', []), group('followUp', [])] }),
    )
    await testUtils.mount(LookBack)
    await waitForText('已退回23单')
    await clickText('再看3单')
    await waitForText('量血压r-20')
    expect(mockedStats.lookBack).toHaveBeenLastCalledWith({ month: '2026-03', unitId: 'unit-suxi', reason: 'rejected', cursor: 'c-1' })
    expect(screenText()).toContain('量血压r-0')
    expect(screenText()).not.toContain('再看')
  })

  it('an error says what went wrong in Chinese and retries', async () => {
    mockedStats.lookBack.mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    await testUtils.mount(LookBack)
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('2026年3月待回头看 3 单')
  })

  it('someone who manages no unit is told so, and nothing is asked', async () => {
    jest.mocked(user).login.mockResolvedValue({ user: { ...managerProfile, roles: ['resident'], managedUnitId: null } })
    await testUtils.mount(LookBack)
    await waitForText('只有实践中心（所、站）管理员可以回头看')
    await settle()
    expect(mockedStats.lookBack).not.toHaveBeenCalled()
  })
})
