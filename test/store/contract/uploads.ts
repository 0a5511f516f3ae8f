/** The uploads port (issue 10, activity photos): its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import type { UploadRecord } from '~types'
import { at } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function makeUpload(id: string, over: Partial<UploadRecord> = {}): UploadRecord {
  return {
    id,
    orderId: 'o-1',
    path: `orders/o-1/${id}.jpg`,
    ref: `${id}.jpg`,
    uploaderId: 'u-vol',
    mime: 'image/jpeg',
    bytes: 2048,
    createdAt: at(0),
    check: 'pending',
    traceId: `trace-${id}`,
    checkedAt: null,
    visibility: 'private',
    ...over,
  }
}

export function uploadsContract(make: MakeStores): void {
  describe('uploads', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('saveUpload inserts once; the same id again keeps the stored record', async () => {
      const record = makeUpload('f-1')
      expect(await stores.uploads.saveUpload(record)).toEqual({ record, created: true })
      expect(await stores.uploads.saveUpload({ ...record, bytes: 9 })).toEqual({ record, created: false })
      expect(await stores.uploads.getUploads(['f-1'])).toEqual([record])
    })

    test('a goods picture (no order, its unit) keeps its unitId through save, read and verdict', async () => {
      const picture = makeUpload('f-g', { orderId: '', unitId: 'unit-tanwei', path: 'goods/unit-tanwei/f-g.jpg', traceId: 'trace-g' })
      expect(await stores.uploads.saveUpload(picture)).toEqual({ record: picture, created: true })
      expect(await stores.uploads.getUploads(['f-g'])).toEqual([picture])
      const after = await stores.uploads.applyVerdict('trace-g', { check: 'pass', visibility: 'public', checkedAt: at(1) })
      expect(after).toEqual({ ...picture, check: 'pass', visibility: 'public', checkedAt: at(1), traceId: null })
    })

    test('getUploads answers the ones that exist, whatever their order', async () => {
      const a = makeUpload('f-a')
      const b = makeUpload('f-b', { orderId: 'o-2', path: 'orders/o-2/f-b.jpg', check: 'unchecked', traceId: null })
      await stores.uploads.saveUpload(a)
      await stores.uploads.saveUpload(b)
      const found = await stores.uploads.getUploads(['f-b', 'f-none', 'f-a'])
      expect(found.map((u) => u.id).sort()).toEqual(['f-a', 'f-b'])
      expect(found.find((u) => u.id === 'f-b')).toEqual(b)
      expect(await stores.uploads.getUploads([])).toEqual([])
    })

    test('applyVerdict sets the check and visibility of the upload awaiting the trace, once', async () => {
      await stores.uploads.saveUpload(makeUpload('f-1'))
      await stores.uploads.saveUpload(makeUpload('f-2'))
      const passed = await stores.uploads.applyVerdict('trace-f-1', { check: 'pass', visibility: 'public', checkedAt: at(5) })
      expect(passed).toEqual({ ...makeUpload('f-1'), check: 'pass', visibility: 'public', checkedAt: at(5), traceId: null })
      // a repeated push, an unknown trace: nothing changes
      expect(await stores.uploads.applyVerdict('trace-f-1', { check: 'reject', visibility: 'private', checkedAt: at(6) })).toBeNull()
      expect(await stores.uploads.applyVerdict('trace-none', { check: 'pass', visibility: 'public', checkedAt: at(6) })).toBeNull()
      const [one, two] = await stores.uploads.getUploads(['f-1', 'f-2']).then((us) => us.sort((x, y) => x.id.localeCompare(y.id)))
      expect(one).toEqual(passed)
      expect(two).toEqual(makeUpload('f-2'))
    })

    test('an upload that was never sent to be checked (unchecked) takes no verdict', async () => {
      await stores.uploads.saveUpload(makeUpload('f-1', { check: 'unchecked', traceId: null }))
      expect(await stores.uploads.applyVerdict('trace-f-1', { check: 'pass', visibility: 'public', checkedAt: at(5) })).toBeNull()
      expect((await stores.uploads.getUploads(['f-1']))[0].visibility).toBe('private')
    })
  })
}
