/** The periods the 导出 page offers, as China-time ranges [from, to) with the +08:00 offset the schema accepts. */

export const PERIOD_CHOICES = ['thisMonth', 'lastMonth', 'thisYear', 'custom'] as const
export type PeriodChoice = (typeof PERIOD_CHOICES)[number]

export const PERIOD_LABELS: Record<PeriodChoice, string> = {
  thisMonth: '本月',
  lastMonth: '上月',
  thisYear: '本年',
  custom: '自定义',
}

const CHINA_MS = 8 * 3600 * 1000
const pad = (n: number) => String(n).padStart(2, '0')
const midnight = (y: number, m: number, d = 1) => {
  const t = new Date(Date.UTC(y, m - 1, d))
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T00:00:00+08:00`
}

/** Today's date in China time, 2026-03-02 (what a date picker starts at). */
export function chinaToday(now: Date): string {
  const t = new Date(now.getTime() + CHINA_MS)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

/** The range of a choice; custom takes two picked dates (YYYY-MM-DD), both days included. */
export function periodOf(choice: PeriodChoice, now: Date, custom: { from: string; to: string }): { from: string; to: string } {
  const t = new Date(now.getTime() + CHINA_MS)
  const y = t.getUTCFullYear()
  const m = t.getUTCMonth() + 1
  switch (choice) {
    case 'thisMonth':
      return { from: midnight(y, m), to: midnight(y, m + 1) }
    case 'lastMonth':
      return { from: midnight(y, m - 1), to: midnight(y, m) }
    case 'thisYear':
      return { from: midnight(y, 1), to: midnight(y + 1, 1) }
    case 'custom': {
      const [fy, fm, fd] = custom.from.split('-').map(Number)
      const [ty, tm, td] = custom.to.split('-').map(Number)
      return { from: midnight(fy, fm, fd), to: midnight(ty, tm, td + 1) }
    }
  }
}
