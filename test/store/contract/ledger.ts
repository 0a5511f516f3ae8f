/** The points ledger port: its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import type { LedgerEntry } from '~types'
import { advance, at, collectPages, makeEntry, makeOrder, pathOf } from '../fixtures'
import { compare, freshStores, type MakeStores, shuffled } from './helpers'

export function ledgerContract(make: MakeStores, name: string): void {
  describe('ledger', () => {
    let stores: Stores
    const sut = freshStores(make, (opened) => (stores = opened.stores))

    const zero = (userId: string) => ({ userId, balance: 0, earned: 0, hours: 0 })

    test('appendLedger appends entries and keeps balance, earned and hours per user', async () => {
      const entries = [
        makeEntry({ userId: 'u1', delta: 10, hours: 2, at: at(1) }),
        makeEntry({ userId: 'u1', delta: -3, hours: 0, reason: '兑换', at: at(2) }),
        makeEntry({ userId: 'u2', delta: 4, hours: 0.5, at: at(3) }),
      ]
      expect(await stores.ledger.appendLedger(entries)).toBe('ok')
      expect(await stores.ledger.getBalance('u1')).toEqual({ userId: 'u1', balance: 7, earned: 10, hours: 2 })
      expect(await stores.ledger.getBalance('u2')).toEqual({ userId: 'u2', balance: 4, earned: 4, hours: 0.5 })
      expect(await stores.ledger.getBalance('u3')).toEqual(zero('u3'))
      expect(await stores.ledger.appendLedger([])).toBe('ok')
    })

    test('appendLedger with an existing id answers duplicate and writes nothing', async () => {
      const first = makeEntry({ userId: 'u1', delta: 5 })
      expect(await stores.ledger.appendLedger([first])).toBe('ok')
      const fresh = makeEntry({ userId: 'u2', delta: 7 })
      expect(await stores.ledger.appendLedger([fresh, { ...first, delta: 100 }])).toBe('duplicate')
      expect(await stores.ledger.getBalance('u1')).toEqual({ userId: 'u1', balance: 5, earned: 5, hours: 1 })
      expect(await stores.ledger.getBalance('u2')).toEqual(zero('u2'))
      expect((await stores.ledger.listLedger('u2', { limit: 10 })).items).toEqual([])

      const again = makeEntry({ userId: 'u3' })
      expect(await stores.ledger.appendLedger([again, { ...again }])).toBe('duplicate')
      expect(await stores.ledger.getBalance('u3')).toEqual(zero('u3'))
      expect((await stores.ledger.listLedger('u3', { limit: 10 })).items).toEqual([])
    })

    test('appendLedger that would take a balance below zero answers insufficient and writes nothing', async () => {
      expect(await stores.ledger.appendLedger([makeEntry({ userId: 'u1', delta: 5, hours: 0 })])).toBe('ok')
      const gift = makeEntry({ userId: 'u2', delta: 3 })
      const spend = makeEntry({ userId: 'u1', delta: -6, hours: 0 })
      expect(await stores.ledger.appendLedger([gift, spend])).toBe('insufficient')
      expect(await stores.ledger.getBalance('u1')).toEqual({ userId: 'u1', balance: 5, earned: 5, hours: 0 })
      expect(await stores.ledger.getBalance('u2')).toEqual(zero('u2'))
      expect((await stores.ledger.listLedger('u1', { limit: 10 })).items).toHaveLength(1)
      expect(await stores.ledger.appendLedger([makeEntry({ userId: 'u1', delta: -5, hours: 0 })])).toBe('ok')
      expect(await stores.ledger.getBalance('u1')).toEqual({ userId: 'u1', balance: 0, earned: 5, hours: 0 })
      expect(await stores.ledger.appendLedger([makeEntry({ userId: 'u9', delta: -1 })])).toBe('insufficient')
    })

    test('parallel appends of the same entry: exactly one is ok', async () => {
      const entry = makeEntry({ userId: 'u1', delta: 10 })
      const results = await Promise.all(Array.from({ length: 8 }, () => stores.ledger.appendLedger([{ ...entry }])))
      expect(results.filter((r) => r === 'ok')).toHaveLength(1)
      expect(results.filter((r) => r === 'duplicate')).toHaveLength(7)
      expect((await stores.ledger.getBalance('u1')).balance).toBe(10)
    })

    test('listLedger: the user’s entries newest first, across pages', async () => {
      const mine: LedgerEntry[] = Array.from({ length: 11 }, (_, i) =>
        makeEntry({ userId: 'u1', delta: i + 1, at: at(Math.floor(i / 2)) }),
      )
      expect(await stores.ledger.appendLedger(shuffled(mine))).toBe('ok')
      expect(await stores.ledger.appendLedger([makeEntry({ userId: 'u2' })])).toBe('ok')
      const pages = await collectPages((cursor) => stores.ledger.listLedger('u1', { cursor, limit: 4 }))
      expect(pages.map((p) => p.length)).toEqual([4, 4, 3])
      const expected = [...mine].sort((a, b) => -compare([a.at, a.id], [b.at, b.id]))
      expect(pages.flat()).toEqual(expected)
      expect(await stores.ledger.listLedger('nobody', { limit: 4 })).toEqual({ items: [], nextCursor: null })
    })

    test('earnedSince: points earned (positive deltas) per given user since the instant, 0 for users without', async () => {
      await stores.ledger.appendLedger([
        makeEntry({ userId: 'u1', delta: 40, at: at(1) }),
        makeEntry({ userId: 'u1', delta: 30, at: at(10) }),
        makeEntry({ userId: 'u1', delta: -20, reason: '兑换', at: at(11) }),
        makeEntry({ userId: 'u1', delta: 0, at: at(12) }),
        makeEntry({ userId: 'u2', delta: 25, at: at(10) }),
        makeEntry({ userId: 'u3', delta: 5, at: at(10) }),
      ])
      expect(await stores.ledger.earnedSince(['u1', 'u2', 'u4', 'u1'], at(10))).toEqual({ u1: 30, u2: 25, u4: 0 })
      expect(await stores.ledger.earnedSince(['u1'], at(0))).toEqual({ u1: 70 })
      expect(await stores.ledger.earnedSince(['u1'], at(13))).toEqual({ u1: 0 })
      expect(await stores.ledger.earnedSince([], at(0))).toEqual({})
    })

    test('leaderboard: sums per user over entries of the unit’s subtree within [from, to), best first', async () => {
      const jan = (day: number) => `2026-01-${String(day).padStart(2, '0')}T08:00:00.000Z`
      const entry = (userId: string, unitId: string, delta: number, when: string, hours = 1) =>
        makeEntry({ userId, unitPath: pathOf(unitId), delta, hours, at: when })
      await stores.ledger.appendLedger([
        entry('a', 's11', 10, jan(3)),
        entry('a', 's11', 5, jan(20), 2),
        entry('b', 's12', 12, jan(5)),
        entry('c', 's21', 30, jan(6)),
        entry('d', 's11', 40, '2026-02-01T00:00:00.000Z'),
        entry('e', 's11', 50, '2025-12-31T23:59:59.999Z'),
        entry('f', 'i1', 1, '2026-01-01T00:00:00.000Z', 0.5),
      ])
      const month = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }
      expect(await stores.ledger.leaderboard({ unitId: 'i1', ...month, limit: 10 })).toEqual([
        { userId: 'a', points: 15, hours: 3 },
        { userId: 'b', points: 12, hours: 1 },
        { userId: 'f', points: 1, hours: 0.5 },
      ])
      expect(await stores.ledger.leaderboard({ unitId: 'c', ...month, limit: 2 })).toEqual([
        { userId: 'c', points: 30, hours: 1 },
        { userId: 'a', points: 15, hours: 3 },
      ])
      expect(await stores.ledger.leaderboard({ unitId: 's12', ...month, limit: 10 })).toEqual([{ userId: 'b', points: 12, hours: 1 }])
      expect(await stores.ledger.leaderboard({ unitId: 's11', from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', limit: 10 })).toEqual([
        { userId: 'd', points: 40, hours: 1 },
      ])
      expect(await stores.ledger.leaderboard({ unitId: 'i2', from: month.to, to: '2026-03-01T00:00:00.000Z', limit: 10 })).toEqual([])
    })

    test('reconcile checks every user’s balance against the sum of their entries', async () => {
      await stores.ledger.appendLedger([
        makeEntry({ userId: 'u1', delta: 10 }),
        makeEntry({ userId: 'u1', delta: -4, hours: 0 }),
        makeEntry({ userId: 'u2', delta: 3 }),
      ])
      const order = makeOrder({ status: 'completed' })
      await stores.orders.insertOrder(order)
      const awards = [makeEntry({ userId: 'u3', delta: 8, orderId: order.id })]
      await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: advance(order, { status: 'rated' }), awards })
      expect(await stores.ledger.reconcile()).toEqual({ checked: 3, mismatches: [] })
    })

    test('reconcile lists a user whose balance does not match the ledger', async () => {
      const { corruptBalance } = sut()
      if (!corruptBalance) {
        console.warn(`${name}: no corruptBalance hook, reconcile mismatch detection not checked`)
        return
      }
      await stores.ledger.appendLedger([makeEntry({ userId: 'u1', delta: 10 }), makeEntry({ userId: 'u2', delta: 3 })])
      await corruptBalance('u1', 99)
      expect(await stores.ledger.reconcile()).toEqual({ checked: 2, mismatches: [{ userId: 'u1', balance: 99, sum: 10 }] })
    })
  })
}
