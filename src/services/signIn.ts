/**
 * The local host's own sign-in (H5 only): register or log in with a phone number and a password, log out, and which
 * sign-ins this host offers. Answers are envelopes; a refusal about one field of the form names it (`field`).
 * Nothing in a weapp build reaches this module: in WeChat the identity comes from WeChat.
 */
import { SIGN_IN_FIELDS, type SignInAnswer, type SignInField, type SignInMethods } from '~types/api'
import { getToken } from './auth'
import { ApiCallError, type ApiCallErrorCode, errorFromBody, requestJson } from './transport'

/** A refusal of register or login; `field` when it is about one field of the form. */
export class SignInError extends ApiCallError {
  readonly field: SignInField | null

  constructor(code: ApiCallErrorCode, message: string, field: SignInField | null) {
    super(code, message)
    this.name = 'SignInError'
    this.field = field
    Object.setPrototypeOf(this, SignInError.prototype)
  }
}

function fieldOf(body: unknown): SignInField | null {
  const field = (body as { error?: { field?: unknown } } | null)?.error?.field
  return SIGN_IN_FIELDS.find((f) => f === field) ?? null
}

async function send<T>(path: string, body?: unknown, token?: string): Promise<T> {
  const res = await requestJson(path, { method: body === undefined ? 'GET' : 'POST', body, token })
  const envelope = res.body as { ok?: unknown; data?: T } | null
  if (envelope?.ok === true) return envelope.data as T
  const error = errorFromBody(res.body)
  throw new SignInError(error.code, error.message, fieldOf(res.body))
}

export interface RegisterInput {
  phone: string
  password: string
  name: string
  orgUnitId: string
  invite?: string
}

export const signInMethods = () => send<SignInMethods>('/api/auth/methods')
export const register = (input: RegisterInput) => send<SignInAnswer>('/api/auth/register', input)
export const login = (input: { phone: string; password: string }) => send<SignInAnswer>('/api/auth/login', input)
/** Revokes this browser's session on the host (a development-login token has none: nothing to revoke). */
export const logout = () => send<Record<string, never>>('/api/auth/logout', {}, getToken())
