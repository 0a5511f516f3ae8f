/** The scheduled-job state port: its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import { freshStores, type MakeStores } from './helpers'

export function jobsContract(make: MakeStores): void {
  describe('jobs', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('job cursors: empty at first, replaced on save, per job', async () => {
      expect(await stores.jobs.getCursors('cron')).toEqual({})
      await stores.jobs.saveCursors('cron', { placed: 'p1', completed: 'c1' })
      await stores.jobs.saveCursors('other', { x: 'y' })
      expect(await stores.jobs.getCursors('cron')).toEqual({ placed: 'p1', completed: 'c1' })
      await stores.jobs.saveCursors('cron', { dispatched: 'd1' })
      expect(await stores.jobs.getCursors('cron')).toEqual({ dispatched: 'd1' })
      expect(await stores.jobs.getCursors('other')).toEqual({ x: 'y' })
    })
  })
}
