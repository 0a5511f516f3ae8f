import TestUtils from '@tarojs/test-utils-react'
import Leaderboard from '~src/packages/honors/pages/leaderboard/index'
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
  mockedPoints.leaderboard.mockResolvedValue({ unitId: 'unit-suxi', month: '2026-03', rows: [] })
  testUtils = new TestUtils()
})

afterEach(() => testUtils.unmout())

describe('光荣榜 · 年度评选', () => {
  it('shows the year’s volunteers, teams and stations, each with the measures it is ranked by', async () => {
    mockedPoints.honors.mockResolvedValue({
      unitId: 'unit-suxi',
      year: 2026,
      volunteers: [{ rank: 1, userId: 'v1', name: '张护士', hours: 12.5, services: 6, averageRating: 4.8 }],
      teams: [{ rank: 1, teamId: 't1', name: '县卫生健康志愿服务分队', services: 9, goodShare: 0.89, rated: 9 }],
      stations: [{ rank: 1, unitId: 'unit-tanwei', name: '滩尾村新时代文明实践站', served: 7, people: 40 }],
      ordersRead: 12,
      truncated: false,
    })
    await testUtils.mount(Leaderboard)
    await waitForText('这个月还没有志愿者获得积分')
    await clickText('年度评选')
    await waitForText('张护士')
    expect(mockedPoints.honors).toHaveBeenCalledWith({ year: expect.any(Number) })
    const text = screenText()
    expect(text).toContain('第1名张护士12.5小时6次4.8星')
    expect(text).toContain('第1名县卫生健康志愿服务分队9次89%')
    expect(text).toContain('第1名滩尾村新时代文明实践站7单40人')
    expect(text).toContain('苏溪镇新时代文明实践所 · 2026年度')
    expect(text).toContain('信用时长为现场签到签退或经审核补录的时长')
  })

  it('says when a ranking is empty, and shows the API error with 重试', async () => {
    mockedPoints.honors
      .mockRejectedValueOnce(new ApiCallError('NOT_FOUND', '单位不存在'))
      .mockResolvedValueOnce({ unitId: 'unit-suxi', year: 2026, volunteers: [], teams: [], stations: [], ordersRead: 0, truncated: false })
    await testUtils.mount(Leaderboard)
    await waitForText('这个月还没有志愿者获得积分')
    await clickText('年度评选')
    await waitForText('单位不存在')
    await clickText('重试')
    await waitForText('这一年还没有志愿者完成服务')
    expect(screenText()).toContain('这一年还没有实践站完成服务')
  })
})
