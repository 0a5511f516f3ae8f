import type { MenuItem, OrgUnit, Theme } from '~types'
import type { ImportData, Store } from '~core/store'
import { all, one, parseDoc, parseDocs, type Context, writeTx } from './db'
import { insertMembershipRow, writeTeam } from './teams'
import { insertUserRow } from './users'

type CatalogMethods = Pick<
  Store,
  'listUnits' | 'getUnit' | 'listThemes' | 'listMenuItems' | 'getMenuItem' | 'saveMenuItem' | 'isEmpty' | 'importData'
>

export function catalogMethods(ctx: Context): CatalogMethods {
  const { db, s } = ctx

  const saveMenuItem = (item: MenuItem) => {
    const row = { id: item.id, orgUnitId: item.orgUnitId, themeId: item.themeId, title: item.title }
    s.upsertMenuItem.run({ ...row, doc: JSON.stringify(item) })
  }

  const importData = writeTx(db, (data: ImportData): void => {
    for (const u of data.units) s.insertUnit.run({ id: u.id, doc: JSON.stringify(u) })
    for (const t of data.themes) s.insertTheme.run({ id: t.id, sort: t.sort, doc: JSON.stringify(t) })
    for (const item of data.menuItems) saveMenuItem(item)
    for (const team of data.teams) writeTeam(ctx, team)
    for (const user of data.users) {
      if (!insertUserRow(ctx, user)) throw new Error(`importData: user ${user.id} exists`)
    }
    for (const m of data.memberships) {
      if (!insertMembershipRow(ctx, m)) throw new Error(`importData: membership ${m.id} exists`)
    }
    for (const settings of data.settings ?? []) s.putSettings.run({ unitId: settings.unitId, doc: JSON.stringify(settings) })
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
      saveMenuItem(item)
      return item
    },
    async isEmpty() {
      return one<{ present: number }>(s.anyUnit)!.present === 0
    },
    async importData(data) {
      importData(data)
    },
  }
}
