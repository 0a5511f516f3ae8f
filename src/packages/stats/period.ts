import { chinaTime } from '~types/rules'

export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom'

export const PERIOD_LABELS: Record<PeriodKind, string> = { month: '本月', quarter: '本季度', year: '本年', custom: '自定义' }

const pad = (n: number) => String(n).padStart(2, '0')
/** Midnight China time of a calendar day, as the API takes it. */
export const dayAt = (y: number, m: number, d = 1) => {
  const year = y + Math.floor((m - 1) / 12)
  const month = ((((m - 1) % 12) + 12) % 12) + 1
  return `${year}-${pad(month)}-${pad(d)}T00:00:00+08:00`
}

/** The period [from, to) of a choice, in China time; a custom one from its two dates (the last day included). */
export function periodOf(kind: PeriodKind, now: Date, custom?: { from: string; to: string }): { from: string; to: string } {
  const { year, month } = chinaTime(now)
  if (kind === 'month') return { from: dayAt(year, month), to: dayAt(year, month + 1) }
  if (kind === 'quarter') {
    const first = Math.floor((month - 1) / 3) * 3 + 1
    return { from: dayAt(year, first), to: dayAt(year, first + 3) }
  }
  if (kind === 'year') return { from: dayAt(year, 1), to: dayAt(year + 1, 1) }
  const from = custom?.from ?? `${year}-${pad(month)}-01`
  const to = custom?.to ?? from
  const end = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000)
  return { from: `${from}T00:00:00+08:00`, to: `${end.toISOString().slice(0, 10)}T00:00:00+08:00` }
}

/** The China-time month `YYYY-MM` of an instant. */
export function monthOf(now: Date): string {
  const { year, month } = chinaTime(now)
  return `${year}-${pad(month)}`
}

/** The month `n` months after `month` (before, when n < 0). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number)
  return dayAt(y, m + n).slice(0, 7)
}

/** "2026年3月" */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return `${y}年${m}月`
}
