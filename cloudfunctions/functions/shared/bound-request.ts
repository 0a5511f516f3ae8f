import { AppError, fail } from '~core/errors'
import type { User } from '~types'
import type { Call } from './define'

/**
 * A write bound to its target by its requestId (core/ports/requests.ts), for the writes whose own record cannot
 * carry the binding: the request (person, function and action, requestId) is bound to `target` before the write, so
 * the same requestId on another target is INVALID_INPUT with `reused` and nothing written; the answer is stored
 * after it, so a retry gets the first answer; a write this attempt refuses releases the binding (the request is as
 * if never made). A retry whose first attempt stored no answer (stopped, or still running beside it) writes again:
 * these writes set values, so that changes nothing more. Without a requestId, just the write.
 * Store calls: bind and answer for a first attempt, bind alone for an answered retry.
 */
export async function boundWrite<T>(
  call: Call,
  user: User,
  request: { name: string; requestId: string | undefined; target: string; reused: string },
  write: () => Promise<T>,
): Promise<T> {
  if (request.requestId === undefined) return write()
  const { requests } = call.deps
  const key = `${user.id}:${request.name}:${request.requestId}`
  const bound = await requests.bindRequest(key, request.target, call.now)
  if (bound.kind === 'elsewhere') fail('INVALID_INPUT', request.reused)
  if (bound.kind === 'retry' && bound.answered) return bound.response as T
  let answer: T
  try {
    answer = await write()
  } catch (e) {
    // only the attempt that bound it lets go, and only of a refusal (an unexpected failure may be retried)
    if (bound.kind === 'new' && e instanceof AppError) await requests.releaseRequest(key)
    throw e
  }
  await requests.answerRequest(key, answer)
  return answer
}
