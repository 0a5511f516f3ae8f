import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/**
 * Development-login tokens for the local host: the openid, signed with this host's secret.
 * On WeChat Cloud there are no tokens: the platform tells each function who is calling.
 */
export function createTokenSigner(secret: string = randomBytes(32).toString('hex')) {
  const sign = (payload: string) => createHmac('sha256', secret).update(payload).digest('base64url')
  return {
    issue(openid: string): string {
      const payload = Buffer.from(openid, 'utf8').toString('base64url')
      return `${payload}.${sign(payload)}`
    },
    /** The openid inside a valid token, or null. */
    verify(token: string): string | null {
      const [payload, signature, extra] = token.split('.')
      if (!payload || !signature || extra !== undefined) return null
      const expected = Buffer.from(sign(payload))
      const given = Buffer.from(signature)
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null
      return Buffer.from(payload, 'base64url').toString('utf8')
    },
  }
}
export type TokenSigner = ReturnType<typeof createTokenSigner>

/**
 * Who an Authorization header names: `anonymous` when there is none, `invalid` when it is not a valid
 * `Bearer <token>` of this host, else the openid.
 */
export function bearerIdentity(
  signer: TokenSigner,
  header: string | undefined,
): { kind: 'anonymous' } | { kind: 'invalid' } | { kind: 'user'; openid: string } {
  if (!header) return { kind: 'anonymous' }
  const token = /^Bearer (.+)$/.exec(header)?.[1]
  const openid = token ? signer.verify(token) : null
  return openid ? { kind: 'user', openid } : { kind: 'invalid' }
}
