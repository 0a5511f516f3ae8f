import type { Role, User } from '~types'
import { managedUnitOf } from './relations'

/** What a manager (not an admin) may hand out with an invite code: the 代办员 role, for their unit or below. */
export const MANAGER_INVITABLE: readonly Role[] = ['proxy']

/**
 * Why `inviter` may not make an invite with these roles for the unit at `unitPath` (root first), with or without a
 * team to join; null when they may. An admin may invite to any role anywhere; a manager only 代办员 of their own unit
 * or below, without a team; anyone else not at all.
 */
export function inviteRefusal(inviter: User, roles: readonly Role[], unitPath: readonly string[], withTeam: boolean): string | null {
  if (inviter.roles.includes('admin')) return null
  const managed = managedUnitOf(inviter)
  if (managed === null) return '只有管理员可以发放邀请码'
  const onlyProxy = roles.every((r) => MANAGER_INVITABLE.includes(r))
  if (!onlyProxy || withTeam || !unitPath.includes(managed)) return '管理员只能邀请本单位及下级单位的代办员'
  return null
}
