import type { AuditEntry, AuditKind, Page } from '~types'
import type { PageRequest } from './paging'

/**
 * The audit log (issue 13): entries of sensitive actions, written by the server and never edited. Every method is
 * one round trip. An entry whose change is itself one write (a contact reveal by a lifecycle action) rides in that
 * write instead (OrderStore.transition's `audit`); the others are recorded here right after the change they record.
 */
export interface AuditStore {
  /**
   * Inserts each entry unless one with its id is stored (a retry, or a reveal already recorded that day): an entry
   * is never replaced. Answers how many were new. Several entries are one write (one transaction on SQLite).
   */
  record(entries: AuditEntry[]): Promise<number>
  /** Entries newest first (at, then id), of one kind and/or one unit when given, after the cursor of the previous page. */
  list(query: AuditQuery, page: PageRequest): Promise<Page<AuditEntry>>
  /**
   * The entries of one kind about one target (an order's contact reveals), newest first, at most `limit`. On
   * CloudBase this includes those still riding in the order's outbox (see OrderStore.transition).
   */
  listByTarget(kind: AuditKind, targetId: string, limit: number): Promise<AuditEntry[]>
}

export interface AuditQuery {
  kind?: AuditKind
  unitId?: string
}
