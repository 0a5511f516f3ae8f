import { csvLine, exportFileName, fateLabelOf, periodLabel, teamCategory } from '~core/exports'
import { exportPeriodProblem, ORDER_STATUSES, type Theme } from '~types'

/** The pure rules of the exports (core/exports.ts, types/exports.ts), table-driven. */

describe('the period of an export', () => {
  it.each([
    ['a month', '2026-02-28T16:00:00.000Z', '2026-03-31T16:00:00.000Z', null],
    ['exactly three years', '2023-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z', null],
    ['three years and a second', '2023-12-31T16:00:00.000Z', '2026-12-31T16:00:01.000Z', '导出时段不能超过3年，请分段导出'],
    ['reversed', '2026-03-31T16:00:00.000Z', '2026-02-28T16:00:00.000Z', '结束时间应晚于开始时间'],
    ['empty', '2026-03-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z', '结束时间应晚于开始时间'],
    ['with offsets', '2026-03-01T00:00:00+08:00', '2026-04-01T00:00:00+08:00', null],
  ])('%s', (_name, from, to, problem) => {
    expect(exportPeriodProblem(from, to)).toBe(problem)
  })
})

describe('file names', () => {
  it.each([
    ['a China-time month', '2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z', '苏溪镇新时代文明实践所_志愿服务台账_2026-11.xlsx'],
    ['a China-time year', '2025-12-31T16:00:00.000Z', '2026-12-31T16:00:00.000Z', '苏溪镇新时代文明实践所_志愿服务台账_2026年.xlsx'],
    ['any other period: both days', '2026-03-01T16:00:00.000Z', '2026-03-08T16:00:00.000Z', '苏溪镇新时代文明实践所_志愿服务台账_2026-03-02至2026-03-08.xlsx'],
    ['a month in UTC is not a China-time month', '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z', '苏溪镇新时代文明实践所_志愿服务台账_2026-11-01至2026-12-01.xlsx'],
  ])('%s', (_name, from, to, name) => {
    expect(exportFileName('苏溪镇新时代文明实践所', 'activities', from, to, 'xlsx')).toBe(name)
  })

  it('leaves out what a file system refuses, names every kind in Chinese', () => {
    const month = ['2026-10-31T16:00:00.000Z', '2026-11-30T16:00:00.000Z'] as const
    expect(exportFileName('a/b:c*?"<>| d', 'orders', ...month, 'csv')).toBe('abcd_点单明细_2026-11.csv')
    expect(exportFileName('///', 'volunteers', ...month, 'xlsx')).toBe('本单位_志愿者服务统计_2026-11.xlsx')
    expect(exportFileName('中心', 'report14534', ...month, 'xlsx')).toBe('中心_14534报表数据_2026-11.xlsx')
    expect(periodLabel(...month)).toBe('2026-11')
  })
})

describe('the fate of an order: every status lands in exactly one', () => {
  it('served, open, rejected, cancelled', () => {
    expect(Object.fromEntries(ORDER_STATUSES.map((s) => [s, fateLabelOf(s)]))).toEqual({
      placed: '办理中',
      dispatched: '办理中',
      claimed: '办理中',
      completed: '已完成服务',
      rated: '已完成服务',
      closed: '已完成服务',
      rejected: '已退回',
      cancelled: '已取消',
    })
  })
})

describe('the eleven team categories of the 14534 report', () => {
  const themes = new Map<string, Theme>(
    [
      ['t-health', '健康'],
      ['t-civility', '文明'],
      ['t-ecology', '生态'],
      ['t-elderly', '助老'],
    ].map(([id, name], sort) => [id, { id, name, seedNamed: false, sort }]),
  )
  it.each([
    ['县理论宣讲志愿服务分队', [], '理论宣讲'],
    ['县法律服务分队', [], '社会宣传'],
    ['“田教授”志愿服务分队', [], '教育专家'],
    ['苏溪镇文化惠民志愿服务队', [], '文化艺术'],
    ['县卫生健康志愿服务分队', [], '医疗健康'],
    ['滩尾村孝老爱亲志愿服务队', ['t-civility', 't-health'], '道德楷模'],
    // the name says nothing: the team's first theme that fits decides
    ['江滨村农民志愿军', ['t-civility', 't-ecology'], '移风易俗'],
    ['江滨村农民志愿军', ['t-ecology', 't-civility'], '垃圾分类'],
    ['某某志愿服务队', ['t-elderly'], '其他'],
  ])('%s %j → %s', (name, themeIds, category) => {
    expect(teamCategory({ name, themeIds }, themes)).toBe(category)
  })
})

describe('CSV lines', () => {
  it.each([
    [['a', 1, 2.5], 'a,1,2.5'],
    [['有,逗号', '有"引号"', '换\n行'], '"有,逗号","有""引号""","换\n行"'],
    [['=SUM(A1)', '+1', '-1', '@x', -3], "'=SUM(A1),'+1,'-1,'@x,-3"],
    [['', '中文'], ',中文'],
  ])('%j → %s', (cells, line) => {
    expect(csvLine(cells as Array<string | number>)).toBe(line)
  })
})
