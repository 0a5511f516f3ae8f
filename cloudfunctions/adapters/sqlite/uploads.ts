import type { UploadStore } from '~core/ports'
import type { UploadRecord } from '~types'
import { all, type Database, one, parseDoc, parseDocs, prepareAll, writeTx } from './db'

export const UPLOADS_SQL = {
  uploadById: `SELECT doc FROM uploads WHERE id = @id`,
  uploadsByIds: `SELECT doc FROM uploads WHERE id IN (SELECT value FROM json_each(@ids))`,
  uploadByTrace: `SELECT doc FROM uploads WHERE trace_id = @traceId`,
  insertUpload: `
    INSERT INTO uploads (id, order_id, trace_id, doc) VALUES (@id, @orderId, @traceId, @doc)
    ON CONFLICT (id) DO NOTHING`,
  updateUpload: `UPDATE uploads SET trace_id = @traceId, doc = @doc WHERE id = @id`,
}

export function createUploadStore(db: Database.Database): UploadStore {
  const s = prepareAll(db, UPLOADS_SQL)
  const save = writeTx(db, (r: UploadRecord): { record: UploadRecord; created: boolean } => {
    if (s.insertUpload.run({ id: r.id, orderId: r.orderId, traceId: r.traceId, doc: JSON.stringify(r) }).changes === 1) return { record: r, created: true }
    return { record: parseDoc<UploadRecord>(one(s.uploadById, { id: r.id }))!, created: false }
  })
  const verdict = writeTx(db, (traceId: string, patch: Pick<UploadRecord, 'check' | 'visibility' | 'checkedAt'>): UploadRecord | null => {
    const stored = parseDoc<UploadRecord>(one(s.uploadByTrace, { traceId }))
    if (!stored || stored.check !== 'pending') return null
    const next: UploadRecord = { ...stored, ...patch, traceId: null }
    s.updateUpload.run({ id: next.id, traceId: null, doc: JSON.stringify(next) })
    return next
  })
  return {
    async saveUpload(record) {
      return save(record)
    },
    async getUploads(ids) {
      if (ids.length === 0) return []
      return parseDocs<UploadRecord>(all(s.uploadsByIds, { ids: JSON.stringify(ids) }))
    },
    async applyVerdict(traceId, patch) {
      return verdict(traceId, patch)
    },
  }
}
