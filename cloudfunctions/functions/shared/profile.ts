import type { Profile, User } from '~types'

export function toProfile(user: User): Profile {
  const { id, openid, name, phone, roles, orgUnitId, managedUnitId, teamIds } = user
  const profile: Profile = { id, openid, name, phone, roles, orgUnitId, managedUnitId, teamIds }
  // a proxy's people they order for, to pick from (only proxies have one)
  if (roles.includes('proxy')) profile.proxyClients = user.proxyClients ?? []
  return profile
}
