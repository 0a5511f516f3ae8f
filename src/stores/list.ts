import { create } from 'zustand'
import type { Page } from '~types/domain'
import { type ApiCallErrorCode, toApiCallError } from '../services/transport'

export interface ListState<T> {
  status: 'idle' | 'loading' | 'ready' | 'error'
  items: T[]
  nextCursor: string | null
  error: string
  /** the code of the error, when the page reacts to one (FORBIDDEN: offer a way in) */
  errorCode: ApiCallErrorCode | null
  loadingMore: boolean
  /** when the first page last came back (ISO), null before */
  loadedAt: string | null
  /** first page again (on show, pull-to-refresh, 重试) */
  reload: () => Promise<void>
  /** the next page, if any (触底加载) */
  loadMore: () => Promise<void>
  /** put a fresh copy of one item in place (after an action on it), without a round trip */
  replace: (item: T) => void
  reset: () => void
}

/**
 * A paginated list from one API action, as a zustand store: the working set of a role (my orders, my tasks,
 * the dispatch queue). Answers that arrive after a newer reload are dropped.
 */
export function createListStore<T extends { id: string }>(fetchPage: (cursor?: string) => Promise<Page<T>>) {
  let generation = 0
  const initial = { status: 'idle' as const, items: [] as T[], nextCursor: null, error: '', errorCode: null, loadingMore: false, loadedAt: null as string | null }
  return create<ListState<T>>()((set, get) => ({
    ...initial,
    async reload() {
      const mine = ++generation
      // keep what is on screen while refreshing; show the skeleton only the first time
      if (get().status !== 'ready') set({ status: 'loading', error: '' })
      try {
        const page = await fetchPage()
        if (mine === generation) set({ status: 'ready', items: page.items, nextCursor: page.nextCursor, error: '', errorCode: null, loadedAt: new Date().toISOString() })
      } catch (err) {
        const { code, message } = toApiCallError(err)
        if (mine === generation) set({ status: 'error', error: message, errorCode: code })
      }
    },
    async loadMore() {
      const { nextCursor, loadingMore, status } = get()
      if (!nextCursor || loadingMore || status !== 'ready') return
      const mine = generation
      set({ loadingMore: true })
      try {
        const page = await fetchPage(nextCursor)
        if (mine !== generation) return
        const seen = new Set(get().items.map((i) => i.id))
        set({ items: [...get().items, ...page.items.filter((i) => !seen.has(i.id))], nextCursor: page.nextCursor, error: '' })
      } catch (err) {
        if (mine === generation) set({ error: toApiCallError(err).message })
      } finally {
        if (mine === generation) set({ loadingMore: false })
      }
    },
    replace(item) {
      set({ items: get().items.map((i) => (i.id === item.id ? item : i)) })
    },
    reset() {
      generation++
      set({ ...initial })
    },
  }))
}
export type ListStore<T extends { id: string }> = ReturnType<typeof createListStore<T>>
