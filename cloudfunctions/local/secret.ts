import { createHmac, randomBytes } from 'node:crypto'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** The file in the data folder (beside the SQLite file) that holds the generated signing secret. */
export const SECRET_FILE = 'secret'

/**
 * The secret tokens are signed with: `SIDAN_SECRET` when set; otherwise one generated on first start into
 * `<data folder>/secret` (mode 0600) and read back on every later start, so that tokens survive a restart. An
 * in-memory database (`:memory:`) keeps nothing across a restart, and gets a fresh secret each start.
 */
export function loadSecret(envSecret: string | undefined, dbFile: string): string {
  if (envSecret) return envSecret
  if (dbFile === ':memory:') return randomBytes(32).toString('hex')
  const dir = path.dirname(dbFile)
  const file = path.join(dir, SECRET_FILE)
  mkdirSync(dir, { recursive: true })
  try {
    // 'wx': only the first of two hosts starting at once writes it; the other reads what the first wrote
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
  }
  for (let attempt = 0; ; attempt++) {
    const secret = readFileSync(file, 'utf8').trim()
    if (secret.length >= 32) {
      chmodSync(file, 0o600)
      return secret
    }
    // written by another host a moment ago and not yet complete
    if (attempt >= 50) throw new Error(`${file}: the signing secret is empty or too short; delete the file to make a new one`)
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10)
  }
}

/**
 * The key of the check-in codes (deps.secrets.checkin), derived from the host's signing secret: one secret to keep,
 * and a code reveals nothing about the tokens' key.
 */
export function checkinSecretOf(secret: string): string {
  return createHmac('sha256', secret).update('sidan-checkin-codes').digest('hex')
}
