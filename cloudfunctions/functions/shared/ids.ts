import { createHash, randomBytes } from 'node:crypto'
import { INVITE_ALPHABET, INVITE_LENGTH, PICKUP_CODE_ALPHABET, PICKUP_CODE_LENGTH } from '~types'

/** A fresh id: time-ordered prefix plus randomness. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(6).toString('hex')}`
}

/** A deterministic id from a business key, so a retried request lands on the same record. */
export function keyedId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`
}

/**
 * A fresh invite code: INVITE_LENGTH characters of INVITE_ALPHABET from the system's random source, each uniform
 * (bytes at or above the largest multiple of the alphabet's size are drawn again).
 */
export function newInviteCode(): string {
  const n = INVITE_ALPHABET.length
  const below = 256 - (256 % n)
  let code = ''
  while (code.length < INVITE_LENGTH) {
    for (const b of randomBytes(INVITE_LENGTH * 2)) {
      if (b < below && code.length < INVITE_LENGTH) code += INVITE_ALPHABET[b % n]
    }
  }
  return code
}

/** A fresh pickup code (积分超市): PICKUP_CODE_LENGTH characters of PICKUP_CODE_ALPHABET, each uniform, as above. */
export function newPickupCode(): string {
  const n = PICKUP_CODE_ALPHABET.length
  const below = 256 - (256 % n)
  let code = ''
  while (code.length < PICKUP_CODE_LENGTH) {
    for (const b of randomBytes(PICKUP_CODE_LENGTH * 2)) {
      if (b < below && code.length < PICKUP_CODE_LENGTH) code += PICKUP_CODE_ALPHABET[b % n]
    }
  }
  return code
}
