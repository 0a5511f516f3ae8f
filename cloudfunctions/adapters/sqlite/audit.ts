import type { AuditEntry } from '~types'
import type { AuditStore } from '~core/ports'
import { all, type Database, decodeKey, HIGH, keyParams, parseDocs, perDatabase, prepareAll, toPage, writeTx } from './db'

const newestFirst = `AND (at, id) < (@afterAt, @afterId) ORDER BY at DESC, id DESC LIMIT @limit`

export const AUDIT_SQL = {
  insertAudit: `
    INSERT INTO audit (id, kind, unit_id, target_id, at, doc) VALUES (@id, @kind, @unitId, @targetId, @at, @doc)
    ON CONFLICT (id) DO NOTHING`,
  auditPage: `SELECT at, id, doc FROM audit WHERE 1 = 1 ${newestFirst}`,
  auditKindPage: `SELECT at, id, doc FROM audit WHERE kind = @kind ${newestFirst}`,
  auditUnitPage: `SELECT at, id, doc FROM audit WHERE unit_id = @unitId ${newestFirst}`,
  auditUnitKindPage: `SELECT at, id, doc FROM audit WHERE unit_id = @unitId AND kind = @kind ${newestFirst}`,
  auditByTarget: `SELECT doc FROM audit WHERE target_id = @targetId AND kind = @kind ORDER BY at DESC LIMIT @limit`,
}

/** Audit rows, for a write of another port that records its entries in its own transaction (orders.transition). */
export const auditRows = perDatabase((db) => {
  const s = prepareAll(db, { insertAudit: AUDIT_SQL.insertAudit })
  return {
    /** Inserts the entry unless its id is stored; true when it was new. Call inside a write transaction. */
    insert: (e: AuditEntry) =>
      s.insertAudit.run({ id: e.id, kind: e.kind, unitId: e.unitId, targetId: e.targetId, at: e.at, doc: JSON.stringify(e) }).changes > 0,
  }
})

export function createAuditStore(db: Database.Database): AuditStore {
  const s = prepareAll(db, AUDIT_SQL)
  const rows = auditRows(db)
  const record = writeTx(db, (entries: AuditEntry[]) => entries.filter((e) => rows.insert(e)).length)
  return {
    async record(entries) {
      return entries.length === 0 ? 0 : record(entries)
    },
    async list(query, page) {
      const stmt = query.unitId ? (query.kind ? s.auditUnitKindPage : s.auditUnitPage) : query.kind ? s.auditKindPage : s.auditPage
      const found = all<{ at: string; id: string; doc: string }>(stmt, {
        ...(query.kind ? { kind: query.kind } : {}),
        ...(query.unitId ? { unitId: query.unitId } : {}),
        ...keyParams(decodeKey(page.cursor, HIGH)),
        limit: page.limit + 1,
      })
      return toPage(parseDocs<AuditEntry>(found), found.map((r) => ({ at: r.at, id: r.id })), page.limit)
    },
    async listByTarget(kind, targetId, limit) {
      return parseDocs<AuditEntry>(all(s.auditByTarget, { kind, targetId, limit }))
    },
  }
}
