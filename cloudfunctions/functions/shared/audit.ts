import { contactRevealOf, signInEntry } from '~core/audit'
import type { OrderContext } from '~core/lifecycle'
import type { AuditStore } from '~core/ports'
import type { AuditEntry, User } from '~types'
import type { Deps } from './deps'

/** How many reveal ids an instance remembers before it starts afresh (a few hundred KB at most). */
const KNOWN_REVEALS_MAX = 5000

const known = new WeakMap<AuditStore, Set<string>>()

/**
 * The reveal ids this instance has stored or seen stored (per audit port, so each store has its own): a reveal it
 * knows costs no write. Another instance, or this one after a restart, tries the insert once more, which the store
 * refuses as a duplicate: still one entry.
 */
export function knownReveals(audit: AuditStore): Set<string> {
  let ids = known.get(audit)
  if (!ids || ids.size >= KNOWN_REVEALS_MAX) {
    ids = new Set()
    known.set(audit, ids)
  }
  return ids
}

/**
 * Records the reveal an order read makes (order.get shows the contact to a claimer or a manager): at most one small
 * insert-if-absent a viewer, order and China-time day, and none when this instance knows it is stored.
 */
export async function recordReveal(deps: Pick<Deps, 'audit'>, ctx: OrderContext, at: string): Promise<void> {
  const entry = contactRevealOf(ctx, at)
  if (!entry) return
  const ids = knownReveals(deps.audit)
  if (ids.has(entry.id)) return
  await deps.audit.record([entry])
  ids.add(entry.id)
}

/** Records an entry made right after the change it records (one insert; an id already stored is left alone). */
export async function recordAudit(deps: Pick<Deps, 'audit'>, entry: AuditEntry): Promise<void> {
  await deps.audit.record([entry])
}

/**
 * For the sign-in (issue 13's local-host sign-in calls it after a successful login): records a sign-in from a device
 * this person has not used before, one insert-if-absent by person and device key, and answers whether the device was
 * new. `device.key` must be stable for a device and carry no secret (a hash of a device id or of the user agent and
 * address), `device.label` how a person names it (浏览器、系统、地址).
 */
export async function recordSignIn(
  deps: Pick<Deps, 'audit'>,
  user: User,
  device: { key: string; label: string },
  at: string,
): Promise<boolean> {
  return (await deps.audit.record([signInEntry({ user, deviceKey: device.key, label: device.label, at })])) === 1
}
