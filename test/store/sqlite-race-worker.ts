/**
 * One racer of the SQLite concurrency test, run as its own process on a shared file database:
 * prints "ready", waits for a line on stdin, then tries to claim the order and prints the outcome as JSON.
 *   once:  one transition from the version it read before the start signal
 *   retry: re-reads and retries on conflict until it has claimed or the order is full
 *   capped: closes its own order (id `<order id argument>:<volunteer>`, completed at version 1), paying 40 points to
 *          the one user CAPPED_USER under a daily cap of 100; the result is the points paid
 *   hits:  counts HITS hits in the rate-limit bucket named by the order id argument (limit HIT_LIMIT); the result is
 *          how many were allowed
 *   certificates: issues HITS certificates for its volunteer under the serial prefix named by the order id argument;
 *          the result is the serials, comma-separated
 */
import { createInterface } from 'node:readline'
import { createSqliteStores } from '~adapters/sqlite'
import { certificateFileName, fingerprintOf } from '~core/certificates'
import { HIT_LIMIT, HITS } from './fixtures'

async function main() {
  const [filename, orderId, volunteerId, mode] = process.argv.slice(2)
  const stores = createSqliteStores({ filename })
  const claim = async () => {
    const { order } = await stores.orders.loadOrder(orderId)
    if (!order) throw new Error('order missing')
    if (order.claims.length >= order.capacity) return 'full' as const
    const now = new Date().toISOString()
    const claims = [...order.claims, { volunteerId, name: volunteerId, at: now, unitPath: order.unitPath }]
    const next = {
      ...order,
      version: order.version + 1,
      status: 'claimed' as const,
      claims,
      updatedAt: now,
    }
    const award = {
      id: `race:${orderId}:${volunteerId}`,
      userId: volunteerId,
      delta: 1,
      hours: 0,
      reason: 'race',
      orderId,
      unitPath: order.unitPath,
      at: now,
      by: volunteerId,
    }
    return stores.orders.transition({ orderId, expectedVersion: order.version, next, awards: [award] })
  }

  const firstRead = mode === 'once' ? await stores.orders.loadOrder(orderId) : null
  process.stdout.write('ready\n')
  await new Promise<void>((resolve) => {
    const input = createInterface({ input: process.stdin })
    input.once('line', () => {
      input.close()
      resolve()
    })
  })

  let result: string
  let attempts = 0
  if (mode === 'certificates') {
    const serials: string[] = []
    for (; attempts < HITS; attempts++) {
      // each a different period, so each is a certificate of its own
      const services = [{ orderId: `o-${attempts}`, date: '2026-01-05', content: '', place: '', organizer: '', hours: 1, kind: 'verified' as const }]
      const draft = { volunteerId, name: volunteerId, phoneMasked: '', from: '2026-01-01', to: `2026-01-${String(attempts + 10).padStart(2, '0')}`, services, hours: 1, issuerUnitId: 'c', issuer: '中心', issuedAt: new Date().toISOString(), fingerprint: fingerprintOf(services) }
      serials.push((await stores.certificates.issue(draft, orderId, certificateFileName)).certificate.serial)
    }
    result = serials.join(',')
  } else if (mode === 'hits') {
    let allowed = 0
    for (; attempts < HITS; attempts++) {
      const bucket = { key: orderId, limit: HIT_LIMIT, expiresAt: '2099-01-01T00:00:00.000Z' }
      if ((await stores.rateLimits.hit([bucket], `${volunteerId}:${attempts}`)).allowed) allowed++
    }
    result = String(allowed)
  } else if (mode === 'capped') {
    const id = `${orderId}:${volunteerId}`
    const { order } = await stores.orders.loadOrder(id)
    const now = new Date().toISOString()
    const award = { id: `award:${id}:capped`, userId: 'capped-user', delta: 40, hours: 1, reason: '完成', orderId: id, unitPath: order!.unitPath, at: now, by: 'system' }
    let paid = -1
    const next = { ...order!, version: 2, status: 'rated' as const, updatedAt: now }
    const outcome = await stores.orders.transition({
      orderId: id,
      expectedVersion: 1,
      next,
      awards: [award],
      dailyCap: 100,
      answer: (written) => (paid = written[0].delta),
    })
    result = outcome === 'ok' ? String(paid) : outcome
    attempts = 1
  } else if (mode === 'once') {
    const order = firstRead!.order!
    const next = {
      ...order,
      version: order.version + 1,
      status: 'claimed' as const,
      claims: [{ volunteerId, name: volunteerId, at: new Date().toISOString(), unitPath: order.unitPath }],
    }
    result = await stores.orders.transition({ orderId, expectedVersion: order.version, next })
    attempts = 1
  } else {
    do {
      attempts += 1
      result = await claim()
    } while (result === 'conflict')
  }
  stores.close()
  process.stdout.write(`${JSON.stringify({ volunteerId, result, attempts })}\n`, () => process.exit(0))
}

main().catch((e) => {
  process.stderr.write(String(e?.stack ?? e))
  process.exit(1)
})
