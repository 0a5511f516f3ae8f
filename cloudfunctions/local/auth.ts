import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * The local host's tokens, signed with its secret (local/secret.ts; SIDAN_SECRET or generated once into the data
 * folder). Two kinds:
 * - a session token `s.<sessionId>.<signature>` (sign-in with phone and password): the session it names is read on
 *   every request, so it expires and can be revoked (local/sign-in.ts);
 * - a development-login token `<openid, base64url>.<signature>`: honoured only while development login is on.
 * On WeChat Cloud there are no tokens: the platform tells each function who is calling.
 */
export function createTokenSigner(secret: string = randomBytes(32).toString('hex')) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')
  const valid = (payload: string, signature: string) => {
    const expected = Buffer.from(sign(payload))
    const given = Buffer.from(signature)
    return expected.length === given.length && timingSafeEqual(expected, given)
  }
  return {
    /** A development-login token for this openid. */
    issue(openid: string): string {
      const payload = Buffer.from(openid, 'utf8').toString('base64url')
      return `${payload}.${sign(payload)}`
    },
    /** The openid inside a valid development-login token, or null. */
    verify(token: string): string | null {
      const [payload, signature, extra] = token.split('.')
      if (!payload || !signature || extra !== undefined || !valid(payload, signature)) return null
      return Buffer.from(payload, 'base64url').toString('utf8')
    },
    /** A session token naming this session. */
    issueSession(sessionId: string): string {
      return `s.${sessionId}.${sign(`session:${sessionId}`)}`
    },
    /** The session id inside a valid session token, or null. */
    verifySession(token: string): string | null {
      const [kind, sessionId, signature, extra] = token.split('.')
      if (kind !== 's' || !sessionId || !signature || extra !== undefined || !valid(`session:${sessionId}`, signature)) return null
      return sessionId
    },
  }
}
export type TokenSigner = ReturnType<typeof createTokenSigner>

/** What an Authorization header holds, before any session is read. */
export type Bearer =
  | { kind: 'anonymous' }
  | { kind: 'invalid' }
  | { kind: 'dev'; openid: string }
  | { kind: 'session'; sessionId: string }

/** `anonymous` without a header, `invalid` unless it is `Bearer <a token of this host>`. */
export function readBearer(signer: TokenSigner, header: string | undefined): Bearer {
  if (!header) return { kind: 'anonymous' }
  const token = /^Bearer (.+)$/.exec(header)?.[1]
  if (!token) return { kind: 'invalid' }
  const sessionId = signer.verifySession(token)
  if (sessionId) return { kind: 'session', sessionId }
  const openid = signer.verify(token)
  return openid ? { kind: 'dev', openid } : { kind: 'invalid' }
}
