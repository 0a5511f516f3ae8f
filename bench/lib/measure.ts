/** Timing and summary helpers shared by the sections. Timings are reported, never asserted. */

export const nowMs = (): number => performance.now()

/** The q-quantile (0..1) of values, by nearest rank on a sorted copy. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))
  return sorted[rank]
}

export interface Latency {
  n: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

/** Summary of latencies in milliseconds. */
export function latency(values: readonly number[]): Latency {
  const n = values.length
  const mean = n ? values.reduce((a, b) => a + b, 0) / n : NaN
  return {
    n,
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    p99: quantile(values, 0.99),
    // a loop, not Math.max(...values): an HTTP run collects more samples than the stack holds arguments
    max: n ? values.reduce((a, b) => (b > a ? b : a), -Infinity) : NaN,
    mean,
  }
}

/** Times each of `n` runs of an async function; returns the latencies in ms. */
export async function timeEach(n: number, run: (i: number) => unknown | Promise<unknown>): Promise<number[]> {
  const out = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const t = nowMs()
    await run(i)
    out[i] = nowMs() - t
  }
  return out
}

/** Runs `step` repeatedly for about `seconds` (after `warmup` runs); returns how many ran and for how long. */
export async function forDuration(
  seconds: number,
  step: () => unknown | Promise<unknown>,
  warmup = 0,
): Promise<{ count: number; seconds: number; perSecond: number }> {
  for (let i = 0; i < warmup; i++) await step()
  const end = nowMs() + seconds * 1000
  const start = nowMs()
  let count = 0
  let t = start
  while (t < end) {
    await step()
    count++
    t = nowMs()
  }
  const elapsed = (t - start) / 1000
  return { count, seconds: elapsed, perSecond: count / elapsed }
}

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const round = (x: number, digits = 2): number => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x)
