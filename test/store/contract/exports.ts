/** The exports port (issue 9): its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import type { ExportRecord } from '~types'
import { at } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function makeExport(id: string, over: Partial<ExportRecord> = {}): ExportRecord {
  return {
    id,
    ownerId: 'u-manager',
    kind: 'activities',
    format: 'xlsx',
    unitId: 'i1',
    from: at(0),
    to: at(60),
    fileName: '东区所_志愿服务台账_2026-03.xlsx',
    fileRef: `${id}.xlsx`,
    rows: 12,
    bytes: 4096,
    createdAt: at(0),
    expiresAt: at(24 * 60),
    ...over,
  }
}

export function exportsContract(make: MakeStores): void {
  describe('exports', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('saveExport inserts once; the same id again keeps the stored record', async () => {
      const record = makeExport('exp-1')
      expect(await stores.exports.saveExport(record)).toEqual({ record, created: true })
      expect(await stores.exports.saveExport({ ...record, fileRef: 'other.xlsx' })).toEqual({ record, created: false })
      expect(await stores.exports.getExport('exp-1')).toEqual(record)
      expect(await stores.exports.getExport('exp-none')).toBeNull()
    })

    test('listExpiredExports: expiresAt at or before now, oldest first, at most limit; deleteExports removes them', async () => {
      const records = [makeExport('e-3', { expiresAt: at(30) }), makeExport('e-1', { expiresAt: at(10) }), makeExport('e-2', { expiresAt: at(20) }), makeExport('e-4', { expiresAt: at(40) })]
      for (const r of records) await stores.exports.saveExport(r)
      expect((await stores.exports.listExpiredExports(at(30), 10)).map((r) => r.id)).toEqual(['e-1', 'e-2', 'e-3'])
      expect((await stores.exports.listExpiredExports(at(30), 2)).map((r) => r.id)).toEqual(['e-1', 'e-2'])
      expect(await stores.exports.listExpiredExports(at(5), 10)).toEqual([])
      expect(await stores.exports.listExpiredExports(at(50), 0)).toEqual([])
      expect(await stores.exports.deleteExports(['e-1', 'e-2', 'e-none'])).toBe(2)
      expect(await stores.exports.deleteExports([])).toBe(0)
      expect((await stores.exports.listExpiredExports(at(50), 10)).map((r) => r.id)).toEqual(['e-3', 'e-4'])
      expect(await stores.exports.getExport('e-1')).toBeNull()
    })
  })
}
