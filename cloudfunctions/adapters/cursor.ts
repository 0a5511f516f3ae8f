import type { z } from 'zod'
import { AppError } from '~core/errors'

/**
 * The opaque position of a page, for both adapters: the sort values of the last item returned (its id last, the
 * tie-breaker), as base64url JSON. The caller only hands it back; each adapter checks the decoded shape with its schema.
 */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url')
}

/** The decoded position, or undefined for the first page (no cursor, or an empty one). */
export function decodeCursor<T>(cursor: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (cursor === undefined || cursor === '') return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  const checked = schema.safeParse(parsed)
  // a cursor comes back from the client, so a bad one is the caller's input, not our fault
  if (!checked.success) throw new AppError('INVALID_INPUT', '翻页参数有误')
  return checked.data
}

/** The least string above every string that starts with `prefix` (the end of a prefix range [prefix, end)). */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u{10FFFF}`
}
