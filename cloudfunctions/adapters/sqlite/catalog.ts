import type { MenuItem, OrgUnit, Team, Theme, UnitSettings } from '~types'
import type { CatalogStore, TeamFilter, TeamStats } from '~core/ports'
import { all, type Database, one, parseDoc, parseDocs, perDatabase, prepareAll, union, uniq, writeTx } from './db'
import { userRows } from './users'

export const CATALOG_SQL = {
  allUnits: `SELECT doc FROM units ORDER BY rowid`,
  unitById: `SELECT doc FROM units WHERE id = @id`,
  insertUnit: `INSERT INTO units (id, doc) VALUES (@id, @doc)`,

  allThemes: `SELECT doc FROM themes ORDER BY sort, id`,
  insertTheme: `INSERT INTO themes (id, sort, doc) VALUES (@id, @sort, @doc)`,

  menuByUnits: `
    SELECT m.doc FROM menu_items m LEFT JOIN themes t ON t.id = m.theme_id
    WHERE m.org_unit_id IN (SELECT value FROM json_each(@unitIds))
    ORDER BY t.sort IS NULL, t.sort, m.title, m.id`,
  menuItemById: `SELECT doc FROM menu_items WHERE id = @id`,
  upsertMenuItem: `
    INSERT INTO menu_items (id, org_unit_id, theme_id, title, doc) VALUES (@id, @orgUnitId, @themeId, @title, @doc)
    ON CONFLICT (id) DO UPDATE SET org_unit_id = excluded.org_unit_id, theme_id = excluded.theme_id,
      title = excluded.title, doc = excluded.doc`,

  teamById: `SELECT doc FROM teams WHERE id = @id`,
  teamsByIds: `SELECT doc FROM teams WHERE id IN (SELECT value FROM json_each(@ids))`,
  teamsByUnits: `SELECT doc FROM teams WHERE org_unit_id IN (SELECT value FROM json_each(@unitIds))`,
  teamsByTheme: `SELECT t.doc FROM team_themes x JOIN teams t ON t.id = x.team_id WHERE x.theme_id = @themeId`,
  allTeams: `SELECT doc FROM teams`,
  upsertTeam: `
    INSERT INTO teams (id, name, org_unit_id, doc) VALUES (@id, @name, @orgUnitId, @doc)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, org_unit_id = excluded.org_unit_id, doc = excluded.doc`,
  deleteTeamThemes: `DELETE FROM team_themes WHERE team_id = @teamId`,
  insertTeamTheme: `INSERT INTO team_themes (team_id, theme_id) VALUES (@teamId, @themeId)`,
  teamStats: `
    SELECT team_id AS teamId, status, COUNT(*) AS n, TOTAL(stars) AS stars FROM order_teams
    WHERE team_id IN (SELECT value FROM json_each(@teamIds)) AND status IN ('dispatched', 'claimed', 'completed', 'rated', 'closed')
    GROUP BY team_id, status`,

  settingsByUnits: `SELECT doc FROM unit_settings WHERE unit_id IN (SELECT value FROM json_each(@unitIds))`,
  allSettings: `SELECT doc FROM unit_settings ORDER BY unit_id`,
  putSettings: `
    INSERT INTO unit_settings (unit_id, doc) VALUES (@unitId, @doc)
    ON CONFLICT (unit_id) DO UPDATE SET doc = excluded.doc`,
}

/** Catalog rows, for the ports whose atomic writes also touch a team (approveMembership) or load a county (importData). */
export const catalogRows = perDatabase((db) => {
  const s = prepareAll(db, CATALOG_SQL)
  return {
    s,
    readTeam: (id: string) => parseDoc<Team>(one(s.teamById, { id })),
    /** The teams with these ids, in the order of `ids` (missing ones left out, repeated ones once). */
    readTeams(ids: string[]): Team[] {
      const found = new Map(parseDocs<Team>(all(s.teamsByIds, { ids: JSON.stringify(ids) })).map((t) => [t.id, t]))
      return uniq(ids).flatMap((id) => found.get(id) ?? [])
    },
    /** Insert or replace the team row and its theme rows. */
    writeTeam(team: Team): void {
      s.upsertTeam.run({ id: team.id, name: team.name, orgUnitId: team.orgUnitId, doc: JSON.stringify(team) })
      s.deleteTeamThemes.run({ teamId: team.id })
      for (const themeId of uniq(team.themeIds)) s.insertTeamTheme.run({ teamId: team.id, themeId })
    },
    insertUnit: (u: OrgUnit) => s.insertUnit.run({ id: u.id, doc: JSON.stringify(u) }),
    insertTheme: (t: Theme) => s.insertTheme.run({ id: t.id, sort: t.sort, doc: JSON.stringify(t) }),
    saveMenuItem(item: MenuItem): void {
      const row = { id: item.id, orgUnitId: item.orgUnitId, themeId: item.themeId, title: item.title }
      s.upsertMenuItem.run({ ...row, doc: JSON.stringify(item) })
    },
    saveSettings: (settings: UnitSettings) =>
      s.putSettings.run({ unitId: settings.unitId, doc: JSON.stringify(settings) }),
  }
})

const byName = (a: Team, b: Team) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0

export function createCatalogStore(db: Database.Database): CatalogStore {
  const rows = catalogRows(db)
  const users = userRows(db)
  const { s } = rows

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
    const stored = rows.readTeam(team.id)
    const saved: Team = { ...team, memberIds: stored ? stored.memberIds : team.memberIds }
    rows.writeTeam(saved)
    const leader = team.leaderId && saved.memberIds.includes(team.leaderId) ? users.read(team.leaderId) : null
    if (leader && !leader.roles.includes('leader')) users.write({ ...leader, roles: union(leader.roles, ['leader']) })
    return saved
  })

  return {
    async listUnits() {
      return parseDocs<OrgUnit>(all(s.allUnits))
    },
    async getUnit(id) {
      return parseDoc<OrgUnit>(one(s.unitById, { id }))
    },
    async listThemes() {
      return parseDocs<Theme>(all(s.allThemes))
    },
    async listMenuItems(unitIds) {
      return parseDocs<MenuItem>(all(s.menuByUnits, { unitIds: JSON.stringify(unitIds) }))
    },
    async getMenuItem(id) {
      return parseDoc<MenuItem>(one(s.menuItemById, { id }))
    },
    async saveMenuItem(item) {
      rows.saveMenuItem(item)
      return item
    },
    async listTeams(filter) {
      return listTeams(filter)
    },
    async saveTeam(team) {
      return saveTeam(team)
    },
    async teamStats(teamIds) {
      const stats: Record<string, TeamStats> = {}
      for (const id of teamIds) stats[id] = { openLoad: 0, ratingSum: 0, ratingCount: 0, served: 0 }
      const found = all<{ teamId: string; status: string; n: number; stars: number }>(s.teamStats, {
        teamIds: JSON.stringify(teamIds),
      })
      for (const r of found) {
        if (r.status === 'rated') {
          stats[r.teamId].ratingSum += r.stars
          stats[r.teamId].ratingCount += r.n
        }
        if (r.status === 'dispatched' || r.status === 'claimed') stats[r.teamId].openLoad += r.n
        else stats[r.teamId].served += r.n
      }
      return stats
    },
    async getUnitSettings(unitIds) {
      if (unitIds.length === 0) return []
      return parseDocs<UnitSettings>(all(s.settingsByUnits, { unitIds: JSON.stringify([...new Set(unitIds)]) }))
    },
    async listUnitSettings() {
      return parseDocs<UnitSettings>(all(s.allSettings))
    },
    async saveUnitSettings(settings) {
      rows.saveSettings(settings)
      return settings
    },
  }
}
