import type { Credential, CredentialStore, Invite, Registration, RegisterResult } from '~core/ports'
import { type Database, one, parseDoc, prepareAll, writeTx } from './db'
import { userRows } from './users'

export const CREDENTIALS_SQL = {
  credentialByPhone: `SELECT doc FROM credentials WHERE phone = @phone`,
  insertCredential: `INSERT INTO credentials (phone, user_id, doc) VALUES (@phone, @userId, @doc)`,
  inviteByCode: `SELECT doc FROM invites WHERE code = @code`,
  inviteByRequest: `SELECT doc FROM invites WHERE request_key = @requestKey`,
  insertInvite: `INSERT INTO invites (code, request_key, doc) VALUES (@code, @requestKey, @doc) ON CONFLICT DO NOTHING`,
  useInvite: `UPDATE invites SET doc = @doc WHERE code = @code AND json_extract(doc, '$.usedBy') IS NULL`,
}

export function createCredentialStore(db: Database.Database): CredentialStore {
  const s = prepareAll(db, CREDENTIALS_SQL)
  const users = userRows(db)
  const invite = (code: string) => parseDoc<Invite>(one(s.inviteByCode, { code }))

  // one IMMEDIATE transaction: parallel registrations with one phone or one invite are decided one after another
  const register = writeTx(db, (r: Registration): RegisterResult => {
    if (one(s.credentialByPhone, { phone: r.credential.phone })) return { ok: false, refused: 'phoneTaken' }
    let used: Invite | null = null
    if (r.inviteCode !== undefined) {
      const found = invite(r.inviteCode)
      if (!found) return { ok: false, refused: 'inviteUnknown' }
      if (found.usedBy !== null) return { ok: false, refused: 'inviteUsed' }
      if (Date.parse(found.expiresAt) <= Date.parse(r.now)) return { ok: false, refused: 'inviteExpired' }
      used = { ...found, usedBy: r.user.id, usedAt: r.now }
      s.useInvite.run({ code: found.code, doc: JSON.stringify(used) })
    }
    if (!users.insert(r.user)) throw new Error(`register: user ${r.user.id} exists`)
    const c = r.credential
    s.insertCredential.run({ phone: c.phone, userId: c.userId, doc: JSON.stringify(c) })
    return { ok: true, user: r.user, invite: used }
  })

  const createInvite = writeTx(db, (inv: Invite, requestKey: string | undefined): Invite => {
    if (requestKey !== undefined) {
      const earlier = parseDoc<Invite>(one(s.inviteByRequest, { requestKey }))
      if (earlier) return earlier
    }
    if (s.insertInvite.run({ code: inv.code, requestKey: requestKey ?? null, doc: JSON.stringify(inv) }).changes === 0) {
      throw new Error(`createInvite: code ${inv.code} exists`)
    }
    return inv
  })

  return {
    async getCredential(phone) {
      return parseDoc<Credential>(one(s.credentialByPhone, { phone }))
    },
    async register(registration) {
      return register(registration)
    },
    async createInvite(inv, requestKey) {
      return createInvite(inv, requestKey)
    },
    async getInvite(code) {
      return invite(code)
    },
  }
}
