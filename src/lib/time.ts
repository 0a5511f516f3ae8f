import dayjs from 'dayjs'
import relativeTime from 'dayjs/plugin/relativeTime'
import 'dayjs/locale/zh-cn'
import { chinaTime } from '~types/rules'

dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

/** "3分钟前", "2天前": how long ago, in Chinese. */
export function fromNow(iso: string, now: Date = new Date()): string {
  // dayjs writes "3 分钟前"; Chinese sets no space there
  return dayjs(iso).from(now).replace(/\s+/g, '')
}

const twoDigits = (n: number) => String(n).padStart(2, '0')

/**
 * "11月22日 14:30" in China time, whatever the phone's own zone (the year only when it is not this year in China):
 * the county counts its days by Beijing's clock, and the server's texts and figures do too.
 */
export function formatTime(iso: string, now: Date = new Date()): string {
  const t = chinaTime(iso)
  const clock = `${t.month}月${t.day}日 ${twoDigits(t.hour)}:${twoDigits(t.minute)}`
  return t.year === chinaTime(now).year ? clock : `${t.year}年${clock}`
}

/** "2026-12-02": the China-time calendar day of an instant (when a service was done, on the 公示栏). */
export function calendarDay(iso: string): string {
  const t = chinaTime(iso)
  return `${t.year}-${twoDigits(t.month)}-${twoDigits(t.day)}`
}

/** How long something has waited: "等待3小时", "等待2天". */
export function waited(iso: string, now: Date = new Date()): string {
  const minutes = Math.max(0, dayjs(now).diff(dayjs(iso), 'minute'))
  if (minutes < 60) return `等待${minutes}分钟`
  if (minutes < 48 * 60) return `等待${Math.floor(minutes / 60)}小时`
  return `等待${Math.floor(minutes / 1440)}天`
}

export { dayjs }

/** "09:30" in China time: when someone checked in or out. */
export function clockTime(iso: string): string {
  const t = chinaTime(iso)
  return `${twoDigits(t.hour)}:${twoDigits(t.minute)}`
}
