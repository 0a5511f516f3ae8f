import type { SeedStore } from '~core/ports'
import { body, type CollectionName, type Conn, mapLimit, sdk, WRITE_CONCURRENCY } from './db'

export function createSeedStore(c: Conn): SeedStore {
  return {
    async isEmpty() {
      const [units, users] = await Promise.all([sdk(c.col('units').limit(1).get()), sdk(c.col('users').limit(1).get())])
      return units.data.length === 0 && users.data.length === 0
    },

    /**
     * Not one transaction (a county is thousands of documents): every document is `set` by id, so an interrupted
     * import is completed by running it again. Units go last.
     */
    async importData(data) {
      const groups: Array<[CollectionName, Array<{ id: string }>]> = [
        ['themes', data.themes],
        ['menu_items', data.menuItems],
        ['teams', data.teams],
        ['users', data.users],
        ['memberships', data.memberships],
        ['unit_settings', (data.settings ?? []).map((x) => ({ id: x.unitId, ...x }))],
        ['units', data.units],
      ]
      for (const [name, docs] of groups) {
        await mapLimit(docs, WRITE_CONCURRENCY, (doc) => sdk(c.col(name).doc(doc.id).set({ data: body(doc) })))
      }
    },
  }
}
