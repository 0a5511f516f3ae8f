import type { Role, User } from '~types'
import type { ProfilePatch, Store } from '~core/store'
import { all, one, parseDoc, parseDocs, type Context, union, writeTx } from './db'

type UserMethods = Pick<
  Store,
  'getUserByOpenid' | 'getUsers' | 'createUser' | 'updateProfile' | 'setRole' | 'listUsers'
>

const MANAGING_ROLES: readonly Role[] = ['manager', 'admin']

export function readUser({ s }: Context, id: string): User | null {
  return parseDoc<User>(one(s.userById, { id }))
}

export function writeUser({ s }: Context, user: User): void {
  s.updateUser.run({ id: user.id, openid: user.openid, doc: JSON.stringify(user) })
}

export function insertUserRow({ s }: Context, user: User): boolean {
  return s.insertUser.run({ id: user.id, openid: user.openid, doc: JSON.stringify(user) }).changes > 0
}

export function userMethods(ctx: Context): UserMethods {
  const { db, s } = ctx

  const createUser = writeTx(db, (user: User): User => {
    if (insertUserRow(ctx, user)) return user
    return readUser(ctx, user.id)!
  })

  const updateProfile = writeTx(db, (userId: string, patch: ProfilePatch): User | null => {
    const user = readUser(ctx, userId)
    if (!user) return null
    const next: User = { ...user }
    if (patch.name !== undefined) next.name = patch.name
    if (patch.phone !== undefined) next.phone = patch.phone
    if (patch.orgUnitId !== undefined) {
      next.orgUnitId = patch.orgUnitId
      next.unitPath = patch.unitPath ?? unitPathOf(ctx, patch.orgUnitId)
    } else if (patch.unitPath !== undefined) {
      next.unitPath = patch.unitPath
    }
    writeUser(ctx, next)
    return next
  })

  const setRole = writeTx(
    db,
    (userId: string, role: Role, grant: boolean, managedUnitId: string | null | undefined): User | null => {
      const user = readUser(ctx, userId)
      if (!user) return null
      const next: User = { ...user }
      if (grant) {
        next.roles = union(user.roles, [role])
        if (MANAGING_ROLES.includes(role) && managedUnitId !== undefined) next.managedUnitId = managedUnitId
      } else {
        next.roles = user.roles.filter((r) => r !== role)
        const managesStill = next.roles.some((r) => MANAGING_ROLES.includes(r))
        if (MANAGING_ROLES.includes(role) && !managesStill) next.managedUnitId = null
      }
      writeUser(ctx, next)
      return next
    },
  )

  return {
    async getUserByOpenid(openid) {
      return parseDoc<User>(one(s.userByOpenid, { openid }))
    },
    async getUsers(ids) {
      const found = new Map(
        parseDocs<User>(all(s.usersByIds, { ids: JSON.stringify(ids) })).map((u) => [u.id, u]),
      )
      return [...new Set(ids)].flatMap((id) => found.get(id) ?? [])
    },
    async createUser(user) {
      return createUser(user)
    },
    async updateProfile(userId, patch) {
      return updateProfile(userId, patch)
    },
    async setRole(userId, role, grant, managedUnitId) {
      return setRole(userId, role, grant, managedUnitId)
    },
    async listUsers() {
      return parseDocs<User>(all(s.allUsers))
    },
  }
}

function unitPathOf({ s }: Context, unitId: string): string[] {
  const unit = parseDoc<{ path: string[] }>(one(s.unitById, { id: unitId }))
  return unit ? unit.path : []
}
