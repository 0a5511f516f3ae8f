/**
 * Runs tasks that share a key one after another, within this process; tasks with different keys run freely.
 *
 * Lifecycle writes on one order go through it: when 500 volunteers tap 接单 on the same order at once, each reads the
 * order as the previous one left it instead of all reading the same version, losing the conditional write and
 * reading again in lockstep. Correctness never rests on it (the conditional write does that, also across processes
 * and CloudBase instances); it only spares the retries.
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>()
  return async function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve()
    const mine = previous.then(task)
    const tail = mine.catch(() => undefined)
    tails.set(key, tail)
    try {
      return await mine
    } finally {
      // the last one out leaves no trace behind
      if (tails.get(key) === tail) tails.delete(key)
    }
  }
}
