import {
  chinaTime,
  CHINA_OFFSET_MS,
  EXPORT_KIND_LABELS,
  HOURS_STATUS_LABELS,
  STATUS_LABELS,
  TEAM_CATEGORIES,
  type Claim,
  type ExportFormat,
  type ExportKind,
  type Order,
  type OrderStatus,
  type OrgUnit,
  type Team,
  type TeamCategory,
  type Theme,
} from '~types'
import { creditedHours as claimCreditedHours, orderCreditedHours } from './hours'
import { HONOURS_ROWS, type PolicyConfig } from './config'
import { HonoursTally } from './honours'
import { awardFor } from './points'
import { FATE_LABELS } from '~types'
import { fateOf } from './figures'
import { childOn, isServed } from './stats'

/**
 * What each export holds (issue 9), pure: the period rule, the file name, the columns, one row per order for the
 * streamed kinds, and the figures of the volunteers and 14534 sheets with a sentence saying how each is counted.
 * Every figure counts the orders placed in [from, to) in the unit's subtree (by unitPath), as stats.summary does.
 */

export type Cell = string | number
export interface Column {
  header: string
  width: number
}
export interface SheetSpec {
  name: string
  columns: Column[]
}

/** The names the rows are written in. */
export interface Lookups {
  units: ReadonlyMap<string, OrgUnit>
  themes: ReadonlyMap<string, Theme>
  teams: ReadonlyMap<string, Team>
}

// ---------------------------------------------------------------- period and file name

const pad = (n: number) => String(n).padStart(2, '0')

/** A China-time date, 2026-03-02. */
export function chinaDate(iso: string): string {
  const t = chinaTime(iso)
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`
}

/** A China-time minute, 2026-03-02 09:30. */
export function chinaMinute(iso: string): string {
  const t = chinaTime(iso)
  return `${chinaDate(iso)} ${pad(t.hour)}:${pad(t.minute)}`
}

const isChinaMidnight = (iso: string) => {
  const t = chinaTime(iso)
  return t.hour === 0 && t.minute === 0 && (Date.parse(iso) + CHINA_OFFSET_MS) % 60_000 === 0
}

/** 2026-11 for a whole month, 2026年 for a whole year, else 2026-03-01至2026-03-31 (China time, both days included). */
export function periodLabel(from: string, to: string): string {
  const a = chinaTime(from)
  const b = chinaTime(to)
  if (isChinaMidnight(from) && isChinaMidnight(to) && a.day === 1 && b.day === 1) {
    const months = (b.year - a.year) * 12 + (b.month - a.month)
    if (months === 1) return `${a.year}-${pad(a.month)}`
    if (months === 12 && a.month === 1) return `${a.year}年`
  }
  return `${chinaDate(from)}至${chinaDate(new Date(Date.parse(to) - 1).toISOString())}`
}

/** 苏溪镇新时代文明实践所_志愿服务台账_2026-11.xlsx: characters a file system refuses are left out. */
export function exportFileName(unitName: string, kind: ExportKind, from: string, to: string, format: ExportFormat): string {
  // \p{Cc}: control characters
  const clean = (s: string) => s.replace(/[\\/:*?"<>|\s\p{Cc}]/gu, '')
  return `${clean(unitName) || '本单位'}_${EXPORT_KIND_LABELS[kind]}_${periodLabel(from, to)}.${format}`
}

// ---------------------------------------------------------------- figures of one order

/** An order's fate as the orders sheet names it: the statistics' fate (core/figures.ts), so the two always agree. */
export const fateLabelOf = (status: OrderStatus): string => FATE_LABELS[fateOf(status)]

/** Service hours an order credits: its claimers' credited hours (core/hours.ts), 0 until it is served. */
export const creditedHours = (o: Order): number => (isServed(o.status) ? orderCreditedHours(o) : 0)

/** 服务覆盖人数 of an order: the people the volunteers reported serving at completion (0 until served). */
export const peopleCovered = (o: Order): number => (isServed(o.status) ? (o.completion?.beneficiaryCount ?? 0) : 0)

/** Points each claimer earned from the order: the points policy's award, paid once the loop closed (rated, closed). */
export const pointsEach = (o: Order, claim: Claim, policy: PolicyConfig['points']): number =>
  o.status === 'rated' || o.status === 'closed' ? awardFor(o, policy, claimCreditedHours(claim)).total : 0

const countActions = (o: Order, action: string) => o.timeline.filter((t) => t.action === action).length

/**
 * A served activity is a lecture (理论宣讲) when its theme is one of the theory and policy themes or its title names
 * a talk. The data model has no field for a lecture's form: the form is the menu item (服务项目) it was ordered as.
 */
const LECTURE_THEME_WORDS = ['理论', '宣讲', '初心', '政策']
const LECTURE_TITLE_WORDS = ['宣讲', '讲座', '解读', '故事会', '讲堂', '报告会']
export function isLecture(o: Pick<Order, 'title' | 'themeId'>, themes: ReadonlyMap<string, Theme>): boolean {
  const theme = themes.get(o.themeId)?.name ?? ''
  return LECTURE_THEME_WORDS.some((w) => theme.includes(w)) || LECTURE_TITLE_WORDS.some((w) => o.title.includes(w))
}

/** Words that put a team in a 14534 category, tried in the report's order on the team's name, then its themes'. */
export const CATEGORY_WORDS: Record<TeamCategory, string[]> = {
  理论宣讲: ['理论', '宣讲', '初心'],
  社会宣传: ['宣传', '法律', '法治', '普法', '政策'],
  教育专家: ['教育', '专家', '教授', '技能', '农技'],
  文化艺术: ['文化', '文艺', '艺术', '戏'],
  体育健身: ['体育', '健身', '运动'],
  科技科普: ['科技', '科普', '科学'],
  道德楷模: ['道德', '楷模', '好人', '孝老', '爱亲'],
  移风易俗: ['移风易俗', '文明', '乡风'],
  小区治理: ['小区', '治理', '网格'],
  医疗健康: ['医疗', '健康', '卫生', '医'],
  垃圾分类: ['垃圾', '生态', '环境', '环保', '河道'],
}

/** The 14534 category of a team (其他 when none fits): by its name first, then by its themes' names. */
export function teamCategory(team: Pick<Team, 'name' | 'themeIds'>, themes: ReadonlyMap<string, Theme>): TeamCategory | '其他' {
  const texts = [team.name, ...team.themeIds.map((id) => themes.get(id)?.name ?? '')]
  for (const text of texts) {
    const found = TEAM_CATEGORIES.find((c) => CATEGORY_WORDS[c].some((w) => text.includes(w)))
    if (found) return found
  }
  return '其他'
}

// ---------------------------------------------------------------- the kinds

const col = (header: string, width = 12): Column => ({ header, width })
const unitName = (l: Lookups, id: string) => l.units.get(id)?.name ?? id
const themeName = (l: Lookups, id: string) => l.themes.get(id)?.name ?? id
const teamNames = (l: Lookups, ids: readonly string[]) => ids.map((id) => l.teams.get(id)?.name ?? id).join('、')
const ratingText = (o: Order) => (o.rating ? `${o.rating.stars}星` : o.status === 'closed' ? '未评（已自动办结）' : '待评')

export const ACTIVITY_COLUMNS: Column[] = [
  col('活动日期', 12),
  col('服务地点', 28),
  col('承办单位', 24),
  col('服务主题', 10),
  col('服务项目', 24),
  col('志愿服务队', 28),
  col('参与志愿者及时长', 32),
  col('志愿者人次', 10),
  col('志愿服务时长（小时）', 12),
  col('服务人数', 10),
  col('群众评价', 14),
  col('评价内容', 30),
  col('订单编号', 20),
]

/** A volunteer's hours on the 台账: what counts, and what became of them (2小时·信用时长, 2小时·待核实). */
function claimHoursText(c: Claim): string {
  const h = c.hours
  return h ? `${h.status === 'approved' || h.status === 'verified' ? h.credited : h.reported}小时·${HOURS_STATUS_LABELS[h.status]}` : '未记录时长'
}

/** One row of the 台账: an order served in the period. */
export function activityRow(o: Order, l: Lookups): Cell[] {
  return [
    chinaDate(o.completion?.at ?? o.updatedAt),
    o.completion?.place || o.address,
    unitName(l, o.orgUnitId),
    themeName(l, o.themeId),
    o.title,
    teamNames(l, o.teamIds),
    o.claims.map((c) => `${c.name}（${claimHoursText(c)}）`).join('、'),
    o.claims.length,
    creditedHours(o),
    peopleCovered(o),
    ratingText(o),
    o.rating?.comment ?? '',
    o.id,
  ]
}

export const ORDER_COLUMNS: Column[] = [
  col('订单编号', 20),
  col('点单时间', 17),
  col('服务项目', 24),
  col('服务主题', 10),
  col('点单人', 14),
  col('代办对象', 12),
  col('申请服务人数', 10),
  col('承办单位', 24),
  col('当前状态', 10),
  col('去向', 8),
  col('退回或取消原因', 24),
  col('上报次数', 8),
  col('撤回派单次数', 10),
  col('派单队伍', 28),
  col('接单志愿者', 24),
  col('完成时间', 17),
  col('实际服务人数', 10),
  col('群众评价', 14),
]

/** One row of the orders sheet: every order of the period with its fate. */
export function orderRow(o: Order, l: Lookups): Cell[] {
  return [
    o.id,
    chinaMinute(o.createdAt),
    o.title,
    themeName(l, o.themeId),
    o.ownerName,
    o.onBehalfOf?.name ?? '',
    o.beneficiaryCount,
    unitName(l, o.orgUnitId),
    STATUS_LABELS[o.status],
    fateLabelOf(o.status),
    o.status === 'rejected' || o.status === 'cancelled' ? o.reason : '',
    countActions(o, 'escalate'),
    countActions(o, 'recall'),
    teamNames(l, o.teamIds),
    o.claims.map((c) => c.name).join('、'),
    o.completion ? chinaMinute(o.completion.at) : '',
    peopleCovered(o),
    isServed(o.status) ? ratingText(o) : '',
  ]
}

export const VOLUNTEER_COLUMNS: Column[] = [
  col('志愿者', 14),
  col('所属单位', 24),
  col('服务次数', 10),
  col('服务时长（小时）', 12),
  col('服务群众（人次）', 12),
  col('获得积分', 10),
  col('待评单次数', 10),
]

interface VolunteerTally {
  name: string
  unitId: string
  services: number
  hours: number
  people: number
  points: number
  awaiting: number
}

/** Per volunteer who served in the period: claims on served orders, their hours, the people served and points paid. */
export class VolunteerTable {
  private readonly byId = new Map<string, VolunteerTally>()
  constructor(private readonly policy: PolicyConfig['points']) {}

  add(o: Order): void {
    if (!isServed(o.status)) return
    for (const c of o.claims) {
      const t = this.byId.get(c.volunteerId) ?? { name: c.name, unitId: c.unitPath[c.unitPath.length - 1] ?? '', services: 0, hours: 0, people: 0, points: 0, awaiting: 0 }
      t.services++
      t.hours += claimCreditedHours(c)
      t.people += peopleCovered(o)
      t.points += pointsEach(o, c, this.policy)
      if (o.status === 'completed') t.awaiting++
      this.byId.set(c.volunteerId, t)
    }
  }

  /** Most hours first, then most services, then by name. */
  rows(l: Lookups): Cell[][] {
    return [...this.byId.values()]
      .sort((a, b) => b.hours - a.hours || b.services - a.services || a.name.localeCompare(b.name, 'zh-CN'))
      .map((t) => [t.name, t.unitId ? unitName(l, t.unitId) : '', t.services, t.hours, t.people, t.points, t.awaiting])
  }
}

// ---------------------------------------------------------------- the 14534 report

/** The headline figures of the report, each with how it is counted (the README lists the same sentences). */
export const REPORT_FIGURES = [
  { key: 'placed', label: '群众点单数', note: '本期点单的订单数（按点单时间，含已退回、已取消和进行中的）' },
  { key: 'activities', label: '志愿服务活动次数', note: '本期点单中已完成服务的订单数（待评单、已评单、已办结），一单计一次' },
  { key: 'volunteerTimes', label: '参与志愿者人次', note: '已完成服务的订单上接单志愿者人数之和，同一人参加两次计两人次' },
  { key: 'volunteers', label: '参与志愿者人数', note: '已完成服务的订单上的不同志愿者，一人只计一次' },
  { key: 'hours', label: '志愿服务时长（小时）', note: '每位接单志愿者被认定的服务时长之和（现场签到签退的信用时长与管理员补录的时长；待核实、不予认定的不计）' },
  { key: 'people', label: '服务覆盖人数（人次）', note: '每单完成时填报的服务人数相加；系统不记录具体受益人，同一群众多次受益重复计入' },
  { key: 'rated', label: '群众评单数', note: '已完成服务的订单中群众已评价的单数' },
  { key: 'goodRated', label: '好评数（4星及以上）', note: '群众评价为4星或5星的单数' },
  { key: 'lectures', label: '理论宣讲场次', note: '已完成服务的活动中，服务主题为初心、政策（理论、宣讲）类或项目名称含宣讲、讲座、解读、故事会的场次' },
  { key: 'lecturePeople', label: '理论宣讲覆盖人数（人次）', note: '理论宣讲场次完成时填报的服务人数相加；只记录线下上门服务，线上收看人次系统未记录' },
  { key: 'teams', label: '志愿服务队伍数', note: '所属单位在本单位及下级单位的志愿服务队（导出时的队伍，不按时段）' },
  { key: 'teamMembers', label: '志愿服务队员人次', note: '上述队伍的在队队员数相加，一人加入两支队伍计两次' },
] as const
export type ReportFigure = (typeof REPORT_FIGURES)[number]['key']

export const REPORT_SECTION_NOTES: Array<[string, string]> = [
  ['理论宣讲·宣讲形式', '系统没有“宣讲形式”字段：按群众点单的服务项目（服务菜单名称）分列，自选需求按其标题；场次为已完成服务的单数'],
  ['志愿服务队伍·类别', '按14534报表的十一类：先看队伍名称，再看队伍的服务主题名称，取第一个符合的类别（关键词见 README），都不符合的计入“其他”；一支队伍只计一类'],
  ['志愿服务队伍·本期服务活动次数', '本期已完成服务、派给该队伍的订单数'],
  ['按服务主题、按下级单位', '与上面的口径相同，按订单的服务主题、按订单所在的下级单位（本单位直接承办的计入本单位）分列'],
]

interface Tally {
  placed: number
  activities: number
  volunteerTimes: number
  hours: number
  people: number
}
const emptyTally = (): Tally => ({ placed: 0, activities: 0, volunteerTimes: 0, hours: 0, people: 0 })
const tallyRow = (t: Tally): Cell[] => [t.placed, t.activities, t.volunteerTimes, t.hours, t.people]

export const REPORT_SHEETS: SheetSpec[] = [
  { name: '志愿服务活动', columns: [col('指标', 24), col('数值', 12), col('统计口径', 70)] },
  { name: '理论宣讲', columns: [col('宣讲形式（服务项目）', 28), col('服务主题', 10), col('场次', 8), col('覆盖人数（人次）', 14), col('参与志愿者人次', 14)] },
  { name: '志愿服务队伍', columns: [col('队伍类别', 12), col('队伍数', 8), col('队员人次', 10), col('本期服务活动次数', 14), col('队伍名单', 60)] },
  {
    name: '按服务主题',
    columns: [col('服务主题', 12), col('群众点单数', 10), col('活动次数', 10), col('参与志愿者人次', 14), col('志愿服务时长（小时）', 14), col('服务覆盖人数（人次）', 14)],
  },
  {
    name: '按下级单位',
    columns: [col('单位', 26), col('群众点单数', 10), col('活动次数', 10), col('参与志愿者人次', 14), col('志愿服务时长（小时）', 14), col('服务覆盖人数（人次）', 14)],
  },
  { name: '统计口径', columns: [col('指标', 30), col('统计口径', 90)] },
]

/** The figures of the 14534 report over the orders of a period, added one at a time (never all in memory). */
export class Report14534 {
  private readonly total = emptyTally()
  private readonly volunteers = new Set<string>()
  private rated = 0
  private goodRated = 0
  private readonly lectures = new Map<string, { title: string; themeId: string; sessions: number; people: number; volunteerTimes: number }>()
  private readonly byTheme = new Map<string, Tally>()
  private readonly byUnit = new Map<string, Tally>()
  private readonly teamActivities = new Map<string, number>()

  constructor(
    private readonly unitId: string,
    private readonly lookups: Lookups,
  ) {}

  add(o: Order): void {
    const theme = this.byTheme.get(o.themeId) ?? emptyTally()
    const child = childOn(o.unitPath, this.unitId)
    const unit = this.byUnit.get(child) ?? emptyTally()
    this.byTheme.set(o.themeId, theme)
    this.byUnit.set(child, unit)
    for (const t of [this.total, theme, unit]) t.placed++
    if (!isServed(o.status)) return
    for (const t of [this.total, theme, unit]) {
      t.activities++
      t.volunteerTimes += o.claims.length
      t.hours += creditedHours(o)
      t.people += peopleCovered(o)
    }
    for (const c of o.claims) this.volunteers.add(c.volunteerId)
    if (o.rating) {
      this.rated++
      if (o.rating.stars >= 4) this.goodRated++
    }
    for (const teamId of new Set(o.teamIds)) this.teamActivities.set(teamId, (this.teamActivities.get(teamId) ?? 0) + 1)
    if (isLecture(o, this.lookups.themes)) {
      const key = `${o.themeId}\u0000${o.title}`
      const l = this.lectures.get(key) ?? { title: o.title, themeId: o.themeId, sessions: 0, people: 0, volunteerTimes: 0 }
      l.sessions++
      l.people += peopleCovered(o)
      l.volunteerTimes += o.claims.length
      this.lectures.set(key, l)
    }
  }

  /** The teams of the unit's subtree (their unit's path contains the unit), the report's team section counts. */
  private subtreeTeams(): Team[] {
    return [...this.lookups.teams.values()].filter((t) => this.lookups.units.get(t.orgUnitId)?.path.includes(this.unitId))
  }

  figures(): Record<ReportFigure, number> {
    const lectures = [...this.lectures.values()]
    const teams = this.subtreeTeams()
    return {
      placed: this.total.placed,
      activities: this.total.activities,
      volunteerTimes: this.total.volunteerTimes,
      volunteers: this.volunteers.size,
      hours: this.total.hours,
      people: this.total.people,
      rated: this.rated,
      goodRated: this.goodRated,
      lectures: lectures.reduce((n, l) => n + l.sessions, 0),
      lecturePeople: lectures.reduce((n, l) => n + l.people, 0),
      teams: teams.length,
      teamMembers: teams.reduce((n, t) => n + t.memberIds.length, 0),
    }
  }

  /** Every sheet's rows, in REPORT_SHEETS order. */
  sheets(): Cell[][][] {
    const l = this.lookups
    const f = this.figures()
    const headline = REPORT_FIGURES.map((d): Cell[] => [d.label, f[d.key], d.note])

    const lectures = [...this.lectures.values()].sort((a, b) => b.sessions - a.sessions || a.title.localeCompare(b.title, 'zh-CN'))
    const lectureRows: Cell[][] = lectures.map((x) => [x.title, themeName(l, x.themeId), x.sessions, x.people, x.volunteerTimes])
    lectureRows.push(['合计', '', f.lectures, f.lecturePeople, lectures.reduce((n, x) => n + x.volunteerTimes, 0)])

    const categories = [...TEAM_CATEGORIES, '其他' as const]
    const teams = this.subtreeTeams()
    const teamRows: Cell[][] = categories.map((c) => {
      const of = teams.filter((t) => teamCategory(t, l.themes) === c)
      return [c, of.length, of.reduce((n, t) => n + t.memberIds.length, 0), of.reduce((n, t) => n + (this.teamActivities.get(t.id) ?? 0), 0), of.map((t) => t.name).join('、')]
    })
    teamRows.push(['合计', f.teams, f.teamMembers, teamRows.reduce((n, r) => n + Number(r[3]), 0), ''])

    const themeRows: Cell[][] = [...this.byTheme.entries()]
      .sort(([a], [b]) => (l.themes.get(a)?.sort ?? 99) - (l.themes.get(b)?.sort ?? 99))
      .map(([id, t]) => [themeName(l, id), ...tallyRow(t)])
    themeRows.push(['合计', ...tallyRow(this.total)])
    const unitRows: Cell[][] = [...this.byUnit.entries()]
      .sort(([a], [b]) => unitName(l, a).localeCompare(unitName(l, b), 'zh-CN'))
      .map(([id, t]) => [id === this.unitId ? `${unitName(l, id)}（本级）` : unitName(l, id), ...tallyRow(t)])
    unitRows.push(['合计', ...tallyRow(this.total)])

    const notes: Cell[][] = [...REPORT_FIGURES.map((d): Cell[] => [d.label, d.note]), ...REPORT_SECTION_NOTES]
    return [headline, lectureRows, teamRows, themeRows, unitRows, notes]
  }
}

/** How the rows of a kind are made: streamed kinds give one row per order; the others all rows at the end. */
export interface Tabulation {
  sheets: SheetSpec[]
  /** rows of the first sheet for this order, written at once */
  add(order: Order): Cell[][]
  /** the rows of every sheet still to write, in sheet order, once every order was added */
  finish(): Cell[][][]
}

export function tabulationOf(kind: ExportKind, unitId: string, lookups: Lookups, policy: PolicyConfig['points']): Tabulation {
  switch (kind) {
    case 'activities':
      return {
        sheets: [{ name: '志愿服务台账', columns: ACTIVITY_COLUMNS }],
        add: (o) => (isServed(o.status) ? [activityRow(o, lookups)] : []),
        finish: () => [[]],
      }
    case 'orders':
      return { sheets: [{ name: '点单明细', columns: ORDER_COLUMNS }], add: (o) => [orderRow(o, lookups)], finish: () => [[]] }
    case 'volunteers': {
      const table = new VolunteerTable(policy)
      return {
        sheets: [{ name: '志愿者服务统计', columns: VOLUNTEER_COLUMNS }],
        add: (o) => {
          table.add(o)
          return []
        },
        finish: () => [table.rows(lookups)],
      }
    }
    case 'report14534': {
      const report = new Report14534(unitId, lookups)
      return {
        sheets: REPORT_SHEETS,
        add: (o) => {
          report.add(o)
          return []
        },
        finish: () => report.sheets(),
      }
    }
    case 'honours': {
      const honours = new HonoursTally(lookups.units, new Map([...lookups.teams.values()].map((t) => [t.id, t.name])))
      return {
        sheets: HONOUR_SHEETS,
        add: (o) => {
          honours.add(o)
          return []
        },
        finish: () => honourSheets(honours.ranked(HONOURS_ROWS)),
      }
    }
  }
}

// ---------------------------------------------------------------- 年度评选 (points.honors' rankings)

const HONOUR_SHEETS: SheetSpec[] = [
  {
    name: '优秀志愿者',
    columns: [
      { header: '名次', width: 6 },
      { header: '志愿者', width: 14 },
      { header: '信用时长（小时）', width: 16 },
      { header: '服务次数', width: 10 },
      { header: '平均评分（星）', width: 14 },
    ],
  },
  {
    name: '优秀志愿服务队',
    columns: [
      { header: '名次', width: 6 },
      { header: '服务队', width: 28 },
      { header: '服务次数', width: 10 },
      { header: '好评率', width: 10 },
      { header: '有评价的服务', width: 12 },
    ],
  },
  {
    name: '优秀实践站',
    columns: [
      { header: '名次', width: 6 },
      { header: '实践站', width: 28 },
      { header: '服务订单', width: 10 },
      { header: '服务人数', width: 10 },
    ],
  },
  { name: '统计口径', columns: [{ header: '排名', width: 16 }, { header: '怎么统计', width: 90 }] },
]

const HONOUR_NOTES: Cell[][] = [
  ['共同口径', '统计本单位及下级单位在所选时段内下单、已服务（已完成或已评价）的点单；每项排名列前' + HONOURS_ROWS + '名，与光荣榜“年度评选”一致。'],
  ['优秀志愿者', '按信用时长排名（现场签到签退或经审核补录的时长），相同再按服务次数、平均评分；服务次数为参与的已服务点单数，平均评分为其中有评价的点单的星级平均。'],
  ['优秀志愿服务队', '按服务次数排名（承接的已服务点单数），相同再按好评率；好评为4星及以上，好评率=好评数÷有评价的服务数，无评价记为空。'],
  ['优秀实践站', '按服务订单数排名（在该站下单的已服务点单，否则按承接单位所属的站），相同再按服务人数（完成服务时填写的服务人数之和）。'],
]

function honourSheets(r: ReturnType<HonoursTally['ranked']>): Cell[][][] {
  return [
    r.volunteers.map((v) => [v.rank, v.name, v.hours, v.services, v.averageRating ?? '']),
    r.teams.map((t) => [t.rank, t.name, t.services, t.goodShare ?? '', t.rated]),
    r.stations.map((s) => [s.rank, s.name, s.served, s.people]),
    HONOUR_NOTES,
  ]
}

// ---------------------------------------------------------------- CSV

/**
 * One CSV line (RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled). Text that a
 * spreadsheet would run as a formula (starting with = + - @ or a tab) is written after an apostrophe.
 */
export function csvLine(cells: readonly Cell[]): string {
  return cells
    .map((c) => {
      if (typeof c === 'number') return String(c)
      const safe = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
    })
    .join(',')
}
