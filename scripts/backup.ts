/**
 * `npm run backup [-- <file>]`: a consistent copy of the local host's SQLite database while the host runs. The
 * database is in WAL mode, so copying the file alone may miss what is still in `<file>-wal` (or copy a page
 * half-written); this uses SQLite's online backup (better-sqlite3 `backup()`), which copies page by page from one
 * read snapshot while the host goes on writing, then checks the copy (`PRAGMA integrity_check`). The source is
 * SIDAN_DB (default `.data/sidan.db`); the copy goes to the file given, or `.data/backups/sidan-<UTC time>.db`, and
 * an existing file is never overwritten. Restore: stop the host, put the copy in place of the database (and remove
 * its `-wal` and `-shm` files), start the host.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'

export async function backupDatabase(source: string, destination: string): Promise<{ pages: number; bytes: number }> {
  if (source === ':memory:' || !existsSync(source)) throw new Error(`backup: no database file at ${source}`)
  if (existsSync(destination)) throw new Error(`backup: ${destination} exists already; give another name`)
  mkdirSync(path.dirname(destination), { recursive: true })
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    const { totalPages } = await db.backup(destination)
    const copy = new Database(destination, { readonly: true, fileMustExist: true })
    try {
      const check = copy.pragma('integrity_check', { simple: true })
      if (check !== 'ok') throw new Error(`backup: the copy at ${destination} fails its integrity check: ${String(check)}`)
    } finally {
      copy.close()
    }
    return { pages: totalPages, bytes: statSync(destination).size }
  } finally {
    db.close()
  }
}

/** `.data/backups/sidan-2026-03-02T09-00-00Z.db` beside the database's own folder. */
export function defaultDestination(source: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')
  return path.join(path.dirname(source), 'backups', `sidan-${stamp}.db`)
}

if (require.main === module) {
  const root = path.resolve(__dirname, '..')
  const source = process.env.SIDAN_DB ?? path.join(root, '.data', 'sidan.db')
  const destination = process.argv[2] ?? defaultDestination(source)
  backupDatabase(source, destination).then(
    ({ pages, bytes }) => console.log(`备份完成 / backup done: ${destination} (${pages} pages, ${bytes} bytes)`),
    (e: Error) => {
      console.error(e.message)
      process.exit(1)
    },
  )
}
