import type { Page } from '~types'
import { AppError } from '~core/errors'

/** A keyset position: the sort key of the last item of a page and its id (the tie-breaker). */
export interface Key {
  at: string
  id: string
}

/** Starting positions: every key is above LOW and below HIGH (keys are ISO times and ids, so plain ASCII). */
export const LOW: Key = { at: '', id: '' }
export const HIGH: Key = { at: '\u{10FFFF}', id: '' }

export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify([key.at, key.id]), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string | undefined, start: Key): Key {
  if (cursor === undefined || cursor === '') return start
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = null
  }
  if (!Array.isArray(parsed) || parsed.length !== 2 || !parsed.every((x) => typeof x === 'string')) {
    // a cursor comes back from the client, so a bad one is the caller's input, not our fault
    throw new AppError('INVALID_INPUT', '翻页参数有误')
  }
  return { at: parsed[0], id: parsed[1] }
}

export function keyParams(key: Key): { afterAt: string; afterId: string } {
  return { afterAt: key.at, afterId: key.id }
}

/** Turns up to limit+1 fetched items into a page: the extra item only tells that another page exists. */
export function toPage<T>(items: T[], keys: Key[], limit: number): Page<T> {
  if (items.length <= limit) return { items, nextCursor: null }
  return { items: items.slice(0, limit), nextCursor: encodeCursor(keys[limit - 1]) }
}

export function compareKeys(a: Key, b: Key): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1
  if (a.id !== b.id) return a.id < b.id ? -1 : 1
  return 0
}
