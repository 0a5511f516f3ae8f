/** The errors the fake rejects with, worded and coded as wx-server-sdk's (the adapter matches on both). */

export type SdkError = Error & { errCode: number; errMsg: string; code?: string }

export function sdkError(api: string, errCode: number, text: string, code?: string): SdkError {
  const err = new Error(`${api}:fail ${errCode === -1 ? '' : `${errCode} `}${text}`) as SdkError
  err.errCode = errCode
  err.errMsg = err.message
  if (code) err.code = code
  return err
}

export const duplicateError = (api: string, coll: string, id: string) =>
  sdkError(
    api,
    -502001,
    `database request fail. [FailedOperation] DATABASE_DUPLICATE_WRITE: E11000 duplicate key error collection: ${coll} index: _id_ dup key: { _id: "${id}" }`,
  )

export const invalidError = (api: string, text: string) => sdkError(api, -501001, `[INVALID_PARAM] ${text}`)

/** What the raw SDK throws when a commit loses: `{ code: 'DATABASE_TRANSACTION_CONFLICT' }`. */
export const commitConflictError = () =>
  sdkError('transaction.commit', -501001, 'DATABASE_TRANSACTION_CONFLICT: database transaction conflict', 'DATABASE_TRANSACTION_CONFLICT')

/** An operation inside a transaction that loses: wrapped by wx-server-sdk, so runTransaction does not retry it. */
export const opConflictError = (api: string) =>
  sdkError(api, -501001, '[ResourceUnavailable.TransactionConflict] Transaction is conflicting with others.')
