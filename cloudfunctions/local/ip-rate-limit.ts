import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { isLoopbackAddress } from './loopback'

/**
 * Requests per address on the local host's /api/* (@fastify/rate-limit, counted in the process: the host is one
 * process). Generous, against a flood from one machine; the limits per person (core/rate-limits.ts) are what a
 * person meets. Loopback addresses are exempt unless `includeLoopback`: the tests, the bench and the browser journeys
 * hammer the host from 127.0.0.1. The address is `req.ip`: the connection's, or behind a reverse proxy named in
 * SIDAN_TRUST_PROXY the client that proxy names (trust-proxy.ts), so its clients are counted one by one.
 */
export interface IpRateLimit {
  /** requests per address and window; 0 turns the limit off */
  max: number
  windowMs: number
  includeLoopback: boolean
}

export const DEFAULT_IP_RATE_LIMIT: IpRateLimit = { max: 300, windowMs: 60_000, includeLoopback: false }

/** The code of the error the plugin throws when an address is over its limit (server.ts answers RATE_LIMITED). */
export const IP_RATE_LIMITED = 'SIDAN_IP_RATE_LIMITED'

export interface IpRateLimitedError extends Error {
  code: typeof IP_RATE_LIMITED
  statusCode: 429
  retrySeconds: number
}

const isLoopbackIp = (ip: string) => isLoopbackAddress(ip.replace(/^::ffff:/i, ''))

/** Registers the limit on the routes of `scope` (and only those: register it in the /api scope). */
export async function registerIpRateLimit(scope: FastifyInstance, limit: IpRateLimit): Promise<void> {
  if (limit.max <= 0) return
  await scope.register(rateLimit, {
    max: limit.max,
    timeWindow: limit.windowMs,
    allowList: (req: FastifyRequest) => !limit.includeLoopback && isLoopbackIp(req.ip),
    errorResponseBuilder: (_req, ctx): IpRateLimitedError =>
      Object.assign(new Error('rate limited'), { code: IP_RATE_LIMITED as typeof IP_RATE_LIMITED, statusCode: 429 as const, retrySeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
  })
}

/** The limit from the environment: SIDAN_RATE_PER_IP (requests a minute, 0 = off), SIDAN_RATE_PER_IP_LOOPBACK=1. */
export function ipRateLimitFromEnv(env: Record<string, string | undefined>): IpRateLimit {
  const raw = env.SIDAN_RATE_PER_IP
  const max = raw === undefined || raw === '' ? DEFAULT_IP_RATE_LIMIT.max : Number(raw)
  if (!Number.isInteger(max) || max < 0) throw new Error(`SIDAN_RATE_PER_IP must be a non-negative integer, got "${raw}"`)
  return { ...DEFAULT_IP_RATE_LIMIT, max, includeLoopback: env.SIDAN_RATE_PER_IP_LOOPBACK === '1' }
}
