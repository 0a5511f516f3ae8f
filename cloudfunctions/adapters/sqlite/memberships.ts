import type { Membership, User } from '~types'
import type { MembershipStore } from '~core/ports'
import { all, type Database, one, parseDoc, parseDocs, perDatabase, prepareAll, union, writeTx } from './db'
import { catalogRows } from './catalog'
import { userRows } from './users'

export const MEMBERSHIPS_SQL = {
  membershipByTeamUser: `SELECT doc FROM memberships WHERE team_id = @teamId AND user_id = @userId`,
  membershipsByTeams: `
    SELECT doc FROM memberships WHERE team_id IN (SELECT value FROM json_each(@teamIds))
    ORDER BY applied_at, id`,
  membershipsByTeamsStatus: `
    SELECT doc FROM memberships WHERE team_id IN (SELECT value FROM json_each(@teamIds)) AND status = @status
    ORDER BY applied_at, id`,
  membershipsByUser: `SELECT doc FROM memberships WHERE user_id = @userId ORDER BY applied_at, id`,
  insertMembership: `
    INSERT INTO memberships (id, team_id, user_id, status, applied_at, doc)
    VALUES (@id, @teamId, @userId, @status, @appliedAt, @doc) ON CONFLICT DO NOTHING`,
  updateMembership: `UPDATE memberships SET status = @status, doc = @doc WHERE id = @id`,
  deletePendingMembership: `DELETE FROM memberships WHERE team_id = @teamId AND user_id = @userId AND status = 'pending'`,
}

export const membershipId = (teamId: string, userId: string) => `${teamId}:${userId}`

/** Membership rows, for importData. */
export const membershipRows = perDatabase((db) => {
  const s = prepareAll(db, MEMBERSHIPS_SQL)
  return {
    s,
    read: (teamId: string, userId: string) => parseDoc<Membership>(one(s.membershipByTeamUser, { teamId, userId })),
    /** false if the membership exists (nothing written) */
    insert(m: Membership): boolean {
      const row = { id: m.id, teamId: m.teamId, userId: m.userId, status: m.status, appliedAt: m.appliedAt }
      return s.insertMembership.run({ ...row, doc: JSON.stringify(m) }).changes > 0
    },
  }
})

export function createMembershipStore(db: Database.Database): MembershipStore {
  const rows = membershipRows(db)
  const catalog = catalogRows(db)
  const users = userRows(db)
  const { s } = rows

  const applyMembership = writeTx(db, (m: Membership): Membership => {
    const normalized = { ...m, id: membershipId(m.teamId, m.userId) }
    if (rows.insert(normalized)) return normalized
    return rows.read(m.teamId, m.userId)!
  })

  const approveMembership = writeTx(
    db,
    (teamId: string, userId: string, approvedBy: string, at: string): Membership | null => {
      const m = rows.read(teamId, userId)
      if (!m || m.status === 'active') return m
      const approved: Membership = { ...m, status: 'active', approvedAt: at, approvedBy }
      s.updateMembership.run({ id: m.id, status: approved.status, doc: JSON.stringify(approved) })
      const team = catalog.readTeam(teamId)
      if (team) catalog.writeTeam({ ...team, memberIds: union(team.memberIds, [userId]) })
      const user: User | null = users.read(userId)
      if (user) {
        users.write({ ...user, teamIds: union(user.teamIds, [teamId]), roles: union(user.roles, ['volunteer']) })
      }
      return approved
    },
  )

  return {
    async applyMembership(m) {
      return applyMembership(m)
    },
    async getMembership(teamId, userId) {
      return rows.read(teamId, userId)
    },
    async listMemberships(teamIds, status) {
      const teamIdsJson = JSON.stringify(teamIds)
      const found =
        status === undefined
          ? all<{ doc: string }>(s.membershipsByTeams, { teamIds: teamIdsJson })
          : all<{ doc: string }>(s.membershipsByTeamsStatus, { teamIds: teamIdsJson, status })
      return parseDocs<Membership>(found)
    },
    async listMembershipsOfUser(userId) {
      return parseDocs<Membership>(all<{ doc: string }>(s.membershipsByUser, { userId }))
    },
    async approveMembership(teamId, userId, approvedBy, at) {
      return approveMembership(teamId, userId, approvedBy, at)
    },
    async declineMembership(teamId, userId) {
      return s.deletePendingMembership.run({ teamId, userId }).changes > 0
    },
  }
}
