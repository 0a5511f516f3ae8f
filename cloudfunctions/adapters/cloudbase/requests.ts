import type { RequestStore } from '~core/ports'
import { type Conn, sdk } from './db'

/**
 * Bound requests live in `requests` beside the transitions' answers (their keys name another action), one document
 * per key: `{ target, answered, response (JSON text), at }`. Binding is an insert by _id (a taken one is a retry or a
 * reuse: one read more); answering and releasing are conditional on `answered: false`.
 */
export function createRequestStore(c: Conn): RequestStore {
  return {
    async bindRequest(key, target, at) {
      const binding = { id: key, target, answered: false, at }
      if (await c.insert('requests', binding)) return { kind: 'new' }
      const stored = await c.getDoc('requests', key)
      if (!stored || stored.target !== target) return { kind: 'elsewhere' }
      if (stored.answered !== true) return { kind: 'retry', answered: false }
      return { kind: 'retry', answered: true, response: JSON.parse(String(stored.response)) }
    },
    async answerRequest(key, response) {
      const data = { answered: true, response: JSON.stringify(response ?? null) }
      await sdk(c.col('requests').where({ _id: key, answered: false }).update({ data }))
    },
    async releaseRequest(key) {
      await sdk(c.col('requests').where({ _id: key, answered: false }).remove())
    },
  }
}
