import { isIP } from 'node:net'
import type { FastifyRequest } from 'fastify'
import { isLoopbackAddress } from './loopback'

/**
 * Whom the local host believes about the client's address (SIDAN_TRUST_PROXY, Fastify's `trustProxy`): nobody (off,
 * the default: the address is the connection's, and X-Forwarded-For is ignored), the last `n` proxies in front of it
 * (a hop count), or the proxies at these addresses (IPs or CIDR ranges, or proxy-addr's names loopback, linklocal,
 * uniquelocal). When set, the per-address rate limit counts the client X-Forwarded-For names behind the trusted
 * proxies; a client's own forged entries lie beyond them and change nothing.
 */
export type TrustProxy = false | number | string[]

const PROXY_ADDR_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])
const MAX_HOPS = 10

function isAddressOrRange(entry: string): boolean {
  if (PROXY_ADDR_NAMES.has(entry)) return true
  const [address, bits, extra] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || extra !== undefined) return false
  if (bits === undefined) return true
  const n = Number(bits)
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128)
}

/** SIDAN_TRUST_PROXY: unset, empty or 0 is off; 1–10 a hop count; otherwise a comma-separated list of addresses. */
export function trustProxyFromEnv(raw: string | undefined): TrustProxy {
  const value = (raw ?? '').trim()
  if (value === '' || value === '0') return false
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    if (hops > MAX_HOPS) throw new Error(`SIDAN_TRUST_PROXY: at most ${MAX_HOPS} proxies, got ${value}`)
    return hops
  }
  const entries = value.split(',').map((e) => e.trim()).filter((e) => e !== '')
  const wrong = entries.filter((e) => !isAddressOrRange(e))
  if (entries.length === 0 || wrong.length > 0) {
    throw new Error(
      `SIDAN_TRUST_PROXY must be a number of proxies (1) or their addresses (127.0.0.1,10.0.0.0/8), not "${wrong.join(',') || value}"` +
        ' ("true" would believe any client about its address)',
    )
  }
  return entries
}

/**
 * The option for Fastify. A hop count becomes a function, because Fastify 5.12 trusts nobody for a bare number (a
 * client that reaches the host directly could name any address by sending enough hops): here `n` trusts the nearest
 * n hops only when the first of them, the connection, is on this machine (a proxy on the same host, which is what
 * a count is for); a connection from elsewhere is then the client, whatever it sends. A proxy on another machine is
 * given by its address instead.
 */
export function fastifyTrustProxy(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust !== 'number') return trust
  const hops = trust
  return (address, hop) => hop < hops && (hop > 0 || isLoopbackAddress(address))
}

/** Headers a proxy adds: a request carrying one came through a proxy, whatever its connection says. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'] as const

/**
 * Whether a request comes from this machine itself, not through a proxy: its connection is from a loopback address
 * and it carries no forwarding header. A reverse proxy on the same machine connects from 127.0.0.1, so the
 * connection alone would make every client it forwards look local; the proxy's X-Forwarded-For gives it away (the
 * nginx snippet in the README sets it). For /api/dev/*, whatever SIDAN_TRUST_PROXY says.
 */
export function isDirectLoopback(req: FastifyRequest): boolean {
  if (FORWARDING_HEADERS.some((h) => req.headers[h] !== undefined)) return false
  const peer = req.socket?.remoteAddress
  return peer !== undefined && isLoopbackAddress(peer)
}
