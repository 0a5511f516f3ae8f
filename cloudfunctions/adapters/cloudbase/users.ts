import type { Role, User } from '~types'
import type { ProfilePatch, UserStore } from '~core/ports'
import { abort, type Conn, fromDoc, sameList, sdk, union } from './db'

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
      for (const key of ['name', 'phone', 'orgUnitId', 'unitPath'] as const) {
        if (patch[key] !== undefined) data[key] = patch[key]
      }
      // stats.updated is 0 both for a missing user and for a patch that changes nothing, so the read decides
      if (Object.keys(data).length > 0) await sdk(c.col('users').doc(userId).update({ data }))
      const doc = await c.getDoc('users', userId)
      return doc ? fromDoc<User>(doc) : null
    },

    async setRole(userId: string, role: Role, grant: boolean, managedUnitId?: string | null) {
      const managing = role === 'manager' || role === 'admin'
      return c.runTx(async (t) => {
        const doc = await c.txGet(t, 'users', userId)
        if (!doc) return abort(t, null)
        const user = fromDoc<User>(doc)
        const roles = grant ? union(user.roles, [role]) : user.roles.filter((r) => r !== role)
        let managed = user.managedUnitId ?? null
        if (grant && managing && managedUnitId !== undefined) managed = managedUnitId
        if (!grant && managing && !roles.includes('manager') && !roles.includes('admin')) managed = null
        if (sameList(roles, user.roles) && managed === (user.managedUnitId ?? null)) return abort(t, user)
        await sdk(t.collection('users').doc(userId).update({ data: { roles, managedUnitId: managed } }))
        return { ...user, roles, managedUnitId: managed }
      })
    },

    async listUsers() {
      return (await c.readAll('users', null)).map((d) => fromDoc<User>(d))
    },

    /** Index managedUnitId. */
    async listManagersOf(unitIds) {
      if (unitIds.length === 0) return []
      const docs = await c.readAll('users', { managedUnitId: c._.in([...new Set(unitIds)]) })
      return docs.map((d) => fromDoc<User>(d)).filter((u) => u.roles.includes('manager') || u.roles.includes('admin'))
    },
  }
}
