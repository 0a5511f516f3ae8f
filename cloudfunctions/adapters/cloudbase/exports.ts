import type { ExportStore } from '~core/ports'
import type { ExportRecord } from '~types'
import { chunks, type Conn, fromDoc, PAGE, sdk } from './db'

/** Export records (`exports`, one document per file by its id; index expiresAt for the scheduled job's sweep). */
export function createExportStore(c: Conn): ExportStore {
  const _ = c._
  const col = () => c.col('exports')
  return {
    async saveExport(record) {
      if (await c.insert('exports', record)) return { record, created: true }
      const stored = await c.getDoc('exports', record.id)
      return { record: stored ? fromDoc<ExportRecord>(stored) : record, created: false }
    },
    async getExport(id) {
      const doc = await c.getDoc('exports', id)
      return doc ? fromDoc<ExportRecord>(doc) : null
    },
    async listExpiredExports(now, limit) {
      if (limit <= 0) return []
      const { data } = await sdk(col().where({ expiresAt: _.lte(now) }).orderBy('expiresAt', 'asc').orderBy('_id', 'asc').limit(Math.min(Math.floor(limit), PAGE)).get())
      return data.map((d) => fromDoc<ExportRecord>(d))
    },
    async deleteExports(ids) {
      let removed = 0
      for (const part of chunks(ids, PAGE)) {
        const res = await sdk(col().where({ _id: _.in(part) }).remove())
        removed += res.stats.removed
      }
      return removed
    },
  }
}
