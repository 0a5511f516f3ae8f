import type { AuditEntry } from '~types'
import type { AuditStore } from '~core/ports'
import { clampLimit, cmpKey, type Conn, fromDoc, PAGE, sdk } from './db'
import { auditOutboxOf } from './orders'

/**
 * The audit log (`audit`, one document per entry by its deterministic id). record: one insert per entry (a
 * duplicate id means it is stored already), a few at a time; list: one keyset page on (at, _id) descending, with
 * kind and/or unitId (indexes in deploy/manifest.json). A transition's reveals ride in the order's outbox until the
 * delivery run moves them here (flushOutboxes), so listByTarget reads the order document beside the query.
 */
export function createAuditStore(c: Conn): AuditStore {
  return {
    async record(entries) {
      if (entries.length === 0) return 0
      return (await c.insertEach('audit', entries)).length
    },

    async list(query, page) {
      const where = { ...(query.kind ? { kind: query.kind } : {}), ...(query.unitId ? { unitId: query.unitId } : {}) }
      return c.page<AuditEntry>('audit', where, 'at', 'desc', page)
    },

    /** Two requests in parallel: the entries stored, and the order document whose outbox may hold newer ones. */
    async listByTarget(kind, targetId, limit) {
      const n = Math.min(clampLimit(limit), PAGE)
      const [stored, order] = await Promise.all([
        sdk(c.col('audit').where({ targetId, kind }).orderBy('at', 'desc').limit(n).get()),
        kind === 'contactRevealed' ? c.getDoc('orders', targetId) : Promise.resolve(null),
      ])
      const byId = new Map<string, AuditEntry>()
      for (const e of stored.data.map((d) => fromDoc<AuditEntry>(d))) byId.set(e.id, e)
      for (const e of auditOutboxOf(order)) if (e.kind === kind && e.targetId === targetId && !byId.has(e.id)) byId.set(e.id, e)
      return [...byId.values()].sort((a, b) => cmpKey(b.at, a.at) || cmpKey(b.id, a.id)).slice(0, n)
    },
  }
}
