/** Exports a center files (issue 9): the kinds, formats, their Chinese names and the stored record of a file. */
import { EXPORT_MAX_YEARS } from './rules'

export const EXPORT_KINDS = ['activities', 'orders', 'volunteers', 'report14534', 'honours'] as const
export type ExportKind = (typeof EXPORT_KINDS)[number]

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** What each kind is called in a file name and on the 导出 page. */
export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  activities: '志愿服务台账',
  orders: '点单明细',
  volunteers: '志愿者服务统计',
  report14534: '14534报表数据',
  honours: '年度评选',
}

/**
 * The eleven team categories of the "14534" report (seed 004-E), in its order. A team counts in the first category
 * whose keywords one of its themes' names (or its own name) contains; one that matches none counts as 其他.
 */
export const TEAM_CATEGORIES = [
  '理论宣讲',
  '社会宣传',
  '教育专家',
  '文化艺术',
  '体育健身',
  '科技科普',
  '道德楷模',
  '移风易俗',
  '小区治理',
  '医疗健康',
  '垃圾分类',
] as const
export type TeamCategory = (typeof TEAM_CATEGORIES)[number]

/** One file made by export.create, kept a day (EXPORT_TTL_HOURS) for the person who asked for it only. */
export interface ExportRecord {
  id: string
  /** the user who made it: the only one who may download it */
  ownerId: string
  kind: ExportKind
  format: ExportFormat
  unitId: string
  from: string
  to: string
  fileName: string
  /** where the file storage keeps it (a cloud fileID on WeChat, a file name in the data folder locally) */
  fileRef: string
  /** data rows written (for report14534: figures) */
  rows: number
  bytes: number
  createdAt: string
  expiresAt: string
}

/**
 * Why a period [from, to) cannot be exported, in Chinese, or null: reversed or empty, or longer than
 * EXPORT_MAX_YEARS calendar years (checked by the schema, so a refused period is never counted or read).
 */
export function exportPeriodProblem(from: string, to: string): string | null {
  const start = Date.parse(from)
  const end = Date.parse(to)
  if (!(start < end)) return '结束时间应晚于开始时间'
  const limit = new Date(start)
  limit.setUTCFullYear(limit.getUTCFullYear() + EXPORT_MAX_YEARS)
  if (end > limit.getTime()) return `导出时段不能超过${EXPORT_MAX_YEARS}年，请分段导出`
  return null
}
