import type { PortName, Stores } from '~core/ports'

/** Every port (a Record, so that the compiler tells when a port is added and not counted). */
const PORTS: Record<PortName, true> = {
  users: true,
  catalog: true,
  memberships: true,
  orders: true,
  ledger: true,
  notifications: true,
  jobs: true,
  rateLimits: true,
  exports: true,
  requests: true,
  seed: true,
  audit: true,
  credentials: true,
  sessions: true,
  stats: true,
  certificates: true,
  uploads: true,
  mall: true,
  social: true,
}

/**
 * Wraps the ports so that every call through any of them is recorded by its method name (`loadOrder`, not
 * `orders.loadOrder`): the round trips an action makes. Whatever else `inner` carries (close, db) passes through.
 * Used by test/api (to hold each action to its budget) and by the bench (to list them).
 */
export function countingStores<S extends Stores>(inner: S): { stores: S; calls: string[] } {
  const calls: string[] = []
  const counted = (port: object) =>
    new Proxy(port, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver)
        if (typeof value !== 'function') return value
        return (...args: unknown[]) => {
          calls.push(String(prop))
          return value.apply(target, args)
        }
      },
    })
  const stores = { ...inner }
  for (const name of Object.keys(PORTS) as PortName[]) (stores as Stores)[name] = counted(inner[name]) as never
  return { stores, calls }
}
