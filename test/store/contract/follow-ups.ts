/**
 * 回访's store query (orders.listFollowUps, issue 11): its documented behaviour for any adapter, run by ./index.ts.
 */
import type { Stores } from '~core/ports'
import type { FollowUp, Order } from '~types'
import { advance, at, ids, makeOrder } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

const followUp = (dueAt: string, over: Partial<FollowUp> = {}): FollowUp => ({
  unitId: 's11',
  stars: 2,
  openedAt: at(0),
  dueAt,
  status: 'open',
  attempts: [],
  closedAt: null,
  outcome: null,
  ...over,
})

export function followUpsContract(make: MakeStores): void {
  describe('orders: the 回访 list', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    async function rated(orgUnitId: string, dueAt: string | null): Promise<Order> {
      const o = makeOrder({ orgUnitId, status: 'rated', followUp: dueAt ? followUp(dueAt, { unitId: orgUnitId }) : null })
      await stores.orders.insertOrder(o)
      return o
    }

    test('the open ones of the subtree, soonest due first, paged; another subtree and orders without one are left out', async () => {
      const a = await rated('s11', at(30))
      const b = await rated('s12', at(10))
      await rated('s21', at(20))
      await rated('s11', null)
      const q = { unitId: 'i1', status: 'open' as const }
      expect(ids((await stores.orders.listFollowUps(q, { limit: 20 })).items)).toEqual([b.id, a.id])
      const first = await stores.orders.listFollowUps(q, { limit: 1 })
      expect(ids(first.items)).toEqual([b.id])
      const second = await stores.orders.listFollowUps(q, { limit: 1, cursor: first.nextCursor! })
      expect(ids(second.items)).toEqual([a.id])
      expect(second.nextCursor).toBeNull()
      expect(ids((await stores.orders.listFollowUps({ unitId: 's11', status: 'open' }, { limit: 20 })).items)).toEqual([a.id])
      expect((await stores.orders.listFollowUps({ unitId: 'i1', status: 'closed' }, { limit: 20 })).items).toEqual([])
    })

    test('a creation range (回头看’s month) keeps the orders created in it, still soonest due first', async () => {
      const made = async (createdAt: string, dueAt: string) => {
        const o = makeOrder({ orgUnitId: 's11', status: 'rated', createdAt, updatedAt: createdAt, followUp: followUp(dueAt) })
        await stores.orders.insertOrder(o)
        return o
      }
      const before = await made(at(5), at(15))
      const a = await made(at(20), at(90))
      const b = await made(at(30), at(60))
      const after = await made(at(40), at(45))
      const q = { unitId: 'i1', status: 'open' as const, createdFrom: at(10), createdTo: at(40) }
      expect(ids((await stores.orders.listFollowUps(q, { limit: 20 })).items)).toEqual([b.id, a.id])
      const first = await stores.orders.listFollowUps(q, { limit: 1 })
      expect(ids((await stores.orders.listFollowUps(q, { limit: 20, cursor: first.nextCursor! })).items)).toEqual([a.id])
      expect(ids((await stores.orders.listFollowUps({ unitId: 'c', status: 'open' }, { limit: 20 })).items)).toEqual([before.id, after.id, b.id, a.id])
      expect((await stores.orders.listFollowUps({ ...q, status: 'closed' }, { limit: 20 })).items).toEqual([])
    })

    test('dueBefore keeps those due before it; a closed one moves to closed in the same write', async () => {
      const a = await rated('s11', at(30))
      const b = await rated('s11', at(10))
      const due = await stores.orders.listFollowUps({ unitId: 'c', status: 'open', dueBefore: at(20) }, { limit: 20 })
      expect(ids(due.items)).toEqual([b.id])
      const next = advance(b, { followUp: followUp(at(10), { status: 'closed', closedAt: at(60), outcome: 'resolved' }) })
      expect(await stores.orders.transition({ orderId: b.id, expectedVersion: b.version, prev: b, next })).toBe('ok')
      expect(ids((await stores.orders.listFollowUps({ unitId: 'c', status: 'open' }, { limit: 20 })).items)).toEqual([a.id])
      const closed = await stores.orders.listFollowUps({ unitId: 's11', status: 'closed' }, { limit: 20 })
      expect(closed.items.map((o) => [o.id, o.followUp?.outcome])).toEqual([[b.id, 'resolved']])
    })
  })
}
