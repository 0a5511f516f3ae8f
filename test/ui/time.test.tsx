import { formatTime, fromNow, waited } from '~src/lib/time'

/** Times read in China time (UTC+8) whatever zone the phone, or this test run, is in. */
describe('time words', () => {
  const now = new Date('2026-06-01T04:00:00.000Z')

  it('formatTime writes the China-time date and clock, with the year only when it is another year', () => {
    expect(formatTime('2026-01-08T06:30:00.000Z', now)).toBe('1月8日 14:30')
    expect(formatTime('2030-05-01T01:30:00.000Z', now)).toBe('2030年5月1日 09:30')
  })

  it('formatTime turns the day over at midnight in China, not at midnight UTC', () => {
    expect(formatTime('2026-01-07T16:00:00.000Z', now)).toBe('1月8日 00:00')
    expect(formatTime('2026-01-07T15:59:00.000Z', now)).toBe('1月7日 23:59')
    // the last evening of 2025 in UTC is already 2026 in China
    expect(formatTime('2025-12-31T16:30:00.000Z', now)).toBe('1月1日 00:30')
  })

  it('fromNow and waited count the time between two instants', () => {
    expect(fromNow('2026-06-01T03:57:00.000Z', now)).toBe('3分钟前')
    expect(waited('2026-06-01T01:00:00.000Z', now)).toBe('等待3小时')
    expect(waited('2026-05-29T04:00:00.000Z', now)).toBe('等待3天')
  })
})
