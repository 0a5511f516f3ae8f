import type { Order, ProxyClient, User } from '~types'
import { PROXY_CLIENTS_MAX } from './config'

/**
 * A proxy's list of the people they order for (代办对象), kept in their profile: the person of a new proxy order goes
 * to the top with the address and phone of that order (their own phone only: the proxy's own number is not theirs),
 * replacing the entry of the same name; at most PROXY_CLIENTS_MAX, the least recent dropping off.
 * Answers null when the list would not change, so the caller writes nothing.
 */
export function rememberClient(user: Pick<User, 'proxyClients'>, order: Pick<Order, 'onBehalfOf' | 'address' | 'phone' | 'phoneOfProxy'>): ProxyClient[] | null {
  if (!order.onBehalfOf) return null
  const list = user.proxyClients ?? []
  const previous = list.find((c) => c.name === order.onBehalfOf!.name)
  const client: ProxyClient = {
    name: order.onBehalfOf.name,
    address: order.address,
    phone: order.phoneOfProxy ? (previous?.phone ?? '') : order.phone,
  }
  const same = (a: ProxyClient, b: ProxyClient) => a.name === b.name && a.address === b.address && a.phone === b.phone
  if (list[0] && same(list[0], client)) return null
  return [client, ...list.filter((c) => c.name !== client.name)].slice(0, PROXY_CLIENTS_MAX)
}

/** The list without the person of this name, or null when they are not on it. */
export function forgetClient(user: Pick<User, 'proxyClients'>, name: string): ProxyClient[] | null {
  const list = user.proxyClients ?? []
  return list.some((c) => c.name === name) ? list.filter((c) => c.name !== name) : null
}
