/** Months and years as counties count them: China Standard Time (UTC+8), as ISO ranges [from, to). */
const CHINA_OFFSET_MS = 8 * 3600 * 1000

export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number)
  const from = new Date(Date.UTC(y, m - 1, 1) - CHINA_OFFSET_MS)
  const to = new Date(Date.UTC(y, m, 1) - CHINA_OFFSET_MS)
  return { from: from.toISOString(), to: to.toISOString() }
}

export function currentMonth(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 7)
}

/** The calendar year of `now`. */
export function yearRange(now: Date): { from: string; to: string } {
  const year = Number(currentMonth(now).slice(0, 4))
  return { from: monthRange(`${year}-01`).from, to: monthRange(`${year + 1}-01`).from }
}
