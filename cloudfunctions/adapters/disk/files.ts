import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs'
import path from 'node:path'
import type { FileStorage } from '~core/ports'

export type DiskFiles = FileStorage & {
  /** the file behind a reference, for the local host's download route */
  pathOf(ref: string): string
  dir: string
}

/** A reference is a bare file name inside the folder (never a path), so nothing outside it can be named. */
const SAFE_NAME = /^[A-Za-z0-9_.-]{1,120}$/

/**
 * Files in a folder of the data directory (the local host's exports: `.data/exports/` beside the SQLite file). The
 * URL is the host's download route, which checks the caller's token (local/server.ts).
 */
export function createDiskFiles(dir: string, urlBase = '/api/exports/'): DiskFiles {
  mkdirSync(dir, { recursive: true })
  const pathOf = (ref: string) => {
    if (!SAFE_NAME.test(ref)) throw new Error(`disk files: bad reference ${JSON.stringify(ref)}`)
    return path.join(dir, ref)
  }
  return {
    dir,
    pathOf,
    async put(name, localPath) {
      const target = pathOf(name)
      try {
        renameSync(localPath, target)
      } catch {
        // another device (a temporary folder elsewhere): copy, then drop the temporary file
        copyFileSync(localPath, target)
        rmSync(localPath, { force: true })
      }
      return name
    },
    async url(_ref, exportId) {
      return urlBase + encodeURIComponent(exportId)
    },
    async exists(ref) {
      return SAFE_NAME.test(ref) && existsSync(path.join(dir, ref))
    },
    async remove(refs) {
      for (const ref of refs) if (SAFE_NAME.test(ref)) rmSync(path.join(dir, ref), { force: true })
    },
  }
}
