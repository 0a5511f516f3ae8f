
/** Scheduled-job state: the saved positions of each sweep. Every method is one round trip; one that writes several records is atomic. */
export interface JobStore {
  /** The saved positions of a job's sweeps (empty when none); a position is an opaque string. */
  getCursors(job: string): Promise<Record<string, string>>
  /** Replaces the saved positions of a job's sweeps. */
  saveCursors(job: string, cursors: Record<string, string>): Promise<void>
}
