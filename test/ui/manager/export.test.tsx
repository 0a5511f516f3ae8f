import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import ExportPage from '~src/packages/manager/pages/export/index'
import { periodOf } from '~src/packages/manager/pages/export/period'
import * as catalog from '~src/services/catalog'
import * as exportService from '~src/services/export'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import type { ExportAnswer } from '~types/api'
import { clickText, screenText, waitForText } from '../helpers'
import { managerProfile, tree } from './fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/user')
jest.mock('~src/services/export')
const mockedExport = jest.mocked(exportService)

// 2026-11-15 12:00 China time, for the periods' own table (the page takes the real clock; periodOf is tested below)
const NOW = new Date('2026-11-15T04:00:00.000Z')
const NO_CUSTOM = { from: '', to: '' }
const answer = (over: Partial<ExportAnswer> = {}): ExportAnswer => ({
  exportId: 'exp_1',
  fileName: '苏溪镇新时代文明实践所_志愿服务台账_2026-11.xlsx',
  url: '/api/exports/exp_1',
  expiresAt: '2026-11-16T04:00:00.000Z',
  rows: 42,
  ...over,
})

describe('导出报表', () => {
  let testUtils: TestUtils
  beforeEach(() => {
    jest.resetAllMocks()
    useSession.getState().logout()
    jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
    jest.mocked(catalog).tree.mockResolvedValue(tree)
    mockedExport.open.mockResolvedValue()
    testUtils = new TestUtils()
  })
  afterEach(() => {
    testUtils.unmout()
  })

  it('offers the four kinds; 导出 makes this month’s 台账 as xlsx, says so while it works, then opens the file', async () => {
    const scroll = jest.spyOn(Taro, 'pageScrollTo').mockResolvedValue({ errMsg: 'pageScrollTo:ok' })
    let resolve: (v: ExportAnswer) => void = () => {}
    mockedExport.create.mockReturnValue(new Promise((r) => (resolve = r)))
    await testUtils.mount(ExportPage)
    await waitForText('苏溪镇新时代文明实践所')
    for (const label of ['志愿服务台账', '点单明细', '志愿者服务统计', '14534报表数据', '本月', '上月', '本年', '自定义']) expect(screenText()).toContain(label)
    await clickText('导出')
    await waitForText('正在生成文件…')
    expect(mockedExport.create).toHaveBeenCalledWith({
      kind: 'activities',
      unitId: 'unit-suxi',
      ...periodOf('thisMonth', new Date(), NO_CUSTOM),
      format: 'xlsx',
      requestId: expect.any(String),
    })
    resolve(answer())
    await waitForText('苏溪镇新时代文明实践所_志愿服务台账_2026-11.xlsx')
    expect(screenText()).toContain('共42行')
    // the file's card is below the button: brought into view
    expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: '.export__made' }))
    expect(mockedExport.open).toHaveBeenCalledWith(answer())
    await clickText('下载文件')
    expect(mockedExport.open).toHaveBeenCalledTimes(2)
    scroll.mockRestore()
  })

  it('sends the kind, period and format chosen: last month’s 14534 figures as CSV', async () => {
    mockedExport.create.mockResolvedValue(answer({ fileName: '苏溪镇新时代文明实践所_14534报表数据_2026-10.csv' }))
    await testUtils.mount(ExportPage)
    await waitForText('14534报表数据')
    await clickText('14534报表数据')
    await clickText('上月')
    await clickText('CSV（UTF-8）')
    await clickText('导出')
    await waitForText('14534报表数据_2026-10.csv')
    expect(mockedExport.create).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'report14534', ...periodOf('lastMonth', new Date(), NO_CUSTOM), format: 'csv' }),
    )
  })

  it('年度评选: choosing it picks 本年 and exports the year’s three rankings (points.honors) as xlsx', async () => {
    mockedExport.create.mockResolvedValue(answer({ fileName: '苏溪镇新时代文明实践所_年度评选_2026年.xlsx', rows: 9 }))
    await testUtils.mount(ExportPage)
    await waitForText('年度评选')
    expect(screenText()).toContain('优秀志愿者、服务队、实践站三张排名表')
    await clickText('年度评选')
    await clickText('导出')
    await waitForText('苏溪镇新时代文明实践所_年度评选_2026年.xlsx')
    expect(mockedExport.create).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'honours', unitId: 'unit-suxi', ...periodOf('thisYear', new Date(), NO_CUSTOM), format: 'xlsx' }),
    )
    expect(screenText()).toContain('共9行')
  })

  it('shows the server’s refusal in Chinese and opens nothing', async () => {
    mockedExport.create.mockRejectedValue(new ApiCallError('RATE_LIMITED', '一小时内最多导出10次，请20分钟后再试'))
    await testUtils.mount(ExportPage)
    await waitForText('导出内容')
    await clickText('导出')
    await waitForText('一小时内最多导出10次，请20分钟后再试')
    expect(mockedExport.open).not.toHaveBeenCalled()
  })

  it('a file that fails to open says so and can be opened again', async () => {
    mockedExport.create.mockResolvedValue(answer())
    mockedExport.open.mockRejectedValueOnce(new ApiCallError('NETWORK', '文件下载失败，请检查网络后重试'))
    await testUtils.mount(ExportPage)
    await waitForText('导出内容')
    await clickText('导出')
    await waitForText('文件下载失败，请检查网络后重试')
    await clickText('下载文件')
    expect(mockedExport.open).toHaveBeenCalledTimes(2)
    expect(screenText()).not.toContain('文件下载失败')
  })

  it('tells a person who manages no unit whom to ask', async () => {
    jest.mocked(user).login.mockResolvedValue({ user: { ...managerProfile, managedUnitId: null } })
    await testUtils.mount(ExportPage)
    await waitForText('您还没有管理的单位，请联系中心管理员授权')
    expect(screenText()).not.toContain('导出内容')
  })
})

describe('the periods of the 导出 page (China time)', () => {
  it.each([
    ['thisMonth', '2026-11-01T00:00:00+08:00', '2026-12-01T00:00:00+08:00'],
    ['lastMonth', '2026-10-01T00:00:00+08:00', '2026-11-01T00:00:00+08:00'],
    ['thisYear', '2026-01-01T00:00:00+08:00', '2027-01-01T00:00:00+08:00'],
    ['custom', '2026-03-02T00:00:00+08:00', '2026-04-01T00:00:00+08:00'],
  ] as const)('%s', (choice, from, to) => {
    expect(periodOf(choice, NOW, { from: '2026-03-02', to: '2026-03-31' })).toEqual({ from, to })
  })

  it('December’s next month and January’s last month cross the year; 16:00 UTC is already the next China day', () => {
    expect(periodOf('thisMonth', new Date('2026-12-31T15:59:00Z'), { from: '', to: '' })).toEqual({ from: '2026-12-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' })
    expect(periodOf('lastMonth', new Date('2026-12-31T16:00:00Z'), { from: '', to: '' })).toEqual({ from: '2026-12-01T00:00:00+08:00', to: '2027-01-01T00:00:00+08:00' })
  })
})
