/**
 * Development login of the local host (H5 only, for local demos and tests). These endpoints exist only while the
 * local host runs with development login on; their answers are raw JSON, not envelopes, except on errors.
 * Nothing in a weapp build reaches this module: the login page only uses it under TARO_ENV === 'h5'.
 */
import type { Role } from '~types/domain'
import { ApiCallError, errorFromBody, requestJson } from './transport'

export interface DemoUser {
  openid: string
  name: string
  roles: Role[]
  orgUnitId: string | null
  teamIds: string[]
}

const DEV_LOGIN_OFF = '本地服务没有开启开发登录'

function failure(status: number, body: unknown): ApiCallError {
  const error = errorFromBody(body)
  // a 404 without an envelope: the route itself is missing, so development login is off
  if (status === 404 && error.code === 'INTERNAL') return new ApiCallError('NOT_FOUND', DEV_LOGIN_OFF)
  return error
}

export async function listDemoUsers(): Promise<DemoUser[]> {
  const res = await requestJson('/api/dev/users', { method: 'GET' })
  if (!res.ok || !Array.isArray(res.body)) throw failure(res.status, res.body)
  return res.body as DemoUser[]
}

export async function devLogin(openid: string): Promise<{ token: string }> {
  const res = await requestJson('/api/dev/login', { method: 'POST', body: { openid } })
  const token = (res.body as { token?: unknown } | null)?.token
  if (!res.ok || typeof token !== 'string') throw failure(res.status, res.body)
  return { token }
}
