import Taro from '@tarojs/taro'

/** A query parameter of the current page (`?id=…`), decoded; '' when absent. */
export function useParam(name: string): string {
  const value = Taro.getCurrentInstance().router?.params?.[name]
  return value ? decodeURIComponent(value) : ''
}
