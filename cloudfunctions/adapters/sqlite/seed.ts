import type { ImportData, SeedStore } from '~core/ports'
import { type Database, one, prepareAll, writeTx } from './db'
import { catalogRows } from './catalog'
import { membershipRows } from './memberships'
import { userRows } from './users'

export const SEED_SQL = {
  anyUnit: `SELECT EXISTS (SELECT 1 FROM units) AS present`,
}

export function createSeedStore(db: Database.Database): SeedStore {
  const s = prepareAll(db, SEED_SQL)
  const catalog = catalogRows(db)
  const users = userRows(db)
  const memberships = membershipRows(db)

  const importData = writeTx(db, (data: ImportData): void => {
    for (const u of data.units) catalog.insertUnit(u)
    for (const t of data.themes) catalog.insertTheme(t)
    for (const item of data.menuItems) catalog.saveMenuItem(item)
    for (const team of data.teams) catalog.writeTeam(team)
    for (const user of data.users) {
      if (!users.insert(user)) throw new Error(`importData: user ${user.id} exists`)
    }
    for (const m of data.memberships) {
      if (!memberships.insert(m)) throw new Error(`importData: membership ${m.id} exists`)
    }
    for (const settings of data.settings ?? []) catalog.saveSettings(settings)
  })

  return {
    async isEmpty() {
      return one<{ present: number }>(s.anyUnit)!.present === 0
    },
    async importData(data) {
      importData(data)
    },
  }
}
