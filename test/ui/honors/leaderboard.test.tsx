import TestUtils from '@tarojs/test-utils-react'
import Leaderboard, { monthLabel } from '~src/packages/honors/pages/leaderboard/index'
import * as catalog from '~src/services/catalog'
import * as points from '~src/services/points'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { clickText, screenText, waitForText } from '../helpers'
import { managerProfile, tree } from '../manager/fixtures'

jest.mock('~src/services/points')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedPoints = jest.mocked(points)

let testUtils: TestUtils

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: { ...managerProfile, roles: ['resident'] } })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  testUtils = new TestUtils()
})

afterEach(() => testUtils.unmout())

describe('光荣榜', () => {
  it('shows a loading state, then the person’s unit this month as the server chose it', async () => {
    let answer: (v: Awaited<ReturnType<typeof points.leaderboard>>) => void = () => {}
    mockedPoints.leaderboard.mockReturnValue(new Promise((resolve) => (answer = resolve)))
    await testUtils.mount(Leaderboard)
    await waitForText('加载中…')
    expect(mockedPoints.leaderboard).toHaveBeenCalledWith({})
    answer({
      unitId: 'unit-suxi',
      month: '2026-03',
      rows: [
        { rank: 1, userId: 'v1', name: '张护士', points: 60, hours: 6 },
        { rank: 2, userId: 'v2', name: '李药师', points: 45, hours: 4.5 },
        { rank: 4, userId: 'v4', name: '孙大姐', points: 10, hours: 1 },
      ],
    })
    await waitForText('张护士')
    const text = screenText()
    expect(text).toContain('苏溪镇新时代文明实践所 · 2026年3月')
    expect(text).toContain('第1名张护士60分6小时')
    expect(text).toContain('第2名李药师45分4.5小时')
    expect(text).toContain('第4名孙大姐10分1小时')
    expect(document.querySelectorAll('.honors__row--top')).toHaveLength(2)
    expect(monthLabel('2026-12')).toBe('2026年12月')
  })

  it('says so when nobody earned points that month', async () => {
    mockedPoints.leaderboard.mockResolvedValue({ unitId: 'unit-tanwei', month: '2026-03', rows: [] })
    await testUtils.mount(Leaderboard)
    await waitForText('这个月还没有志愿者获得积分')
    expect(screenText()).toContain('滩尾村新时代文明实践站')
  })

  it('shows the API error and tries again on 重试', async () => {
    mockedPoints.leaderboard
      .mockRejectedValueOnce(new ApiCallError('INVALID_INPUT', '请选择要查看的单位'))
      .mockResolvedValueOnce({ unitId: 'unit-center', month: '2026-03', rows: [{ rank: 1, userId: 'v1', name: '张护士', points: 5, hours: 1 }] })
    await testUtils.mount(Leaderboard)
    await waitForText('请选择要查看的单位')
    await clickText('重试')
    await waitForText('张护士')
  })
})
