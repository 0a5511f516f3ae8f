import { useEffect, useState } from 'react'
import type { OrgUnit } from '~types/domain'
import type { LoadStatus } from '../../components/StateView'
import * as catalog from '../../services/catalog'
import { useSession } from '../../stores/session'

export const NOT_A_MANAGER = '您还没有管理的单位，请联系中心管理员授权'

/**
 * The unit the signed-in manager manages, with the unit tree for names. Signs in when a manager page is the first
 * one opened. `status`/`error` describe the session: 'error' also when the person manages no unit.
 */
export function useManagedUnit() {
  const { status, profile, error, login } = useSession()
  const [units, setUnits] = useState<OrgUnit[]>([])

  useEffect(() => {
    if (useSession.getState().status === 'idle') void login()
    // the names are a courtesy: without the tree the pages still work
    catalog
      .tree()
      .then(setUnits)
      .catch(() => setUnits([]))
  }, [login])

  const unitId = profile?.managedUnitId ?? ''
  const notManager = status === 'ready' && !unitId
  return {
    status: (notManager ? 'error' : status) as LoadStatus,
    error: notManager ? NOT_A_MANAGER : error,
    retry: () => void login(),
    unitId,
    /** the county's units (empty until loaded, or when the tree could not be read) */
    units,
    unitName: units.find((u) => u.id === unitId)?.name ?? '',
    nameOf: (id: string) => units.find((u) => u.id === id)?.name ?? '',
  }
}
