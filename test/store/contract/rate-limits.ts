/** The rate-limit counters port: its documented behaviour for any adapter, run by ./index.ts. */
import type { RateBucket, Stores } from '~core/ports'
import { at } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function rateLimitsContract(make: MakeStores): void {
  describe('rateLimits', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    const bucket = (key: string, limit: number, extra: Partial<RateBucket> = {}): RateBucket => ({
      key,
      limit,
      expiresAt: at(60),
      ...extra,
    })

    test('counts hits up to the limit, then refuses without counting; each bucket apart', async () => {
      for (let i = 0; i < 3; i++) expect(await stores.rateLimits.hit([bucket('w:a:1', 3)])).toEqual({ allowed: true })
      expect(await stores.rateLimits.hit([bucket('w:a:1', 3)])).toEqual({ allowed: false, refusedKey: 'w:a:1' })
      expect(await stores.rateLimits.count('w:a:1')).toBe(3)
      expect(await stores.rateLimits.hit([bucket('w:a:2', 3)])).toEqual({ allowed: true })
      expect(await stores.rateLimits.hit([bucket('w:b:1', 3)])).toEqual({ allowed: true })
      expect(await stores.rateLimits.count('w:a:2')).toBe(1)
      expect(await stores.rateLimits.count('nothing')).toBe(0)
    })

    test('several buckets: all or nothing', async () => {
      await stores.rateLimits.hit([bucket('h:a', 1)])
      expect(await stores.rateLimits.hit([bucket('m:a', 5), bucket('h:a', 1)])).toEqual({ allowed: false, refusedKey: 'h:a' })
      expect(await stores.rateLimits.count('m:a')).toBe(0)
      expect(await stores.rateLimits.hit([bucket('m:a', 5), bucket('h:b', 1)])).toEqual({ allowed: true })
      expect([await stores.rateLimits.count('m:a'), await stores.rateLimits.count('h:b')]).toEqual([1, 1])
    })

    test('a token is counted once per bucket: the same request again is allowed without counting, even when full', async () => {
      expect(await stores.rateLimits.hit([bucket('w:a', 2)], 'r1')).toEqual({ allowed: true })
      expect(await stores.rateLimits.hit([bucket('w:a', 2)], 'r1')).toEqual({ allowed: true })
      expect(await stores.rateLimits.count('w:a')).toBe(1)
      expect(await stores.rateLimits.hit([bucket('w:a', 2)], 'r2')).toEqual({ allowed: true })
      expect(await stores.rateLimits.hit([bucket('w:a', 2)], 'r3')).toEqual({ allowed: false, refusedKey: 'w:a' })
      expect(await stores.rateLimits.hit([bucket('w:a', 2)], 'r1')).toEqual({ allowed: true })
      expect(await stores.rateLimits.count('w:a')).toBe(2)
    })

    test('a bucket of cost 0 is only checked: it refuses at its limit and is never counted', async () => {
      expect(await stores.rateLimits.hit([bucket('bar:a', 1, { cost: 0 }), bucket('w:a', 9)])).toEqual({ allowed: true })
      expect(await stores.rateLimits.count('bar:a')).toBe(0)
      await stores.rateLimits.hit([bucket('bar:a', 1)])
      expect(await stores.rateLimits.hit([bucket('w:a', 9), bucket('bar:a', 1, { cost: 0 })])).toEqual({ allowed: false, refusedKey: 'bar:a' })
      expect([await stores.rateLimits.count('bar:a'), await stores.rateLimits.count('w:a')]).toEqual([1, 1])
    })

    test('parallel hits on a limit L: exactly L allowed, with or without tokens', async () => {
      const L = 5
      const plain = await Promise.all(Array.from({ length: 20 }, () => stores.rateLimits.hit([bucket('p:a', L)])))
      expect(plain.filter((r) => r.allowed)).toHaveLength(L)
      expect(await stores.rateLimits.count('p:a')).toBe(L)
      const tokened = await Promise.all(
        Array.from({ length: 20 }, (_, i) => stores.rateLimits.hit([bucket('p:b', L), bucket('p:c', 100)], `t${i}`)),
      )
      expect(tokened.filter((r) => r.allowed)).toHaveLength(L)
      expect([await stores.rateLimits.count('p:b'), await stores.rateLimits.count('p:c')]).toEqual([L, L])
    })

    test('purgeExpired deletes buckets that expired, oldest first, at most max', async () => {
      await stores.rateLimits.hit([bucket('old:1', 5, { expiresAt: at(1) })])
      await stores.rateLimits.hit([bucket('old:2', 5, { expiresAt: at(2) })])
      await stores.rateLimits.hit([bucket('new:1', 5, { expiresAt: at(10) })])
      expect(await stores.rateLimits.purgeExpired(at(5), 1)).toBe(1)
      expect(await stores.rateLimits.count('old:1')).toBe(0)
      expect(await stores.rateLimits.count('old:2')).toBe(1)
      expect(await stores.rateLimits.purgeExpired(at(5), 10)).toBe(1)
      expect(await stores.rateLimits.purgeExpired(at(5), 10)).toBe(0)
      expect(await stores.rateLimits.count('new:1')).toBe(1)
    })
  })
}
