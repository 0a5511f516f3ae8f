/**
 * `npm run backup` (scripts/backup.ts): a consistent copy of the SQLite file while the host writes to it in WAL
 * mode, including what is still only in the -wal file, checked, never overwriting a file.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStores } from '~adapters/sqlite'
import { backupDatabase, defaultDestination } from '~scripts/backup'
import { makeOrder } from './fixtures'

describe('backing up the SQLite database (npm run backup)', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'sidan-backup-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('copies every committed row, also those still in the WAL, while the host keeps its connection open', async () => {
    const file = path.join(dir, 'sidan.db')
    const host = createSqliteStores({ filename: file })
    try {
      for (let i = 0; i < 20; i++) await host.orders.insertOrder(makeOrder())
      // no checkpoint: the last orders are in sidan.db-wal only
      expect(statSync(`${file}-wal`).size).toBeGreaterThan(0)
      const copy = path.join(dir, 'copy', 'backup.db')
      const { pages, bytes } = await backupDatabase(file, copy)
      expect(pages).toBeGreaterThan(0)
      expect(bytes).toBeGreaterThan(0)
      // the host goes on writing; the copy holds what was there when it was taken
      await host.orders.insertOrder(makeOrder())
      const restored = createSqliteStores({ filename: copy })
      try {
        const count = (s: typeof host) => (s.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n
        expect(count(restored)).toBe(20)
        expect(count(host)).toBe(21)
      } finally {
        restored.close()
      }
      await expect(backupDatabase(file, copy)).rejects.toThrow('exists already')
      await expect(backupDatabase(path.join(dir, 'missing.db'), path.join(dir, 'x.db'))).rejects.toThrow('no database file')
    } finally {
      host.close()
    }
  })

  it('runs as npm run backup: SIDAN_DB to the file given, or to .data/backups/sidan-<time>.db beside it', () => {
    const file = path.join(dir, 'sidan.db')
    createSqliteStores({ filename: file }).close()
    const copy = path.join(dir, 'nightly.db')
    const run = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../scripts/backup.ts'), copy], {
      cwd: path.resolve(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', SIDAN_DB: file },
      encoding: 'utf8',
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('备份完成')
    expect(existsSync(copy)).toBe(true)
    expect(defaultDestination(file, new Date('2026-03-02T01:00:00.123Z'))).toBe(path.join(dir, 'backups', 'sidan-2026-03-02T01-00-00Z.db'))
  }, 30_000)
})
