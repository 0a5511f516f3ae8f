import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

/** A fresh directory for a section's database files; removed by the returned cleanup. */
export function tempDir(label: string): { dir: string; file: (name: string) => string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sidan-bench-${label}-`))
  return { dir, file: (name) => path.join(dir, name), remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
