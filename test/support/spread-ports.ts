import type { Store, Stores } from '~core/store'

/** TEMPORARY (issue 8): every port in one object, for the old single-object contract suite and counting store. */
export function spreadPorts(s: Stores): Store {
  return { ...s.users, ...s.catalog, ...s.memberships, ...s.orders, ...s.ledger, ...s.notifications, ...s.jobs, ...s.seed }
}
