import type { Role, User } from '~types'
import type { ProfilePatch, UserStore } from '~core/ports'
import { managedUnitOf } from '~core/relations'
import { all, type Database, decodeKey, keyParams, type Key, LOW, one, parseDoc, parseDocs, perDatabase, prepareAll, toPage, union, writeTx } from './db'
import { prefixEnd } from '../cursor'

export const USERS_SQL = {
  userById: `SELECT doc FROM users WHERE id = @id`,
  userByOpenid: `SELECT doc FROM users WHERE openid = @openid ORDER BY id LIMIT 1`,
  usersByIds: `SELECT doc FROM users WHERE id IN (SELECT value FROM json_each(@ids))`,
  allUsers: `SELECT doc FROM users ORDER BY id`,
  insertUser: `INSERT INTO users (id, openid, doc) VALUES (@id, @openid, @doc) ON CONFLICT (id) DO NOTHING`,
  updateUser: `UPDATE users SET openid = @openid, doc = @doc WHERE id = @id`,
  managersOf: `
    SELECT doc FROM users WHERE json_extract(doc, '$.managedUnitId') IN (SELECT value FROM json_each(@unitIds))
    ORDER BY id`,
  unitById: `SELECT doc FROM units WHERE id = @id`,
  // 人员与角色: a prefix range on the expression indexes users_by_name / users_by_phone, keyset (value, id)
  usersByName: `
    SELECT json_extract(doc, '$.name') AS at, id, doc FROM users
    WHERE json_extract(doc, '$.name') >= @q AND json_extract(doc, '$.name') < @qEnd
      AND (json_extract(doc, '$.name'), id) > (@afterAt, @afterId)
    ORDER BY json_extract(doc, '$.name'), id LIMIT @limit`,
  usersByPhone: `
    SELECT json_extract(doc, '$.phone') AS at, id, doc FROM users
    WHERE json_extract(doc, '$.phone') >= @q AND json_extract(doc, '$.phone') < @qEnd
      AND (json_extract(doc, '$.phone'), id) > (@afterAt, @afterId)
    ORDER BY json_extract(doc, '$.phone'), id LIMIT @limit`,
}

const MANAGING_ROLES: readonly Role[] = ['manager', 'admin']

/** User rows, for the ports whose atomic writes also touch a user (saveTeam, approveMembership, importData). */
export const userRows = perDatabase((db) => {
  const s = prepareAll(db, USERS_SQL)
  return {
    s,
    read: (id: string) => parseDoc<User>(one(s.userById, { id })),
    write: (user: User) => s.updateUser.run({ id: user.id, openid: user.openid, doc: JSON.stringify(user) }),
    /** false if a user with this id exists (nothing written) */
    insert: (user: User) => s.insertUser.run({ id: user.id, openid: user.openid, doc: JSON.stringify(user) }).changes > 0,
  }
})

export function createUserStore(db: Database.Database): UserStore {
  const rows = userRows(db)
  const { s } = rows

  const unitPathOf = (unitId: string): string[] => {
    const unit = parseDoc<{ path: string[] }>(one(s.unitById, { id: unitId }))
    return unit ? unit.path : []
  }

  const createUser = writeTx(db, (user: User): User => {
    if (rows.insert(user)) return user
    return rows.read(user.id)!
  })

  const updateProfile = writeTx(db, (userId: string, patch: ProfilePatch): User | null => {
    const user = rows.read(userId)
    if (!user) return null
    const next: User = { ...user }
    if (patch.name !== undefined) next.name = patch.name
    if (patch.phone !== undefined) next.phone = patch.phone
    if (patch.proxyClients !== undefined) next.proxyClients = patch.proxyClients
    if (patch.orgUnitId !== undefined) {
      next.orgUnitId = patch.orgUnitId
      next.unitPath = patch.unitPath ?? unitPathOf(patch.orgUnitId)
    } else if (patch.unitPath !== undefined) {
      next.unitPath = patch.unitPath
    }
    rows.write(next)
    return next
  })

  const setRole = writeTx(
    db,
    (userId: string, role: Role, grant: boolean, managedUnitId: string | null | undefined): User | null => {
      const user = rows.read(userId)
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
      rows.write(next)
      return next
    },
  )

  return {
    async getUserByOpenid(openid) {
      return parseDoc<User>(one(s.userByOpenid, { openid }))
    },
    async getUsers(ids) {
      const found = new Map(parseDocs<User>(all(s.usersByIds, { ids: JSON.stringify(ids) })).map((u) => [u.id, u]))
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
    async searchUsers(q, page) {
      const stmt = /^\d+$/.test(q) ? s.usersByPhone : s.usersByName
      const after = decodeKey(page.cursor, LOW)
      const rows = all<Key & { doc: string }>(stmt, { q, qEnd: prefixEnd(q), ...keyParams(after), limit: page.limit + 1 })
      return toPage(parseDocs<User>(rows), rows, page.limit)
    },
    async listUsers() {
      return parseDocs<User>(all(s.allUsers))
    },
    async listManagersOf(unitIds) {
      if (unitIds.length === 0) return []
      const users = parseDocs<User>(all(s.managersOf, { unitIds: JSON.stringify([...new Set(unitIds)]) }))
      return users.filter((u) => managedUnitOf(u) !== null)
    },
  }
}
