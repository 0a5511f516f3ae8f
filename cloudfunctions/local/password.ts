import { randomBytes, scrypt, type ScryptOptions, timingSafeEqual } from 'node:crypto'

/**
 * Password hashing for the local host's sign-in: scrypt from node:crypto, a fresh salt per password. The one place
 * its parameters live: N = 2^15, r = 8, p = 1 (32 MiB and about 70 ms a hash on a 2-core VM), a 32-byte key and a
 * 16-byte salt. They are stored with each hash (`scrypt$N$r$p$salt$key`, base64url), so raising them later leaves
 * older hashes verifiable.
 */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltBytes: 16 } as const

const maxmem = (N: number, r: number) => 128 * N * r * 2

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: maxmem(N, r) }
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))))
}

export async function hashPassword(password: string): Promise<string> {
  const { N, r, p, keyLength, saltBytes } = SCRYPT
  const salt = randomBytes(saltBytes)
  const key = await derive(password, salt, N, r, p, keyLength)
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** Whether `password` is the one `stored` was made from (false for a stored value that is not a hash of ours). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !key) return false
  const expected = Buffer.from(key, 'base64url')
  const N = Number(n)
  if (![N, Number(r), Number(p)].every((x) => Number.isSafeInteger(x) && x > 0) || expected.length === 0) return false
  const given = await derive(password, Buffer.from(salt, 'base64url'), N, Number(r), Number(p), expected.length)
  return timingSafeEqual(given, expected)
}

let dummy: Promise<string> | null = null

/**
 * A hash of no one's password, checked when a login names a phone number nobody registered, so that such a login
 * takes as long as a wrong password (the answer's timing does not tell whether a number has an account).
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(16).toString('hex'))
  return dummy
}
