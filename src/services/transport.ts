/**
 * The one place that knows how a call reaches a cloud function:
 * - weapp: Taro.cloud.callFunction, identity comes from WeChat;
 * - h5:    POST {API_BASE}/api/<fn> on the local host, identity from the Bearer token.
 * Both answer with the envelope `{ ok: true, data } | { ok: false, error: { code, message } }`.
 */
import Taro from '@tarojs/taro'
import type { ApiResponse } from '~types/api'
import type { ActionInput, ActionName, FunctionName } from '~types/schemas'
import { DEFAULT_ERROR_MESSAGES, type ErrorCode } from '~types/errors'
import { getToken } from './auth'

export type ApiCallErrorCode = ErrorCode | 'NETWORK'

export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试'

export class ApiCallError extends Error {
  readonly code: ApiCallErrorCode

  constructor(code: ApiCallErrorCode, message: string) {
    super(message)
    this.name = 'ApiCallError'
    this.code = code
    Object.setPrototypeOf(this, ApiCallError.prototype)
  }
}

/** Any thrown value as an ApiCallError, so callers always have a code and a message fit for users. */
export function toApiCallError(err: unknown): ApiCallError {
  if (err instanceof ApiCallError) return err
  return new ApiCallError('INTERNAL', DEFAULT_ERROR_MESSAGES.INTERNAL)
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && code in DEFAULT_ERROR_MESSAGES
}

/** The error carried by an `{ ok: false }` envelope, or INTERNAL when the body is not an envelope. */
export function errorFromBody(body: unknown): ApiCallError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error
  if (error && isErrorCode(error.code)) {
    const message = typeof error.message === 'string' && error.message ? error.message : DEFAULT_ERROR_MESSAGES[error.code]
    return new ApiCallError(error.code, message)
  }
  return new ApiCallError('INTERNAL', DEFAULT_ERROR_MESSAGES.INTERNAL)
}

function unwrap<T>(body: unknown): T {
  if (body && typeof body === 'object' && (body as { ok?: unknown }).ok === true) {
    return (body as { data: T }).data
  }
  throw errorFromBody(body)
}

export interface HttpResult {
  status: number
  ok: boolean
  body: unknown
}

/** H5 only: one JSON request to the local host. A failed connection becomes NETWORK. */
export async function requestJson(path: string, init: { method: 'GET' | 'POST'; body?: unknown; token?: string }): Promise<HttpResult> {
  const headers: Record<string, string> = {}
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.token) headers.authorization = 'Bearer ' + init.token
  let res: Response
  try {
    res = await fetch(API_BASE + path, {
      method: init.method,
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    })
  } catch {
    throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
  }
  let body: unknown = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  return { status: res.status, ok: res.ok, body }
}

/** Call one action of one cloud function and return its data; throws ApiCallError on `{ ok: false }`. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: ActionInput<F, A>,
): Promise<ApiResponse<F, A>> {
  const data = { action, ...(payload as object) }
  if (process.env.TARO_ENV === 'weapp') {
    let result: unknown
    try {
      const res = await Taro.cloud.callFunction({ name: fn, data })
      result = res.result
    } catch {
      throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
    }
    return unwrap<ApiResponse<F, A>>(result)
  }
  const res = await requestJson('/api/' + fn, { method: 'POST', body: data, token: getToken() })
  return unwrap<ApiResponse<F, A>>(res.body)
}
