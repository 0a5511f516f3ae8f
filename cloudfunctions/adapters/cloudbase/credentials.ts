import type { Credential, CredentialStore, Invite, RegisterResult } from '~core/ports'
import { abort, body, type Conn, fromDoc, sdk } from './db'

/** The document that remembers which invite a requestKey made (in `invites`, beside the invites: `req:<key>`). */
const requestDocId = (requestKey: string) => `req:${requestKey}`

/**
 * Credentials (`credentials`, `_id` = the phone number) and invites (`invites`, `_id` = the code). Everything is read
 * and written by `_id`, so no query needs an index.
 */
export function createCredentialStore(c: Conn): CredentialStore {
  const asInvite = (doc: Record<string, unknown>) => {
    const { id, ...rest } = fromDoc<Invite & { id: string }>(doc)
    return { ...rest, code: id } as Invite
  }
  const asCredential = (doc: Record<string, unknown>) => {
    const { id, ...rest } = fromDoc<Credential & { id: string }>(doc)
    return { ...rest, phone: id } as Credential
  }

  return {
    async getCredential(phone) {
      const doc = await c.getDoc('credentials', phone)
      return doc ? asCredential(doc) : null
    },

    /**
     * One transaction (start, a read of the credential, of the invite, its update, two inserts, commit): it reads
     * what it decides on, so a parallel registration with the same phone or invite conflicts and runs again on what
     * the winner wrote.
     */
    async register(r) {
      const { phone, ...credential } = r.credential
      return c.runTx<RegisterResult>(async (t) => {
        if (await c.txGet(t, 'credentials', phone)) return abort(t, { ok: false, refused: 'phoneTaken' })
        let used: Invite | null = null
        if (r.inviteCode !== undefined) {
          const doc = await c.txGet(t, 'invites', r.inviteCode)
          if (!doc) return abort(t, { ok: false, refused: 'inviteUnknown' })
          const found = asInvite(doc)
          if (found.usedBy !== null) return abort(t, { ok: false, refused: 'inviteUsed' })
          if (Date.parse(found.expiresAt) <= Date.parse(r.now)) return abort(t, { ok: false, refused: 'inviteExpired' })
          used = { ...found, usedBy: r.user.id, usedAt: r.now }
          await sdk(t.collection('invites').doc(found.code).update({ data: { usedBy: r.user.id, usedAt: r.now } }))
        }
        await sdk(t.collection('users').doc(r.user.id).set({ data: body(r.user) }))
        await sdk(t.collection('credentials').doc(phone).set({ data: credential }))
        return { ok: true, user: r.user, invite: used }
      })
    },

    /**
     * Without a requestKey one insert. With one, the invite is first recorded under the key (an insert that fails on
     * a duplicate `_id`: the key was used before, and that invite is the answer), then inserted itself; a crash in
     * between is mended by the retry, which finds the record and inserts the invite it names.
     */
    async createInvite(invite, requestKey) {
      const { code, ...rest } = invite
      if (requestKey !== undefined) {
        const marker = { id: requestDocId(requestKey), kind: 'request', invite }
        if (!(await c.insert('invites', marker))) {
          const doc = await c.getDoc('invites', requestDocId(requestKey))
          const earlier = (doc as { invite?: Invite } | null)?.invite
          if (!earlier) throw new Error(`createInvite: request record ${requestKey} without its invite`)
          const { code: earlierCode, ...earlierRest } = earlier
          await c.insert('invites', { id: earlierCode, ...earlierRest })
          return earlier
        }
      }
      if (!(await c.insert('invites', { id: code, ...rest }))) throw new Error(`createInvite: code ${code} exists`)
      return invite
    },

    async getInvite(code) {
      const doc = await c.getDoc('invites', code)
      return doc && (doc as { kind?: unknown }).kind !== 'request' ? asInvite(doc) : null
    },
  }
}
