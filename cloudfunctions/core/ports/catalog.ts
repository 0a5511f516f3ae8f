import type { MenuItem, OrgUnit, Team, Theme, UnitSettings } from '~types'

/** Organisation and catalog: units, themes, menu items, teams, and each unit's time limits. Every method is one round trip; one that writes several records is atomic. */
export interface CatalogStore {
  listUnits(): Promise<OrgUnit[]>
  getUnit(id: string): Promise<OrgUnit | null>
  listThemes(): Promise<Theme[]>
  /** Active and inactive items of the given units, sorted by theme sort, then title. */
  listMenuItems(unitIds: string[]): Promise<MenuItem[]>
  getMenuItem(id: string): Promise<MenuItem | null>
  /** Insert or replace by id. */
  saveMenuItem(item: MenuItem): Promise<MenuItem>
  /** Teams matching every given filter (ids: any of; unitIds: any of; themeId: serves it). Sorted by name. */
  listTeams(filter: TeamFilter): Promise<Team[]>
  /**
   * Insert or replace a team by id (memberIds of an existing team are kept as stored: members join only through
   * their own approved application). If leaderId is one of those members, atomically gives that user the role
   * leader; it grants nothing else, and nothing to anyone who is not a member (the caller refuses such a leader).
   */
  saveTeam(team: Team): Promise<Team>
  /** Open load (dispatched or claimed orders) and rating (rated orders) per team id. Missing teams get zeros. */
  teamStats(teamIds: string[]): Promise<Record<string, TeamStats>>
  /** The settings of the given units that have any (units without are left out). */
  getUnitSettings(unitIds: string[]): Promise<UnitSettings[]>
  /** Every unit's settings (a county has at most a few hundred units). */
  listUnitSettings(): Promise<UnitSettings[]>
  /** Inserts or replaces the unit's settings. */
  saveUnitSettings(settings: UnitSettings): Promise<UnitSettings>
}

export interface TeamFilter {
  ids?: string[]
  unitIds?: string[]
  themeId?: string
}


export interface TeamStats {
  openLoad: number
  ratingSum: number
  ratingCount: number
  /** orders the team served (completed, rated or closed) */
  served: number
}

