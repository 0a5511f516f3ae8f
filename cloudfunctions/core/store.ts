import type { Stores } from './ports'

export type * from './ports'

/** TEMPORARY (issue 8): every port in one, while call sites move to the ports. Removed once none is left. */
export type Store = Stores['users'] &
  Stores['catalog'] &
  Stores['memberships'] &
  Stores['orders'] &
  Stores['ledger'] &
  Stores['notifications'] &
  Stores['jobs'] &
  Stores['seed']

/** TEMPORARY (issue 8): the ports of an adapter that still implements them all on one object (CloudBase). */
export function storesOf(store: Store): Stores {
  return {
    users: store,
    catalog: store,
    memberships: store,
    orders: store,
    ledger: store,
    notifications: store,
    jobs: store,
    seed: store,
  }
}
