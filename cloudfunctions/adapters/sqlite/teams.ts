import type { Membership, Team, User } from '~types'
import type { Store, TeamFilter, TeamStats } from '~core/store'
import { all, one, parseDoc, parseDocs, type Context, union, uniq, writeTx } from './db'
import { readUser, writeUser } from './users'

type TeamMethods = Pick<
  Store,
  | 'listTeams'
  | 'saveTeam'
  | 'teamStats'
  | 'applyMembership'
  | 'getMembership'
  | 'listMemberships'
  | 'listMembershipsOfUser'
  | 'approveMembership'
  | 'declineMembership'
>

export function readTeam({ s }: Context, id: string): Team | null {
  return parseDoc<Team>(one(s.teamById, { id }))
}

export function readTeams({ s }: Context, ids: string[]): Team[] {
  const found = new Map(parseDocs<Team>(all(s.teamsByIds, { ids: JSON.stringify(ids) })).map((t) => [t.id, t]))
  return uniq(ids).flatMap((id) => found.get(id) ?? [])
}

/** Insert or replace the team row and its theme rows. */
export function writeTeam({ s }: Context, team: Team): void {
  s.upsertTeam.run({ id: team.id, name: team.name, orgUnitId: team.orgUnitId, doc: JSON.stringify(team) })
  s.deleteTeamThemes.run({ teamId: team.id })
  for (const themeId of uniq(team.themeIds)) s.insertTeamTheme.run({ teamId: team.id, themeId })
}

export function insertMembershipRow({ s }: Context, m: Membership): boolean {
  const row = { id: m.id, teamId: m.teamId, userId: m.userId, status: m.status, appliedAt: m.appliedAt }
  return s.insertMembership.run({ ...row, doc: JSON.stringify(m) }).changes > 0
}

export const membershipId = (teamId: string, userId: string) => `${teamId}:${userId}`

const byName = (a: Team, b: Team) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

export function teamMethods(ctx: Context): TeamMethods {
  const { db, s } = ctx

  const readMembership = (teamId: string, userId: string) =>
    parseDoc<Membership>(one(s.membershipByTeamUser, { teamId, userId }))

  /** Picks the most selective indexed lookup, then applies the remaining filters to its few rows. */
  function listTeams(filter: TeamFilter): Team[] {
    const { ids, unitIds, themeId } = filter
    let teams: Team[]
    if (ids) teams = parseDocs(all(s.teamsByIds, { ids: JSON.stringify(ids) }))
    else if (unitIds) teams = parseDocs(all(s.teamsByUnits, { unitIds: JSON.stringify(unitIds) }))
    else if (themeId !== undefined) teams = parseDocs(all(s.teamsByTheme, { themeId }))
    else teams = parseDocs(all(s.allTeams))
    return teams
      .filter(
        (t) =>
          (!unitIds || unitIds.includes(t.orgUnitId)) && (themeId === undefined || t.themeIds.includes(themeId)),
      )
      .sort(byName)
  }

  const saveTeam = writeTx(db, (team: Team): Team => {
    const stored = readTeam(ctx, team.id)
    const members = stored ? stored.memberIds : team.memberIds
    const saved: Team = { ...team, memberIds: union(members, team.leaderId ? [team.leaderId] : []) }
    writeTeam(ctx, saved)
    const leader = team.leaderId ? readUser(ctx, team.leaderId) : null
    if (leader) {
      writeUser(ctx, {
        ...leader,
        roles: union(leader.roles, ['leader', 'volunteer']),
        teamIds: union(leader.teamIds, [team.id]),
      })
    }
    return saved
  })

  const applyMembership = writeTx(db, (m: Membership): Membership => {
    const normalized = { ...m, id: membershipId(m.teamId, m.userId) }
    if (insertMembershipRow(ctx, normalized)) return normalized
    return readMembership(m.teamId, m.userId)!
  })

  const approveMembership = writeTx(
    db,
    (teamId: string, userId: string, approvedBy: string, at: string): Membership | null => {
      const m = readMembership(teamId, userId)
      if (!m || m.status === 'active') return m
      const approved: Membership = { ...m, status: 'active', approvedAt: at, approvedBy }
      s.updateMembership.run({ id: m.id, status: approved.status, doc: JSON.stringify(approved) })
      const team = readTeam(ctx, teamId)
      if (team) writeTeam(ctx, { ...team, memberIds: union(team.memberIds, [userId]) })
      const user: User | null = readUser(ctx, userId)
      if (user) {
        writeUser(ctx, { ...user, teamIds: union(user.teamIds, [teamId]), roles: union(user.roles, ['volunteer']) })
      }
      return approved
    },
  )

  return {
    async listTeams(filter) {
      return listTeams(filter)
    },
    async saveTeam(team) {
      return saveTeam(team)
    },
    async teamStats(teamIds) {
      const stats: Record<string, TeamStats> = {}
      for (const id of teamIds) stats[id] = { openLoad: 0, ratingSum: 0, ratingCount: 0 }
      const rows = all<{ teamId: string; status: string; n: number; stars: number }>(s.teamStats, {
        teamIds: JSON.stringify(teamIds),
      })
      for (const r of rows) {
        if (r.status === 'rated') {
          stats[r.teamId].ratingSum += r.stars
          stats[r.teamId].ratingCount += r.n
        } else {
          stats[r.teamId].openLoad += r.n
        }
      }
      return stats
    },
    async applyMembership(m) {
      return applyMembership(m)
    },
    async getMembership(teamId, userId) {
      return readMembership(teamId, userId)
    },
    async listMemberships(teamIds, status) {
      const teamIdsJson = JSON.stringify(teamIds)
      const rows =
        status === undefined
          ? all<{ doc: string }>(s.membershipsByTeams, { teamIds: teamIdsJson })
          : all<{ doc: string }>(s.membershipsByTeamsStatus, { teamIds: teamIdsJson, status })
      return parseDocs<Membership>(rows)
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
