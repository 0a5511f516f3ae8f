import { CHINA_OFFSET_MS, chinaTime } from '~types/rules'

/** How far ahead a resident may choose a time (选择时间): today and the next days, this many in all. */
export const PICKER_DAYS = 60
/** The times of day offered in 选择时间 (China time), every hour from 8:00 to 19:00. */
export const PICKER_HOURS = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19] as const
/** 明天上午 and 明天下午 (China time). */
export const TOMORROW_MORNING_HOUR = 9
export const TOMORROW_AFTERNOON_HOUR = 15

export type WhenChoice = 'soon' | 'morning' | 'afternoon' | 'pick'
export const WHEN_LABELS: Record<WhenChoice, string> = { soon: '尽快', morning: '明天上午', afternoon: '明天下午', pick: '选择时间' }

/** A China-time calendar day: "2026-12-02". */
export type Day = string

const pad = (n: number) => String(n).padStart(2, '0')
const DAY_MS = 24 * 3600 * 1000

/** The China-time day of an instant, as "YYYY-MM-DD". */
export function dayOf(at: Date): Day {
  const t = chinaTime(at)
  return `${t.year}-${pad(t.month)}-${pad(t.day)}`
}

/** preferredAt for a China-time day and hour: ISO with the +08:00 offset, as the server asks. */
export function atChinaHour(day: Day, hour: number): string {
  return `${day}T${pad(hour)}:00:00+08:00`
}

/** The days 选择时间 offers: today (China time) and the next PICKER_DAYS − 1. */
export function pickerDays(now: Date): Day[] {
  return Array.from({ length: PICKER_DAYS }, (_, i) => dayOf(new Date(now.getTime() + i * DAY_MS)))
}

/** The hours of `day` still ahead of `now` (none in the past). */
export function hoursLeft(day: Day, now: Date): number[] {
  return PICKER_HOURS.filter((h) => Date.parse(atChinaHour(day, h)) > now.getTime())
}

/** The days that still have an hour to offer (today drops out in the evening). */
export function openDays(now: Date): Day[] {
  return pickerDays(now).filter((d) => hoursLeft(d, now).length > 0)
}

/** preferredAt of a quick choice: null for 尽快 (as soon as possible: no time asked for). */
export function preferredAtOf(choice: Exclude<WhenChoice, 'pick'>, now: Date): string | null {
  if (choice === 'soon') return null
  const tomorrow = dayOf(new Date(now.getTime() + DAY_MS))
  return atChinaHour(tomorrow, choice === 'morning' ? TOMORROW_MORNING_HOUR : TOMORROW_AFTERNOON_HOUR)
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

/** "12月2日 星期三" of a China-time day. */
export function dayLabel(day: Day): string {
  const t = new Date(Date.parse(`${day}T00:00:00Z`))
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${WEEKDAYS[t.getUTCDay()]}`
}

/** "12月2日 星期三 15:00" of a preferredAt (China time). */
export function whenLabel(iso: string): string {
  const t = chinaTime(iso)
  const day = `${t.year}-${pad(t.month)}-${pad(t.day)}`
  return `${dayLabel(day)} ${pad(t.hour)}:${pad(t.minute)}`
}

export { CHINA_OFFSET_MS }
