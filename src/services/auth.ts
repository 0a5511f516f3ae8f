import Taro from '@tarojs/taro'

/** Storage key of the H5 session token (the local host's development login hands it out). */
export const TOKEN_KEY = 'sidan.token'

export function getToken(): string {
  try {
    const token: unknown = Taro.getStorageSync(TOKEN_KEY)
    return typeof token === 'string' ? token : ''
  } catch {
    return ''
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  try {
    Taro.removeStorageSync(TOKEN_KEY)
  } catch {
    // nothing stored, nothing to clear
  }
}
