import { DEFAULT_ERROR_MESSAGES, type ErrorCode } from '~types'

/** A refusal the caller is meant to see: its message is Chinese and fit for a user's eyes. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_ERROR_MESSAGES[code],
    /** what the caller may act on beside the message (order.place's likely duplicate) */
    readonly details: { duplicateOf?: string } = {},
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** Refuses: a declaration returning never, so the compiler narrows after it (no `!` needed). */
export function fail(code: ErrorCode, message?: string): never {
  throw new AppError(code, message)
}
