import type { UploadStore } from '~core/ports'
import type { UploadRecord } from '~types'
import { type Conn, fromDoc, sdk } from './db'

/**
 * Activity photos (`uploads`, one document per file by its id; index traceId for a content-security verdict).
 * A verdict is one conditional update on the upload still awaiting that trace, so a repeated push changes nothing.
 */
export function createUploadStore(c: Conn): UploadStore {
  const col = () => c.col('uploads')
  return {
    async saveUpload(record) {
      if (await c.insert('uploads', record)) return { record, created: true }
      const stored = await c.getDoc('uploads', record.id)
      return { record: stored ? fromDoc<UploadRecord>(stored) : record, created: false }
    },
    async getUploads(ids) {
      if (ids.length === 0) return []
      return (await c.readIds('uploads', ids)).map((d) => fromDoc<UploadRecord>(d))
    },
    async applyVerdict(traceId, patch) {
      const { data } = await sdk(col().where({ traceId }).limit(1).get())
      if (data.length === 0) return null
      const stored = fromDoc<UploadRecord>(data[0])
      if (stored.check !== 'pending') return null
      const change = { ...patch, traceId: null }
      const res = await sdk(col().where({ _id: stored.id, traceId, check: 'pending' }).update({ data: change }))
      return res.stats.updated === 1 ? { ...stored, ...change } : null
    },
  }
}
