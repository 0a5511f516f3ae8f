/** The load generator: autocannon, with every response's latency kept (its own histogram has no p95). */
import autocannon from 'autocannon'
import { latency, type Latency, nowMs, round } from './measure'

export interface LoadOptions {
  url: string
  body: unknown
  token?: string
  connections: number
  /** run for this long… */
  seconds?: number
  /** …or send exactly this many requests (one per connection when equal to connections) */
  amount?: number
  /** a different token per connection (the contention run: each volunteer taps once) */
  tokens?: string[]
}

export interface LoadResult {
  connections: number
  requests: number
  requestsPerSecond: number
  latencyMs: Latency
  /** responses by HTTP status */
  statuses: Record<string, number>
  errors: number
  /** wall time of the run in ms, from the first connection to the last response */
  wallMs: number
}

export function load(opts: LoadOptions): Promise<LoadResult> {
  const times: number[] = []
  const statuses: Record<string, number> = {}
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (opts.token) headers.authorization = `Bearer ${opts.token}`
  let next = 0
  const started = nowMs()
  let lastResponse = started
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: opts.url,
        method: 'POST',
        headers,
        body: JSON.stringify(opts.body),
        connections: opts.connections,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? 1 }),
        timeout: 30,
        setupClient: opts.tokens
          ? (client) => client.setHeaders({ ...headers, authorization: `Bearer ${opts.tokens![next++ % opts.tokens!.length]}` })
          : undefined,
      },
      (err, result) => {
        if (err) return reject(err)
        // autocannon reports done on its next tick; the run itself ended with the last response
        const wallMs = lastResponse - started
        const seconds = opts.amount ? wallMs / 1000 : result.duration
        resolve({
          connections: opts.connections,
          requests: times.length,
          requestsPerSecond: round(times.length / seconds, 0),
          latencyMs: latency(times),
          statuses,
          errors: result.errors + result.timeouts,
          wallMs: round(wallMs, 1),
        })
      },
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      times.push(responseTime)
      lastResponse = nowMs()
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
    })
  })
}

/** A JSON POST with fetch, for setting up a run; throws unless the answer is ok. */
export async function post<T = any>(url: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const json = (await res.json()) as { ok?: boolean; data?: T; token?: string; error?: { message: string } }
  if (!res.ok || json.ok === false) throw new Error(`${url}: ${res.status} ${json.error?.message ?? ''}`)
  return (json.data ?? json) as T
}
