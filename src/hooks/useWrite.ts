import { useCallback, useRef, useState } from 'react'
import { newRequestId } from '../lib/requestId'

/**
 * Writes that carry a requestId, one intention per key (an action, a team, an application): a second tap while the
 * write is running does nothing, a retry after a failure re-sends the same requestId (so the backend repeats its
 * first answer), and a new intention starts once the write has gone through or `forget(key)` is called.
 */
export function useWrite() {
  const ids = useRef(new Map<string, string>())
  const running = useRef(new Set<string>())
  const [busyKeys, setBusyKeys] = useState<ReadonlySet<string>>(new Set())

  /** The requestId this intention will send (made now if it has none yet). */
  const idOf = useCallback((key: string): string => {
    let id = ids.current.get(key)
    if (!id) {
      id = newRequestId()
      ids.current.set(key, id)
    }
    return id
  }, [])

  /** Runs `write` with this intention's requestId; null when the same write is already running (or was called off). */
  const run = useCallback(async <T>(key: string, write: (requestId: string) => Promise<T | null>): Promise<T | null> => {
    if (running.current.has(key)) return null
    running.current.add(key)
    setBusyKeys(new Set(running.current))
    const requestId = idOf(key)
    try {
      const result = await write(requestId)
      ids.current.delete(key)
      return result
    } finally {
      running.current.delete(key)
      setBusyKeys(new Set(running.current))
    }
  }, [idOf])

  const forget = useCallback((key: string) => {
    ids.current.delete(key)
  }, [])

  /** Carry on an intention begun earlier (a form left after a lost reply): its next write re-sends `requestId`. */
  const adopt = useCallback((key: string, requestId: string) => {
    ids.current.set(key, requestId)
  }, [])

  return { run, forget, idOf, adopt, busy: (key: string) => busyKeys.has(key) }
}
