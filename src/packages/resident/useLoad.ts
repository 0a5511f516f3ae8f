import { useCallback, useRef, useState } from 'react'
import type { LoadStatus } from '../../components/StateView'
import { toApiCallError } from '../../services/transport'

export interface Loaded<T> {
  status: LoadStatus
  data: T | null
  error: string
  /** load again; the skeleton shows only while there is nothing on screen yet */
  reload: () => Promise<void>
  /** put fresh data in place after an action answered with it */
  setData: (data: T) => void
}

/** One thing a page loads from the network, in StateView's terms. Answers older than the latest reload are dropped. */
export function useLoad<T>(fetch: () => Promise<T>): Loaded<T> {
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

  const setData = useCallback((data: T) => setState({ status: 'ready', data, error: '' }), [])

  return { ...state, reload, setData }
}
