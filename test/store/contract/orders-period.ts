/** orders.listPeriod (issue 9, exports): its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import { ORDER_STATUSES, type Order } from '~types'
import { advance, at, collectPages, ids, makeOrder, pathOf } from '../fixtures'
import { freshStores, type MakeStores, shuffled } from './helpers'

export function ordersPeriodContract(make: MakeStores): void {
  describe('orders.listPeriod', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    const period = (unitId: string, from: number, to: number, limit = 50) =>
      collectPages((cursor) => stores.orders.listPeriod({ unitId, from: at(from), to: at(to) }, { cursor, limit })).then((pages) =>
        pages.map((p) => ids(p)),
      )

    test('every status of the unit’s subtree in [from, to), oldest first (createdAt, then id), page by page', async () => {
      const inside: Order[] = []
      // two orders per status, some at the same instant (ties go by id), over two stations of i1
      ORDER_STATUSES.forEach((status, i) => {
        inside.push(makeOrder({ id: `p-${i}-a`, status, orgUnitId: 's11', createdAt: at(10 + i) }))
        inside.push(makeOrder({ id: `p-${i}-b`, status, orgUnitId: 's12', createdAt: at(10 + i) }))
      })
      const before = makeOrder({ id: 'p-before', orgUnitId: 's11', createdAt: at(9) })
      const atEnd = makeOrder({ id: 'p-end', orgUnitId: 's11', createdAt: at(30) })
      const elsewhere = makeOrder({ id: 'p-other', orgUnitId: 's21', createdAt: at(12) })
      for (const o of shuffled([...inside, before, atEnd, elsewhere])) await stores.orders.insertOrder(o)

      const want = inside.map((o) => o.id)
      expect((await period('i1', 10, 30)).flat()).toEqual(want)
      const pages = await period('i1', 10, 30, 3)
      expect(pages.flat()).toEqual(want)
      expect(pages.slice(0, -1).every((p) => p.length === 3)).toBe(true)
      expect((await period('s12', 10, 30)).flat()).toEqual(inside.filter((o) => o.orgUnitId === 's12').map((o) => o.id))
      expect((await period('c', 9, 31)).flat()).toEqual(['p-before', ...want.slice(0, 6), 'p-other', ...want.slice(6), 'p-end'])
      expect(await period('s21', 20, 30)).toEqual([[]])
    })

    test('follows transitions: an escalated order belongs to the unit above only; a new status is still listed', async () => {
      const order = makeOrder({ orgUnitId: 's11', createdAt: at(5) })
      await stores.orders.insertOrder(order)
      const escalated = advance(order, { unitPath: pathOf('i1'), orgUnitId: 'i1' })
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: order.version, next: escalated })).toBe('ok')
      expect((await period('s11', 0, 10)).flat()).toEqual([])
      expect((await period('i1', 0, 10)).flat()).toEqual([order.id])
      const rejected = advance(escalated, { status: 'rejected', reason: '不在服务范围' })
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: escalated.version, next: rejected })).toBe('ok')
      const [page] = await collectPages((cursor) => stores.orders.listPeriod({ unitId: 'c', from: at(0), to: at(10) }, { cursor, limit: 10 }))
      expect(page).toEqual([rejected])
    })
  })
}
