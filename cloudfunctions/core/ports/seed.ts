import type { Membership, MenuItem, OrgUnit, Team, Theme, UnitSettings, User } from '~types'

/** Bulk load of a demo or migrated county into an empty store (local host, tests, bench). Every method is one round trip; one that writes several records is atomic. */
export interface SeedStore {
  isEmpty(): Promise<boolean>
  importData(data: ImportData): Promise<void>
}

export interface ImportData {
  units: OrgUnit[]
  themes: Theme[]
  menuItems: MenuItem[]
  teams: Team[]
  users: User[]
  memberships: Membership[]
  /** the center's seeded limits (the county defaults), and any unit's own */
  settings?: UnitSettings[]
}
