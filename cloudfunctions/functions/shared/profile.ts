import type { Profile, User } from '~types'

export function toProfile(user: User): Profile {
  const { id, openid, name, phone, roles, orgUnitId, managedUnitId, teamIds } = user
  return { id, openid, name, phone, roles, orgUnitId, managedUnitId, teamIds }
}
