import type { Page, ProxyClient, Role, User } from '~types'
import type { PageRequest } from './paging'

/** Users and roles: profiles, role grants, and who manages a unit. Every method is one round trip; one that writes several records is atomic. */
export interface UserStore {
  getUserByOpenid(openid: string): Promise<User | null>
  getUsers(ids: string[]): Promise<User[]>
  /** Inserts the user; if a user with the same id already exists, returns the stored one unchanged. */
  createUser(user: User): Promise<User>
  /** Sets profile fields (name, phone, orgUnitId with its unitPath). Returns the updated user, or null if absent. */
  updateProfile(userId: string, patch: ProfilePatch): Promise<User | null>
  /** Adds or removes a role atomically; for manager/admin grants also sets managedUnitId (null on revoke of both). */
  setRole(userId: string, role: Role, grant: boolean, managedUnitId?: string | null): Promise<User | null>
  /**
   * People whose name starts with `q`, by name then id; or, when `q` is digits only, whose phone starts with it, by
   * phone then id. Paged.
   */
  searchUsers(q: string, page: PageRequest): Promise<Page<User>>
  /** Only for the development login and demo tools. */
  listUsers(): Promise<User[]>
  /** The managers (and admins) whose managedUnitId is one of these units: who a unit's notifications reach. */
  listManagersOf(unitIds: string[]): Promise<User[]>
}

export interface ProfilePatch {
  name?: string
  phone?: string
  orgUnitId?: string
  unitPath?: string[]
  /** a proxy's list of people they order for, replaced whole (core/proxy-clients.ts) */
  proxyClients?: ProxyClient[]
}

