import type { PhotoCheck, UploadRecord } from '~types'

/** The activity photos of orders (issue 10): one record per uploaded file, with its content-security state. */
export interface UploadStore {
  /** Inserts; an upload with the same id already stored (a retried attach) is kept and returned instead. */
  saveUpload(record: UploadRecord): Promise<{ record: UploadRecord; created: boolean }>
  /** The uploads with these ids that exist (any order; missing ones are left out). */
  getUploads(ids: readonly string[]): Promise<UploadRecord[]>
  /**
   * Applies a content-security verdict to the upload awaiting `traceId` (check `pending`), setting its check,
   * visibility and checkedAt and clearing the trace; answers the upload after, or null when none awaits it (an
   * unknown trace, or a verdict already applied: a repeated push changes nothing).
   */
  applyVerdict(traceId: string, patch: { check: Extract<PhotoCheck, 'pass' | 'reject'>; visibility: UploadRecord['visibility']; checkedAt: string }): Promise<UploadRecord | null>
}
