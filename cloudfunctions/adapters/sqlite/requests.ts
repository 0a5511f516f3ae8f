import type { RequestBinding, RequestStore } from '~core/ports'
import { type Database, one, prepareAll, writeTx } from './db'

/**
 * Bound requests live in `requests` beside the transitions' answers (their keys name another action): the response
 * column holds the binding, `{ target, answered, response }` as JSON.
 */
export const BOUND_REQUESTS_SQL = {
  bindRequest: `INSERT INTO requests (key, response, at) VALUES (@key, @binding, @at) ON CONFLICT (key) DO NOTHING`,
  boundRequest: `SELECT response FROM requests WHERE key = @key`,
  answerRequest: `
    UPDATE requests SET response = json_set(response, '$.answered', json('true'), '$.response', json(@response))
    WHERE key = @key AND json_extract(response, '$.answered') = 0`,
  releaseRequest: `DELETE FROM requests WHERE key = @key AND json_extract(response, '$.answered') = 0`,
}

interface Bound {
  target: string
  answered: boolean
  response?: unknown
}

export function createRequestStore(db: Database.Database): RequestStore {
  const s = prepareAll(db, BOUND_REQUESTS_SQL)
  const bind = writeTx(db, (key: string, target: string, at: string): RequestBinding => {
    const binding = JSON.stringify({ target, answered: false } satisfies Bound)
    if (s.bindRequest.run({ key, binding, at }).changes > 0) return { kind: 'new' }
    const stored = JSON.parse(one<{ response: string }>(s.boundRequest, { key })!.response) as Partial<Bound>
    if (stored.target !== target) return { kind: 'elsewhere' }
    return stored.answered ? { kind: 'retry', answered: true, response: stored.response } : { kind: 'retry', answered: false }
  })
  return {
    async bindRequest(key, target, at) {
      return bind(key, target, at)
    },
    async answerRequest(key, response) {
      s.answerRequest.run({ key, response: JSON.stringify(response ?? null) })
    },
    async releaseRequest(key) {
      s.releaseRequest.run({ key })
    },
  }
}
