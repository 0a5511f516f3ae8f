/** The seed port (bulk load into an empty store): its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import { ids, makeImport, sortedIds, UNITS } from '../fixtures'
import { freshStores, type MakeStores, makeUnitSettings } from './helpers'

export function seedContract(make: MakeStores): void {
  describe('seed', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('isEmpty until importData; importData loads units, themes, items, teams, users and memberships', async () => {
      expect(await stores.seed.isEmpty()).toBe(true)
      const data = makeImport()
      await stores.seed.importData(data)
      expect(await stores.seed.isEmpty()).toBe(false)
      expect(sortedIds(await stores.catalog.listUnits())).toEqual(sortedIds(UNITS))
      expect(await stores.catalog.getUnit('s12')).toEqual(UNITS.find((u) => u.id === 's12'))
      expect(await stores.catalog.getUnit('nowhere')).toBeNull()
      expect(ids(await stores.catalog.listThemes())).toEqual(['th-a', 'th-b', 'th-c'])
      expect(await stores.catalog.getMenuItem('imp-item-2')).toEqual(data.menuItems[1])
      expect(sortedIds(await stores.catalog.listTeams({}))).toEqual(sortedIds(data.teams))
      expect(sortedIds(await stores.users.listUsers())).toEqual(sortedIds(data.users))
      expect(await stores.memberships.getMembership('imp-team-1', data.ids.leader)).toEqual(data.memberships[0])
      expect((await stores.users.getUserByOpenid(data.users[0].openid))?.id).toBe(data.users[0].id)
    })

    test('importData stores the seeded settings', async () => {
      const data = makeImport()
      const seeded = makeUnitSettings(data.units[0].id, { autoCloseDays: 5 })
      await stores.seed.importData({ ...data, settings: [seeded] })
      expect(await stores.catalog.getUnitSettings([seeded.unitId])).toEqual([seeded])
    })
  })
}
