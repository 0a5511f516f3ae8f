import { create } from 'zustand'
import type { Profile, UnitLevel } from '~types/domain'
import { clearDrafts } from '../lib/drafts'
import { clearToken } from '../services/auth'
import * as catalog from '../services/catalog'
import { toApiCallError, type ApiCallErrorCode } from '../services/transport'
import * as user from '../services/user'
import { useOrders } from './orders'

export type SessionStatus = 'idle' | 'loading' | 'ready' | 'error'

export interface SessionState {
  profile: Profile | null
  /** name and level of the unit the person belongs to (or manages, when they chose none) */
  unitName: string
  unitLevel: UnitLevel | null
  status: SessionStatus
  /** message fit for the user's eyes when status is 'error' */
  error: string
  errorCode: ApiCallErrorCode | null
  login: () => Promise<void>
  /** read the profile again after a change (station, name, a team joined) without showing the loading state */
  refresh: () => Promise<void>
  logout: () => void
}

const initial = {
  profile: null,
  unitName: '',
  unitLevel: null,
  status: 'idle' as SessionStatus,
  error: '',
  errorCode: null,
}

/** Bumped by every login and logout: an answer that arrives for an older generation is dropped. */
let generation = 0
let inflight: Promise<void> | null = null

type Set = (partial: Partial<SessionState>) => void

function signIn(set: Set, silent: boolean): Promise<void> {
  if (inflight) return inflight
  const mine = ++generation
  if (!silent) set({ status: 'loading', error: '', errorCode: null })
  inflight = (async () => {
    try {
      const { user: profile } = await user.login()
      const unitId = profile.orgUnitId ?? profile.managedUnitId
      const unit = unitId ? (await catalog.tree()).find((u) => u.id === unitId) : undefined
      if (mine !== generation) return
      set({ profile, unitName: unit?.name ?? '', unitLevel: unit?.level ?? null, status: 'ready' })
    } catch (err) {
      if (mine !== generation) return
      const e = toApiCallError(err)
      set({ status: 'error', error: e.message, errorCode: e.code })
    } finally {
      if (mine === generation) inflight = null
    }
  })()
  return inflight
}

export const useSession = create<SessionState>()((set, get) => ({
  ...initial,

  refresh() {
    return get().status === 'ready' ? signIn(set, true) : get().login()
  },

  login() {
    return signIn(set, false)
  },

  logout() {
    generation++
    inflight = null
    clearToken()
    // what the cache holds was answered for this person (their actions, the contact they may see)
    useOrders.getState().clear()
    clearDrafts()
    set({ ...initial })
  },
}))
