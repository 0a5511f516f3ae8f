import { useDidShow, useReachBottom } from '@tarojs/taro'
import type { ListStore } from '../stores/list'
import { usePullToRefresh } from './usePullToRefresh'

/**
 * Binds a list store to the page showing it: fresh data every time the page comes to the front,
 * 下拉刷新 (the page config sets enablePullDownRefresh) and 触底加载更多.
 */
export function useListPage<T extends { id: string }>(store: ListStore<T>) {
  const state = store()
  useDidShow(() => {
    void store.getState().reload()
  })
  usePullToRefresh(() => store.getState().reload())
  useReachBottom(() => {
    void store.getState().loadMore()
  })
  return state
}
