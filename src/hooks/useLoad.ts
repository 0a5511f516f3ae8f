import { useCallback, useRef, useState } from 'react'
import type { LoadStatus } from '../components/StateView'
import { toApiCallError } from '../services/transport'

/**
 * One thing a page loads from the network, in StateView's terms. What is on screen stays there while it reloads
 * (the skeleton shows only the first time); answers older than the latest reload are dropped.
 */
export function useLoad<T>(fetch: () => Promise<T>) {
  const [state, setState] = useState<{ status: LoadStatus; data: T | null; error: string }>({
    status: 'idle',
    data: null,
    error: '',
  })
  const fetchRef = useRef(fetch)
  fetchRef.current = fetch
  const generation = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++generation.current
    setState((s) => (s.status === 'ready' ? s : { status: 'loading', data: s.data, error: '' }))
    try {
      const data = await fetchRef.current()
      if (mine === generation.current) setState({ status: 'ready', data, error: '' })
    } catch (err) {
      if (mine === generation.current) setState((s) => ({ status: 'error', data: s.data, error: toApiCallError(err).message }))
    }
  }, [])

  /** put fresh data in place (after an action answered with it) */
  const update = useCallback((change: (data: T) => T) => {
    generation.current++
    setState((s) => (s.data === null ? s : { status: 'ready', data: change(s.data), error: '' }))
  }, [])

  return { ...state, reload, update }
}
