import type { Store } from '~core/store'

/**
 * Wraps a store so that every call through the port is recorded by method name: the round trips an action makes.
 * Used by test/api (to hold each action to its budget) and by the bench (to list them). Never deployed.
 */
export function countingStore<S extends Store>(inner: S): { store: S; calls: string[] } {
  const calls: string[] = []
  const store = new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        calls.push(String(prop))
        return value.apply(target, args)
      }
    },
  })
  return { store, calls }
}
