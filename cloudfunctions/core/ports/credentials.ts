import type { Role, User } from '~types'

/**
 * Passwords and invites (sign-in for self-hosting, issue 13). Only the local host signs people in with a password
 * today; the port has both adapters so that a deployment may move. Every method is one round trip; one that writes
 * several records is atomic.
 */
export interface Credential {
  /** the mainland mobile number the person signs in with (one account per number) */
  phone: string
  userId: string
  /** the user's openid: the identity the functions are called with */
  openid: string
  /** `scrypt$N$r$p$salt$hash` (local/password.ts): the parameters travel with the hash */
  passwordHash: string
  createdAt: string
}

export interface Invite {
  /** normalised (types/rules.ts INVITE_ALPHABET), the record's key */
  code: string
  roles: Role[]
  /** the unit the roles apply to (a manager's or admin's managed unit) */
  orgUnitId: string
  /** a team the person joins as an active member */
  teamId: string | null
  createdBy: string
  createdAt: string
  expiresAt: string
  usedBy: string | null
  usedAt: string | null
}

export type RegisterRefusal = 'phoneTaken' | 'inviteUnknown' | 'inviteUsed' | 'inviteExpired'

export interface Registration {
  credential: Credential
  /** the new user (as a resident); inserted with the credential */
  user: User
  /** consumed by this registration (usedBy = user.id), exactly once whatever runs in parallel */
  inviteCode?: string
  now: string
}

export type RegisterResult = { ok: true; user: User; invite: Invite | null } | { ok: false; refused: RegisterRefusal }

export interface CredentialStore {
  getCredential(phone: string): Promise<Credential | null>
  /**
   * Atomically, all or nothing: the phone has no credential yet, the invite (when given) exists, is unused and not
   * expired at `now`; then the invite is marked used by the user, the user and the credential are inserted.
   */
  register(registration: Registration): Promise<RegisterResult>
  /**
   * Inserts the invite. With `requestKey` (person, action and requestId), the same key again returns the invite
   * made the first time instead of a new one.
   */
  createInvite(invite: Invite, requestKey?: string): Promise<Invite>
  getInvite(code: string): Promise<Invite | null>
}
