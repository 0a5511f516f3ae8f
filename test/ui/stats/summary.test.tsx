import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import StatsSummary from '~src/packages/stats/pages/summary/index'
import * as catalog from '~src/services/catalog'
import * as stats from '~src/services/stats'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import type { ApiResponses } from '~types/api'
import { FIGURES } from '~types/figures'
import { clickText, screenText, waitForText } from '../helpers'
import { managerProfile, tree } from '../manager/fixtures'

// jsdom has no canvas: the chart is a stub that records what it was asked to draw (the tables carry the figures)
const drawn: Array<{ id: string; option: unknown }> = []
jest.mock('~src/packages/stats/charts/Chart', () => ({
  __esModule: true,
  default: (props: { id: string; option: unknown }) => {
    drawn.push(props)
    return null
  },
}))
jest.mock('~src/services/catalog')
jest.mock('~src/services/stats')
jest.mock('~src/services/user')
const mockedStats = jest.mocked(stats)

type Summary = ApiResponses['stats']['summary']
const row = (placed: number, served: number) => ({ placed, served, people: served * 3, volunteerTimes: served * 2, hours: served * 3 })

function summaryOf(unitId: string, over: Partial<Summary['stats']> = {}): Summary {
  return {
    unitId,
    from: '2026-02-28T16:00:00.000Z',
    to: '2026-03-31T16:00:00.000Z',
    stats: {
      placed: 20,
      taken: 14,
      served: 12,
      people: 36,
      byStatus: { placed: 2, dispatched: 1, claimed: 1, completed: 3, rated: 8, closed: 1, rejected: 3, cancelled: 1 },
      byTheme: { 'theme-health': 15, 'theme-law': 5 },
      byUnit: { 'unit-tanwei': 20 },
      dispatched: 16,
      rated: 8,
      volunteers: 9,
      volunteerTimes: 24,
      hours: 36,
      avgStars: 4.5,
      goodRate: 0.875,
      followUpOpen: 1,
      lookBack: 7,
      fate: {
        served: 12,
        open: { total: 4, placed: 2, dispatched: 1, claimed: 1, overdue: 2 },
        rejected: { total: 3, reasons: [{ reason: '不在服务范围', n: 2 }, { reason: '重复点单', n: 1 }] },
        cancelled: { total: 1, reasons: [{ reason: '已自行解决', n: 1 }] },
        escalated: 2,
        recalled: 1,
      },
      byMonth: [{ month: '2026-03', ...row(20, 12) }],
      themes: [{ themeId: 'theme-health', ...row(15, 10) }, { themeId: 'theme-law', ...row(5, 2) }],
      units: [{ unitId: 'unit-tanwei', ...row(20, 12) }],
      ...over,
    },
  }
}

let testUtils: TestUtils
beforeEach(() => {
  jest.resetAllMocks()
  drawn.length = 0
  useSession.getState().logout()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  jest.mocked(catalog).themes.mockResolvedValue([
    { id: 'theme-health', name: '卫生健康', seedNamed: true, sort: 1 },
    { id: 'theme-law', name: '法律服务', seedNamed: true, sort: 2 },
  ])
  mockedStats.summary.mockImplementation(async (input) => summaryOf(input.unitId ?? 'unit-suxi'))
  mockedStats.idleTeams.mockResolvedValue({
    unitId: 'unit-suxi',
    since: '2026-02-01T00:00:00.000Z',
    teams: [{ id: 'team-culture', name: '苏溪镇文化惠民志愿服务队', orgUnitId: 'unit-suxi', lastServedAt: null }],
  })
  testUtils = new TestUtils()
})
afterEach(() => testUtils.unmout())

describe('统计', () => {
  it('shows loading, then the headline figures with their definitions and every chart’s figures as a table', async () => {
    let resolve: (v: Summary) => void = () => {}
    mockedStats.summary.mockReturnValueOnce(new Promise((r) => (resolve = r)))
    await testUtils.mount(StatsSummary)
    await waitForText('加载中…')
    resolve(summaryOf('unit-suxi'))
    await waitForText('主要数据')
    expect(mockedStats.summary).toHaveBeenCalledWith(expect.objectContaining({ unitId: 'unit-suxi' }))
    const text = screenText()
    for (const key of ['placed', 'served', 'people', 'volunteers', 'volunteerTimes', 'hours', 'avgStars', 'goodRate'] as const) {
      expect(text).toContain(FIGURES[key].label)
      expect(text).toContain(FIGURES[key].definition)
    }
    expect(text).toContain('87.5%')
    // the funnel's table: 点单 → 派单 → 接单 → 完成 → 评单, each against the orders placed
    expect(text).toMatch(/点单20100%派单1680%接单1470%完成1260%评单840%/)
    // where every order went, adding up to the orders placed, with the reasons
    expect(text).toContain('办理中4待派单 2，待接单 1，已接单 1；超时 2')
    expect(text).toContain('已退回3不在服务范围 2；重复点单 1')
    expect(text).toContain('合计 20 单，等于点单数 20')
    expect(text).toContain('2026-03201236')
    expect(text).toContain('卫生健康151030')
    expect(text).toContain('苏溪镇文化惠民志愿服务队')
    expect(text).toContain('从未服务')
    expect(drawn.map((d) => d.id)).toEqual(expect.arrayContaining(['chart-funnel', 'chart-trend', 'chart-theme', 'chart-unit']))
  })

  it('changes the period: 本年 asks for the calendar year in China time', async () => {
    await testUtils.mount(StatsSummary)
    await waitForText('主要数据')
    await clickText('本年')
    await waitForText('主要数据')
    const last = mockedStats.summary.mock.calls[mockedStats.summary.mock.calls.length - 1][0]
    expect(last.from).toMatch(/^\d{4}-01-01T00:00:00\+08:00$/)
    expect(last.to).toMatch(/^\d{4}-01-01T00:00:00\+08:00$/)
  })

  it('drills into a child unit by tapping its row, and comes back, each time at the top of the page', async () => {
    const scroll = jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' })
    await testUtils.mount(StatsSummary)
    await waitForText('按下级单位')
    await clickText('滩尾村新时代文明实践站')
    await waitForText('返回苏溪镇新时代文明实践所')
    expect(mockedStats.summary).toHaveBeenLastCalledWith(expect.objectContaining({ unitId: 'unit-tanwei' }))
    expect(mockedStats.idleTeams).toHaveBeenLastCalledWith('unit-tanwei')
    // the tap was made in the table at the bottom: the station's figures are shown from the top
    expect(scroll).toHaveBeenLastCalledWith(expect.objectContaining({ scrollTop: 0 }))
    await clickText('返回苏溪镇新时代文明实践所')
    await waitForText('按下级单位')
    expect(mockedStats.summary).toHaveBeenLastCalledWith(expect.objectContaining({ unitId: 'unit-suxi' }))
    expect(scroll).toHaveBeenCalledTimes(2)
    scroll.mockRestore()
  })

  it('an empty period says so; an error offers 重试', async () => {
    mockedStats.summary.mockResolvedValueOnce(summaryOf('unit-suxi', { placed: 0 }))
    await testUtils.mount(StatsSummary)
    await waitForText('本期暂无点单')
    mockedStats.summary.mockRejectedValueOnce(new ApiCallError('FORBIDDEN', '只能查看本单位及下级单位的统计'))
    await clickText('本季度')
    await waitForText('只能查看本单位及下级单位的统计')
    await clickText('重试')
    await waitForText('主要数据')
  })

  it('shows 待回头看 with its parts, and opens the month’s 回头看 of the unit shown', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await testUtils.mount(StatsSummary)
    await waitForText('回头看')
    expect(screenText()).toContain('待回头看 7 单：超时未办 2，已退回 3，已取消 1，差评未回访 1')
    const month = mockedStats.summary.mock.calls[0][0].from!.slice(0, 7)
    await clickText('逐单回头看')
    expect(navigateTo).toHaveBeenCalledWith({ url: `/packages/stats/pages/look-back/index?month=${month}&unitId=unit-suxi` })
    navigateTo.mockRestore()
  })
})
