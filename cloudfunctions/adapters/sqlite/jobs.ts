import type { JobStore } from '~core/ports'
import { type Database, one, prepareAll } from './db'

export const JOBS_SQL = {
  cursorsByJob: `SELECT doc FROM job_cursors WHERE job = @job`,
  putCursors: `
    INSERT INTO job_cursors (job, doc) VALUES (@job, @doc) ON CONFLICT (job) DO UPDATE SET doc = excluded.doc`,
}

export function createJobStore(db: Database.Database): JobStore {
  const s = prepareAll(db, JOBS_SQL)
  return {
    async getCursors(job) {
      const row = one<{ doc: string }>(s.cursorsByJob, { job })
      return row ? (JSON.parse(row.doc) as Record<string, string>) : {}
    },
    async saveCursors(job, cursors) {
      s.putCursors.run({ job, doc: JSON.stringify(cursors) })
    },
  }
}
