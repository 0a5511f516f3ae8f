import { useState } from 'react'
import Taro from '@tarojs/taro'
import type { SignInAnswer, SignInField } from '~types/api'
import { ROUTES } from '../../routes'
import { setToken } from '../../services/auth'
import { SignInError } from '../../services/signIn'
import { toApiCallError } from '../../services/transport'
import { useSession } from '../../stores/session'

/** What the host refused, by the field it was about ('form' for the rest: wrong phone or password, too many tries). */
export type SignInErrors = Partial<Record<SignInField | 'form', string>>

/**
 * One sign-in form's submission: busy while it is on its way (a second tap does nothing), the host's refusal shown
 * beside the field it names, and on success the token kept and the home page opened.
 */
export function useSignIn() {
  const [busy, setBusy] = useState(false)
  const [errors, setErrors] = useState<SignInErrors>({})

  async function submit(send: () => Promise<SignInAnswer>) {
    if (busy) return
    setBusy(true)
    setErrors({})
    try {
      const { token } = await send()
      useSession.getState().logout()
      setToken(token)
      await Taro.reLaunch({ url: ROUTES.home })
    } catch (err) {
      if (err instanceof SignInError && err.field) setErrors({ [err.field]: err.message })
      else setErrors({ form: toApiCallError(err).message })
    } finally {
      setBusy(false)
    }
  }

  return { busy, errors, submit }
}
