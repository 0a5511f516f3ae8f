import type { Session, SessionStore } from '~core/ports'
import { type Database, one, parseDoc, prepareAll } from './db'

export const SESSIONS_SQL = {
  sessionById: `SELECT doc FROM sessions WHERE id = @id`,
  insertSession: `INSERT INTO sessions (id, doc) VALUES (@id, @doc) ON CONFLICT (id) DO NOTHING`,
  revokeSession: `
    UPDATE sessions SET doc = json_set(doc, '$.revokedAt', @at)
    WHERE id = @id AND json_extract(doc, '$.revokedAt') IS NULL`,
}

export function createSessionStore(db: Database.Database): SessionStore {
  const s = prepareAll(db, SESSIONS_SQL)
  return {
    async createSession(session) {
      s.insertSession.run({ id: session.id, doc: JSON.stringify(session) })
      return session
    },
    async getSession(id) {
      return parseDoc<Session>(one(s.sessionById, { id }))
    },
    async revokeSession(id, at) {
      return s.revokeSession.run({ id, at }).changes > 0
    },
  }
}
