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

  /** Runs `write` with this intention's requestId; null when the same write is already running (or was called off). */
  const run = useCallback(async <T>(key: string, write: (requestId: string) => Promise<T | null>): Promise<T | null> => {
    if (running.current.has(key)) return null
    running.current.add(key)
    setBusyKeys(new Set(running.current))
    let requestId = ids.current.get(key)
    if (!requestId) {
      requestId = newRequestId()
      ids.current.set(key, requestId)
    }
    try {
      const result = await write(requestId)
      ids.current.delete(key)
      return result
    } finally {
      running.current.delete(key)
      setBusyKeys(new Set(running.current))
    }
  }, [])

  const forget = useCallback((key: string) => {
    ids.current.delete(key)
  }, [])

  return { run, forget, busy: (key: string) => busyKeys.has(key) }
}
