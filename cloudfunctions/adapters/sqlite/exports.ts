import type { ExportStore } from '~core/ports'
import type { ExportRecord } from '~types'
import { all, type Database, one, parseDoc, parseDocs, prepareAll, writeTx } from './db'

export const EXPORTS_SQL = {
  exportById: `SELECT doc FROM exports WHERE id = @id`,
  insertExport: `
    INSERT INTO exports (id, owner_id, expires_at, doc) VALUES (@id, @ownerId, @expiresAt, @doc)
    ON CONFLICT (id) DO NOTHING`,
  expiredExports: `SELECT doc FROM exports WHERE expires_at <= @now ORDER BY expires_at, id LIMIT @limit`,
  deleteExports: `DELETE FROM exports WHERE id IN (SELECT value FROM json_each(@ids))`,
}

export function createExportStore(db: Database.Database): ExportStore {
  const s = prepareAll(db, EXPORTS_SQL)
  const save = writeTx(db, (r: ExportRecord): { record: ExportRecord; created: boolean } => {
    const row = { id: r.id, ownerId: r.ownerId, expiresAt: r.expiresAt, doc: JSON.stringify(r) }
    if (s.insertExport.run(row).changes === 1) return { record: r, created: true }
    return { record: parseDoc<ExportRecord>(one(s.exportById, { id: r.id }))!, created: false }
  })
  return {
    async saveExport(record) {
      return save(record)
    },
    async getExport(id) {
      return parseDoc<ExportRecord>(one(s.exportById, { id }))
    },
    async listExpiredExports(now, limit) {
      if (limit <= 0) return []
      return parseDocs<ExportRecord>(all(s.expiredExports, { now, limit: Math.floor(limit) }))
    },
    async deleteExports(ids) {
      if (ids.length === 0) return 0
      return s.deleteExports.run({ ids: JSON.stringify(ids) }).changes
    },
  }
}
