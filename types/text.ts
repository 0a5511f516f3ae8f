/**
 * Character and time-format rules of the input schemas (schemas.ts), kept apart so they can be tested and read on
 * their own. Plain functions over strings: no zod, no project imports.
 */

/**
 * Characters no text field accepts: NUL, and the bidirectional controls that can make a name or an address read
 * differently from what is stored (U+200E/U+200F marks, U+202A–U+202E embeddings and overrides, U+2066–U+2069
 * isolates).
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this refuses
const UNSAFE = /[\u0000\u200E\u200F\u202A-\u202E\u2066-\u2069]/u

/** Whitespace and the invisible characters that alone make no name: zero-width space/joiners, BOM, word joiner. */
const INVISIBLE = /[\s\u200B-\u200D\uFEFF\u2060]/gu

export const hasUnsafeChar = (s: string): boolean => UNSAFE.test(s)

/** At least one character that shows: a name made only of spaces or zero-width characters is no name. */
export const hasVisibleChar = (s: string): boolean => s.replace(INVISIBLE, '').length > 0

/**
 * ISO 8601 date and time with a time-zone offset or Z, e.g. 2026-03-02T09:00:00+08:00 or 2026-03-02T01:00:00.000Z
 * (seconds and fractions optional, four-digit year, a real calendar day and time).
 */
const ZONED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/

/** The instant of a zoned ISO 8601 time (ms since the epoch), or null when it is not one (formats and dates alike). */
export function parseZonedTime(s: string): number | null {
  const m = ZONED.exec(s)
  if (!m) return null
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((x) => (x === undefined ? undefined : Number(x))) as number[]
  const local = new Date(Date.UTC(year, month - 1, day, hour, minute, second))
  // Date.UTC rolls 2026-02-31 over into March: a day, hour or minute out of range does not survive the round trip
  const real =
    local.getUTCFullYear() === year &&
    local.getUTCMonth() === month - 1 &&
    local.getUTCDate() === day &&
    local.getUTCHours() === hour &&
    local.getUTCMinutes() === minute &&
    local.getUTCSeconds() === second
  if (!real || year < 1000) return null
  if (m[7] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return null
  const ms = Date.parse(s)
  return Number.isNaN(ms) ? null : ms
}
