import Taro from '@tarojs/taro'
import { ROUTES } from '~src/routes'
import { getToken } from '~src/services/auth'
import { toApiCallError } from '~src/services/transport'

/** Signed in: always on weapp (the identity comes with every call); on H5 with a token. */
export const signedIn = () => process.env.TARO_ENV !== 'h5' || !!getToken()

/** 登录, then back here. */
export const toLogin = () => void Taro.navigateTo({ url: ROUTES.login })

/** A write's failure in words; a lost sign-in (401) sends to 登录 instead. */
export function failureOf(err: unknown): string {
  const e = toApiCallError(err)
  if (e.code === 'UNAUTHENTICATED') toLogin()
  return e.message
}
