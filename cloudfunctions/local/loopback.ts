import { BlockList, isIP } from 'node:net'

/** Loopback addresses: 127.0.0.0/8 and ::1 (also written out in full, or as an IPv4-mapped 127.x). */
const LOOPBACK = new BlockList()
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4')
LOOPBACK.addAddress('::1', 'ipv6')
LOOPBACK.addSubnet('::ffff:127.0.0.0', 104, 'ipv6')

/** Whether an address or name (as given to HOST: 127.0.0.1, ::1, [::1], localhost) is this machine only. */
export function isLoopbackAddress(address: string): boolean {
  const host = address.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (host === 'localhost') return true
  const family = isIP(host)
  if (family === 0) return false
  return LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6')
}

/**
 * Whether an HTTP Host header names a loopback address (127.x, [::1], localhost, with any port). A page on another
 * name that a DNS answer points at 127.0.0.1 (DNS rebinding) sends its own name here, and is refused.
 */
export function isLoopbackHostHeader(header: string | undefined): boolean {
  if (!header) return false
  const match = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(header.trim())
  if (!match) return false
  const name = match[1]
  // a bare IPv6 address needs brackets in a Host header; an unbracketed one (with colons) does not match above
  if (!name.startsWith('[') && isIP(name) === 6) return false
  if (name.startsWith('[') && isIP(name.slice(1, -1)) !== 6) return false
  return isLoopbackAddress(name)
}
