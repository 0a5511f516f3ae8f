import type { ExportRecord } from '~types'

/** The files export.create made (issue 9): each kept a day, for its maker only, then deleted by the scheduled job. */
export interface ExportStore {
  /** Inserts; an export with the same id already stored (a retried create) is kept and returned instead. */
  saveExport(record: ExportRecord): Promise<{ record: ExportRecord; created: boolean }>
  getExport(id: string): Promise<ExportRecord | null>
  /** Exports whose expiresAt is at or before `now`, oldest first, at most `limit`. */
  listExpiredExports(now: string, limit: number): Promise<ExportRecord[]>
  /** Deletes these exports' records (their files are the file storage's); answers how many were deleted. */
  deleteExports(ids: string[]): Promise<number>
}
