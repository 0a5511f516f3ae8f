import type { Role, User } from '~types'
import type { ProfilePatch, UserStore } from '~core/ports'
import { managedUnitOf } from '~core/relations'
import { prefixEnd } from '../cursor'
import { type Conn, fromDoc, sameList, sdk, union } from './db'

/** Reads and guarded updates of one user before setRole gives up (each lost one means the user changed meanwhile). */
const SET_ROLE_ATTEMPTS = 5

export function createUserStore(c: Conn): UserStore {
  const getUserByOpenid = async (openid: string): Promise<User | null> => {
    const { data } = await sdk(c.col('users').where({ openid }).limit(1).get())
    return data[0] ? fromDoc<User>(data[0]) : null
  }

  return {
    getUserByOpenid,

    async getUsers(ids) {
      if (ids.length === 0) return []
      return (await c.readIds('users', ids)).map((d) => fromDoc<User>(d))
    },

    async createUser(user) {
      if (await c.insert('users', user)) return user
      const existing = await c.getDoc('users', user.id)
      if (existing) return fromDoc<User>(existing)
      // not the _id but the unique openid index refused it: the person already has an account under another id
      const byOpenid = await getUserByOpenid(user.openid)
      if (byOpenid) return byOpenid
      throw new Error(`createUser: duplicate write for ${user.id} but no stored user found`)
    },

    async updateProfile(userId: string, patch: ProfilePatch) {
      const data: Record<string, unknown> = {}
      for (const key of ['name', 'phone', 'orgUnitId', 'unitPath', 'proxyClients'] as const) {
        if (patch[key] !== undefined) data[key] = patch[key]
      }
      // stats.updated is 0 both for a missing user and for a patch that changes nothing, so the read decides
      if (Object.keys(data).length > 0) await sdk(c.col('users').doc(userId).update({ data }))
      const doc = await c.getDoc('users', userId)
      return doc ? fromDoc<User>(doc) : null
    },

    /**
     * One read and one update guarded by the fields it decides on (roles and managedUnitId as read): no transaction,
     * since only this document changes. stats.updated 0 means someone changed the user in between (the update always
     * changes something), so it reads again; SET_ROLE_ATTEMPTS only bounds that under a storm of role changes.
     */
    async setRole(userId: string, role: Role, grant: boolean, managedUnitId?: string | null) {
      const managing = role === 'manager' || role === 'admin'
      const _ = c._
      for (let attempt = 1; ; attempt++) {
        const doc = await c.getDoc('users', userId)
        if (!doc) return null
        const user = fromDoc<User>(doc)
        const roles = grant ? union(user.roles, [role]) : user.roles.filter((r) => r !== role)
        const before = user.managedUnitId ?? null
        let managed = before
        if (grant && managing && managedUnitId !== undefined) managed = managedUnitId
        if (!grant && managing && !roles.includes('manager') && !roles.includes('admin')) managed = null
        if (sameList(roles, user.roles) && managed === before) return user
        const asRead = { _id: userId, roles: _.eq(user.roles), managedUnitId: _.eq(before) }
        const res = await sdk(c.col('users').where(asRead).update({ data: { roles, managedUnitId: managed } }))
        if (res.stats.updated > 0) return { ...user, roles, managedUnitId: managed }
        if (attempt >= SET_ROLE_ATTEMPTS) throw new Error(`setRole: user ${userId} kept changing during ${attempt} attempts`)
      }
    },

    /** Index name (or phone): a prefix range, keyset on (value, _id). */
    async searchUsers(q, page) {
      const field = /^\d+$/.test(q) ? 'phone' : 'name'
      const range = { [field]: c._.gte(q).and(c._.lt(prefixEnd(q))) }
      return c.page('users', range, field, 'asc', page, (d) => fromDoc<User>(d))
    },

    async listUsers() {
      return (await c.readAll('users', null)).map((d) => fromDoc<User>(d))
    },

    /** Index managedUnitId. */
    async listManagersOf(unitIds) {
      if (unitIds.length === 0) return []
      const docs = await c.readAll('users', { managedUnitId: c._.in([...new Set(unitIds)]) })
      return docs.map((d) => fromDoc<User>(d)).filter((u) => managedUnitOf(u) !== null)
    },
  }
}
