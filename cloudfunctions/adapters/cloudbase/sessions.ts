import type { Session, SessionStore } from '~core/ports'
import { type Conn, fromDoc, sdk } from './db'

/** Sessions (`sessions`, `_id` = the session id): a read by `_id` per request, a conditional update to revoke. */
export function createSessionStore(c: Conn): SessionStore {
  return {
    async createSession(session) {
      if (!(await c.insert('sessions', session))) throw new Error(`createSession: ${session.id} exists`)
      return session
    },
    async getSession(id) {
      const doc = await c.getDoc('sessions', id)
      return doc ? fromDoc<Session>(doc) : null
    },
    async revokeSession(id, at) {
      const res = await sdk(c.col('sessions').where({ _id: id, revokedAt: null }).update({ data: { revokedAt: at } }))
      return res.stats.updated > 0
    },
  }
}
