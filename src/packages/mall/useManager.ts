import { useEffect } from 'react'
import type { LoadStatus } from '../../components/StateView'
import { useSession } from '../../stores/session'

export const NOT_A_MANAGER = '您还没有管理的单位，请联系中心管理员授权'

/** The signed-in manager's unit (signing in when a 积分超市 manager page is the first one opened). */
export function useManager() {
  const { status, profile, error, login } = useSession()
  useEffect(() => {
    if (useSession.getState().status === 'idle') void login()
  }, [login])
  const unitId = profile?.managedUnitId ?? ''
  const notManager = status === 'ready' && !unitId
  return {
    status: (notManager ? 'error' : status) as LoadStatus,
    error: notManager ? NOT_A_MANAGER : error,
    retry: () => void login(),
    unitId,
  }
}
