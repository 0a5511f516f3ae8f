export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INSUFFICIENT_POINTS',
  'OUT_OF_STOCK',
  'RATE_LIMITED',
  'INTERNAL',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
  /** order.place's CONFLICT for a likely duplicate: the open order it looks like (send confirmDuplicate to place anyway) */
  duplicateOf?: string
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError }

export const DEFAULT_ERROR_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '提交的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_FOUND: '没有找到相关内容',
  CONFLICT: '情况已有变化，请刷新后再试',
  INSUFFICIENT_POINTS: '积分不足',
  OUT_OF_STOCK: '已经兑完了',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '系统繁忙，请稍后再试',
}

/** HTTP status the local host answers with for each code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INSUFFICIENT_POINTS: 422,
  OUT_OF_STOCK: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
}
