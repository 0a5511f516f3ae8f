import { CHINA_OFFSET_MS, chinaTime } from '~types'

/** Months and years as counties count them: China Standard Time (UTC+8), as ISO ranges [from, to). */

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const from = new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS)
  const to = new Date(Date.UTC(y, m, 1) - CHINA_OFFSET_MS)
  return { from: from.toISOString(), to: to.toISOString() }
}

export function currentMonth(now: Date): string {
  const { year, month } = chinaTime(now)
  return `${year}-${String(month).padStart(2, '0')}`
}

/** The calendar year of `now`. */
export function yearRange(now: Date): { from: string; to: string } {
  const year = Number(currentMonth(now).slice(0, 4))
  return { from: monthRange(`${year}-01`).from, to: monthRange(`${year + 1}-01`).from }
}
