import { createHash, randomBytes } from 'node:crypto'

/** A fresh id: time-ordered prefix plus randomness. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`
}

/** A deterministic id from a business key, so a retried request lands on the same record. */
export function keyedId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`
}
