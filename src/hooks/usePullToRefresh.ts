import Taro, { usePullDownRefresh } from '@tarojs/taro'

/** 下拉刷新 (the page config sets enablePullDownRefresh): reload, then put the spinner away. */
export function usePullToRefresh(reload: () => Promise<unknown>) {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })
}
