/**
 * Sign-in sessions of the local host (issue 13): a token names its session, and every request reads it (one read by
 * key), so a logout takes effect at once. Every method is one round trip.
 */
export interface Session {
  /** random, in the token (local/auth.ts) */
  id: string
  userId: string
  openid: string
  createdAt: string
  expiresAt: string
  revokedAt: string | null
  /** what the browser said it is (User-Agent, cut short): for the audit log's "a new device" */
  device: string
}

export interface SessionStore {
  createSession(session: Session): Promise<Session>
  getSession(id: string): Promise<Session | null>
  /** Marks the session revoked at `at`; false when there was none or it was revoked already. */
  revokeSession(id: string, at: string): Promise<boolean>
}
