/** The part of autocannon 8 the bench uses (the package ships no types; @types/autocannon is not installed). */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  interface Client extends EventEmitter {
    setHeaders(headers: Record<string, string>): void
  }

  interface Options {
    url: string
    method?: string
    headers?: Record<string, string>
    body?: string
    connections?: number
    duration?: number
    amount?: number
    maxConnectionRequests?: number
    pipelining?: number
    timeout?: number
    setupClient?: (client: Client) => void
  }

  interface Histogram {
    average: number
    p50: number
    p99: number
    max: number
  }

  interface Result {
    requests: Histogram & { total: number }
    latency: Histogram
    duration: number
    errors: number
    timeouts: number
    non2xx: number
    '2xx': number
  }

  interface Instance extends EventEmitter {
    on(event: 'response', listener: (client: Client, statusCode: number, resBytes: number, responseTime: number) => void): this
    on(event: 'done', listener: (result: Result) => void): this
    on(event: string, listener: (...args: any[]) => void): this
  }

  function autocannon(opts: Options, cb: (err: Error | null, result: Result) => void): Instance
  export = autocannon
}
