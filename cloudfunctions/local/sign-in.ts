import { createHash, randomBytes } from 'node:crypto'
import { SIGN_IN } from '~core/config'
import { AppError, fail } from '~core/errors'
import type { Invite, RegisterRefusal, Session } from '~core/ports'
import { signInFailureRules } from '~core/rate-limits'
import { recordSignIn } from '~functions/shared/audit'
import type { Deps } from '~functions/shared/deps'
import { keyedId } from '~functions/shared/ids'
import { createKeyedQueue } from '~functions/shared/keyed-queue'
import { applyRoleGrant, joinTeam } from '~usecases/grants'
import { DEFAULT_ERROR_MESSAGES, type ErrorCode, SIGN_IN_FIELDS, signInSchemas, type SignInAnswer, type SignInField, type User } from '~types'
import { readBearer, type TokenSigner } from './auth'
import { dummyHash, hashPassword, verifyPassword } from './password'

/** A refusal about one field of the form (its error carries `field`, so the page shows it beside that field). */
export class FieldRefusal extends AppError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly field: SignInField,
  ) {
    super(code, message)
  }
}

function refuseField(code: ErrorCode, message: string, field: SignInField): never {
  throw new FieldRefusal(code, message, field)
}

/** The one answer to a wrong phone number and to a wrong password alike. */
export const WRONG_CREDENTIALS = '手机号或密码不正确'
export const SESSION_INVALID = '登录已失效，请重新登录'
export const PHONE_TAKEN = '该手机号已注册，请直接登录'

const INVITE_REFUSALS: Record<Exclude<RegisterRefusal, 'phoneTaken'>, [code: 'INVALID_INPUT' | 'CONFLICT', message: string]> = {
  inviteUnknown: ['INVALID_INPUT', '邀请码不正确，请核对后重新输入'],
  inviteUsed: ['CONFLICT', '邀请码已被使用，请联系邀请人重新生成'],
  inviteExpired: ['INVALID_INPUT', '邀请码已过期，请联系邀请人重新生成'],
}

function refuse(refused: RegisterRefusal): never {
  if (refused === 'phoneTaken') refuseField('CONFLICT', PHONE_TAKEN, 'phone')
  const [code, message] = INVITE_REFUSALS[refused as Exclude<RegisterRefusal, 'phoneTaken'>]
  return refuseField(code, message, 'invite')
}

/** Why an invite as read cannot be used at `now`, or null when it can (the register write decides for good). */
function inviteRefusalAt(invite: Invite | null, now: string): RegisterRefusal | null {
  if (!invite) return 'inviteUnknown'
  if (invite.usedBy !== null) return 'inviteUsed'
  if (Date.parse(invite.expiresAt) <= Date.parse(now)) return 'inviteExpired'
  return null
}

type Issue = { message: string; path: PropertyKey[] }

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } } }, body: unknown): T {
  const parsed = schema.safeParse(body ?? {})
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const message = issue?.message ?? DEFAULT_ERROR_MESSAGES.INVALID_INPUT
  const field = SIGN_IN_FIELDS.find((f) => f === issue?.path[0])
  throw field ? new FieldRefusal('INVALID_INPUT', message, field) : new AppError('INVALID_INPUT', message)
}

/**
 * Every sign-in (registration and login with a password), once the session exists: a device this person has not
 * signed in from before goes into the audit log (one insert-if-absent; the key is a hash of what the device sent).
 */
export async function onSignedIn(deps: Deps, user: User, device: string, at: string): Promise<void> {
  const key = createHash('sha256').update(device).digest('base64url').slice(0, 22)
  await recordSignIn(deps, user, { key, label: device.slice(0, 80) || '未知设备' }, at)
}

/** Who a request is, after its token and (for a session token) its session were checked. */
export type Caller = { kind: 'anonymous' } | { kind: 'invalid' } | { kind: 'user'; openid: string; session: Session | null }

export interface SignInOptions {
  /** a session lasts this many days (SIDAN_SESSION_DAYS; default SIGN_IN.sessionDays) */
  sessionDays?: number
  /** development-login tokens are honoured only while it is on */
  devLogin: boolean
}

/**
 * The local host's sign-in (issue 13): register and log in with a mainland mobile number and a password, log out,
 * and the check of every request's token. Identity in the functions stays an openid: a registered person gets one of
 * their own (`pw_…`), and the functions never learn how they signed in.
 */
export function createSignIn(deps: Deps, signer: TokenSigner, opts: SignInOptions) {
  const sessionMs = (opts.sessionDays ?? SIGN_IN.sessionDays) * 24 * 3600 * 1000
  // logins of one phone number take turns in this process, so parallel wrong guesses are counted one after another
  // and the sixth is refused, however many arrive at once
  const perPhone = createKeyedQueue()

  async function startSession(user: Pick<User, 'id' | 'openid'>, device: string, now: string): Promise<SignInAnswer> {
    const session: Session = {
      id: randomBytes(18).toString('base64url'),
      userId: user.id,
      openid: user.openid,
      createdAt: now,
      expiresAt: new Date(Date.parse(now) + sessionMs).toISOString(),
      revokedAt: null,
      device,
    }
    await deps.sessions.createSession(session)
    return { token: signer.issueSession(session.id), expiresAt: session.expiresAt }
  }

  /** The invite's roles (through applyRoleGrant) and team (through joinTeam), as its inviter asked. */
  async function applyInvite(user: User, invite: Invite, now: string): Promise<User> {
    let current = user
    const [inviter] = await deps.users.getUsers([invite.createdBy])
    for (const role of invite.roles) {
      const author = { by: inviter ?? user, auditId: keyedId('audit', invite.code, role), at: now }
      current = await applyRoleGrant(deps, { userId: user.id, role, revoke: false, unitId: invite.orgUnitId }, author)
    }
    if (invite.teamId !== null) {
      const [team] = await deps.catalog.listTeams({ ids: [invite.teamId] })
      if (team) await joinTeam(deps, team, current, invite.createdBy, now)
    }
    return current
  }

  return {
    /**
     * A new person: a resident of the station chosen, or with an invite, also the roles it carries. Every refusal
     * (bad input, a phone with an account, an unknown, used or expired invite) leaves the store as it was: the checks
     * read first, and the one write that creates the account (CredentialStore.register) decides again atomically.
     */
    async register(body: unknown, device: string): Promise<SignInAnswer> {
      const input = parse(signInSchemas.register, body)
      const now = deps.clock().toISOString()
      const station = await deps.catalog.getUnit(input.orgUnitId)
      if (!station || station.level !== 'station') refuseField('INVALID_INPUT', '请选择所在的新时代文明实践站', 'orgUnitId')
      if (await deps.credentials.getCredential(input.phone)) refuse('phoneTaken')
      if (input.invite !== undefined) {
        const refused = inviteRefusalAt(await deps.credentials.getInvite(input.invite), now)
        if (refused) refuse(refused)
      }
      const openid = `pw_${randomBytes(12).toString('hex')}`
      const user: User = {
        id: keyedId('u', openid),
        openid,
        name: input.name,
        phone: input.phone,
        roles: ['resident'],
        orgUnitId: station.id,
        unitPath: station.path,
        managedUnitId: null,
        teamIds: [],
        createdAt: now,
      }
      const passwordHash = await hashPassword(input.password)
      const result = await deps.credentials.register({
        credential: { phone: input.phone, userId: user.id, openid, passwordHash, createdAt: now },
        user,
        ...(input.invite !== undefined ? { inviteCode: input.invite } : {}),
        now,
      })
      if (!result.ok) refuse(result.refused)
      const signedUp = result.invite ? await applyInvite(result.user, result.invite, now) : result.user
      const answer = await startSession(signedUp, device, now)
      await onSignedIn(deps, signedUp, device, now)
      return answer
    },

    /**
     * Phone and password → a new session. A wrong phone and a wrong password get the same answer after the same work
     * (a dummy hash is checked for an unknown phone); both count toward the phone's failures, and once it holds
     * SIGN_IN.failuresPerWindow in its window every login of that phone is refused (RATE_LIMITED, saying when to try
     * again) and changes nothing.
     */
    async login(body: unknown, device: string): Promise<SignInAnswer> {
      const input = parse(signInSchemas.login, body)
      return perPhone(input.phone, async () => {
        const now = deps.clock().toISOString()
        const rules = signInFailureRules(input.phone, now)
        const checked = await deps.rateLimits.hit([rules.check.bucket])
        if (!checked.allowed) fail('RATE_LIMITED', rules.check.message)
        const credential = await deps.credentials.getCredential(input.phone)
        const matches = await verifyPassword(input.password, credential?.passwordHash ?? (await dummyHash()))
        if (!credential || !matches) {
          await deps.rateLimits.hit([rules.count])
          fail('UNAUTHENTICATED', WRONG_CREDENTIALS)
        }
        const user = await deps.users.getUserByOpenid(credential.openid)
        if (!user) fail('UNAUTHENTICATED', WRONG_CREDENTIALS)
        const answer = await startSession(user, device, now)
        await onSignedIn(deps, user, device, now)
        return answer
      })
    },

    /** Revokes the session the token names (nothing to do for none, or one revoked already). */
    async logout(header: string | undefined): Promise<void> {
      const bearer = readBearer(signer, header)
      if (bearer.kind === 'session') await deps.sessions.revokeSession(bearer.sessionId, deps.clock().toISOString())
    },

    /**
     * The caller of a request: a session token is honoured while its session exists, is not revoked and has not
     * expired (one read by key: a logout takes effect at the next request); a development-login token only while
     * development login is on. Roles are never in a token: every function reads the person's record, so a role
     * granted or revoked counts from the next request.
     */
    async resolve(header: string | undefined): Promise<Caller> {
      const bearer = readBearer(signer, header)
      if (bearer.kind === 'anonymous' || bearer.kind === 'invalid') return bearer
      if (bearer.kind === 'dev') return opts.devLogin ? { kind: 'user', openid: bearer.openid, session: null } : { kind: 'invalid' }
      const session = await deps.sessions.getSession(bearer.sessionId)
      const live = session !== null && session.revokedAt === null && Date.parse(session.expiresAt) > deps.clock().getTime()
      return live ? { kind: 'user', openid: session.openid, session } : { kind: 'invalid' }
    },
  }
}
export type SignIn = ReturnType<typeof createSignIn>
