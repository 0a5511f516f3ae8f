/**
 * Seconds left of a code, from when its answer arrived: the server's `expiresAt` against the phone's clock, unless
 * the two clocks disagree (the phone's clock off, or the development clock moved): then the whole period from the
 * answer's arrival. The screen fetches a new code when it reaches 0.
 */
export function secondsLeft(answer: { expiresAt: string; periodSeconds: number }, receivedAt: number, now: number): number {
  const byServer = (Date.parse(answer.expiresAt) - receivedAt) / 1000
  const atArrival = byServer > 0 && byServer <= answer.periodSeconds ? byServer : answer.periodSeconds
  return Math.max(0, Math.ceil(atArrival - (now - receivedAt) / 1000))
}
