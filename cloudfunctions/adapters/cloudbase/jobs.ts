import type { JobStore } from '~core/ports'
import { type Conn, sdk } from './db'

export function createJobStore(c: Conn): JobStore {
  return {
    async getCursors(job) {
      const doc = await c.getDoc('job_cursors', job)
      return { ...((doc?.cursors as Record<string, string> | undefined) ?? {}) }
    },

    async saveCursors(job, cursors) {
      await sdk(c.col('job_cursors').doc(job).set({ data: { cursors } }))
    },
  }
}
