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

export type ApiCallErrorCode = ErrorCode | 'NETWORK' | 'TIMEOUT'

export const NETWORK_MESSAGE = '网络不给力，请检查网络后重试'

/** How long any call may take before the person is told and offered 重试 (H5 and weapp alike). */
export const REQUEST_TIMEOUT_MS = 15_000

export const TIMEOUT_MESSAGE = '网络太慢，15秒没有收到回复。请点“重试”，不会重复提交'

/** A write whose reply never came (no connection, or no answer in time): it may or may not have been done. */
export function isLostReply(err: unknown): boolean {
  return err instanceof ApiCallError && (err.code === 'NETWORK' || err.code === 'TIMEOUT')
}

/** `promise`, or TIMEOUT once REQUEST_TIMEOUT_MS have passed without it settling (then `onTimeout` runs). */
function withTimeout<T>(promise: Promise<T>, onTimeout?: () => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.()
      reject(new ApiCallError('TIMEOUT', TIMEOUT_MESSAGE))
    }, REQUEST_TIMEOUT_MS)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

export class ApiCallError extends Error {
  readonly code: ApiCallErrorCode
  /** order.place's likely duplicate: the open order it looks like */
  readonly duplicateOf?: string

  constructor(code: ApiCallErrorCode, message: string, details: { duplicateOf?: string } = {}) {
    super(message)
    this.name = 'ApiCallError'
    this.code = code
    if (details.duplicateOf) this.duplicateOf = details.duplicateOf
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
  const error = (body as { error?: { code?: unknown; message?: unknown; duplicateOf?: unknown } } | null)?.error
  if (error && isErrorCode(error.code)) {
    const message = typeof error.message === 'string' && error.message ? error.message : DEFAULT_ERROR_MESSAGES[error.code]
    return new ApiCallError(error.code, message, typeof error.duplicateOf === 'string' ? { duplicateOf: error.duplicateOf } : {})
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

/**
 * H5 only: one JSON request to the local host. A failed connection becomes NETWORK; no whole answer (headers and
 * body) within REQUEST_TIMEOUT_MS becomes TIMEOUT, and the request is called off (AbortController).
 */
export async function requestJson(path: string, init: { method: 'GET' | 'POST'; body?: unknown; token?: string }): Promise<HttpResult> {
  const headers: Record<string, string> = {}
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.token) headers.authorization = 'Bearer ' + init.token
  const abort = typeof AbortController === 'function' ? new AbortController() : null
  const exchange = async (): Promise<HttpResult> => {
    let res: Response
    try {
      res = await fetch(API_BASE + path, {
        method: init.method,
        headers,
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: abort?.signal,
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
  return withTimeout(exchange(), () => abort?.abort())
}

/** Call one action of one cloud function and return its data; throws ApiCallError on `{ ok: false }`. */
export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: ActionInput<F, A>,
): Promise<ApiResponse<F, A>> {
  const data = { action, ...(payload as object) }
  if (process.env.TARO_ENV === 'weapp') {
    const result = await withTimeout(
      Taro.cloud.callFunction({ name: fn, data }).then(
        (res) => res.result as unknown,
        () => {
          throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
        },
      ),
    )
    return unwrap<ApiResponse<F, A>>(result)
  }
  const res = await requestJson('/api/' + fn, { method: 'POST', body: data, token: getToken() })
  return unwrap<ApiResponse<F, A>>(res.body)
}

/**
 * Hands a made file (export.create's url) to the person. weapp: Taro.downloadFile from the temporary URL, then
 * Taro.openDocument with its menu (转发, 用其他应用打开), which opens xlsx but not csv; H5: fetched with the Bearer
 * token from the local host and saved under its Chinese name through a download link.
 */
export async function openDownload(url: string, fileName: string, fileType: 'xlsx' | 'pdf' = 'xlsx'): Promise<void> {
  if (process.env.TARO_ENV === 'weapp') {
    let filePath: string
    try {
      const res = await Taro.downloadFile({ url })
      if (res.statusCode !== 200) throw new Error(String(res.statusCode))
      filePath = res.tempFilePath
    } catch {
      throw new ApiCallError('NETWORK', '文件下载失败，请检查网络后重试')
    }
    try {
      await Taro.openDocument({ filePath, fileType, showMenu: true })
    } catch {
      throw new ApiCallError('INTERNAL', '无法打开文件，请在电脑上导出CSV')
    }
    return
  }
  let res: Response
  try {
    const token = getToken()
    res = await fetch(API_BASE + url, { headers: token ? { authorization: 'Bearer ' + token } : {} })
  } catch {
    throw new ApiCallError('NETWORK', NETWORK_MESSAGE)
  }
  if (!res.ok) {
    let body: unknown = null
    try {
      body = await res.json()
    } catch {
      body = null
    }
    throw errorFromBody(body)
  }
  const href = URL.createObjectURL(await res.blob())
  const link = document.createElement('a')
  link.href = href
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(href), 10_000)
}
