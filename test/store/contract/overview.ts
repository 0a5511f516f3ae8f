/**
 * 订单总览's store methods (orders.listOverview, orders.listOpenOf) and the admins' person search
 * (users.searchUsers): their documented behaviour for any adapter, run by ./index.ts.
 */
import type { OverviewQuery, Stores } from '~core/ports'
import { searchTextOf, normalizeSearch } from '~core/overview'
import { ORDER_STATUSES, type Order, type OrderStatus, type Page } from '~types'
import { advance, at, ids, makeOrder, makeUser } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

const all: OrderStatus[] = [...ORDER_STATUSES]

export function overviewContract(make: MakeStores): void {
  describe('orders: the overview', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    const query = (over: Partial<OverviewQuery> = {}): OverviewQuery => ({
      unitId: 'c',
      arms: all.map((status) => ({ status })),
      sort: 'newest',
      ...over,
    })

    /** Every page of the query, `limit` at a time. */
    async function pages(q: OverviewQuery, limit: number): Promise<Order[][]> {
      const out: Order[][] = []
      let cursor: string | undefined
      for (let n = 0; n < 50; n++) {
        const page: Page<Order> = await stores.orders.listOverview(q, { cursor, limit })
        out.push(page.items)
        if (!page.nextCursor) return out
        cursor = page.nextCursor
      }
      throw new Error('too many pages')
    }

    async function county() {
      const orders = [
        makeOrder({ orgUnitId: 's11', themeId: 'th-a', createdAt: at(1), updatedAt: at(1), title: '量血压', ownerName: '王大爷' }),
        makeOrder({ orgUnitId: 's12', themeId: 'th-b', status: 'dispatched', createdAt: at(2), updatedAt: at(30) }),
        makeOrder({ orgUnitId: 's21', themeId: 'th-a', status: 'rated', createdAt: at(3), updatedAt: at(40) }),
        makeOrder({ orgUnitId: 'i1', themeId: 'th-b', status: 'placed', createdAt: at(4), updatedAt: at(4), need: 'Ｗｉｆｉ坏了', onBehalfOf: { name: '李奶奶' } }),
        makeOrder({ orgUnitId: 's11', themeId: 'th-a', status: 'cancelled', createdAt: at(5), updatedAt: at(50) }),
        makeOrder({ orgUnitId: 's11', themeId: 'th-b', status: 'placed', createdAt: at(6), updatedAt: at(6) }),
      ]
      for (const o of orders) await stores.orders.insertOrder(o)
      return orders
    }

    test('the subtree of the unit, newest or oldest first, every status', async () => {
      const o = await county()
      expect(ids((await stores.orders.listOverview(query(), { limit: 20 })).items)).toEqual(ids([...o].reverse()))
      const i1 = await stores.orders.listOverview(query({ unitId: 'i1', sort: 'oldest' }), { limit: 20 })
      expect(ids(i1.items)).toEqual(ids([o[0], o[1], o[3], o[4], o[5]]))
      expect(ids((await stores.orders.listOverview(query({ unitId: 's21' }), { limit: 20 })).items)).toEqual([o[2].id])
      expect((await stores.orders.listOverview(query({ unitId: 's21', arms: [] }), { limit: 20 })).items).toEqual([])
    })

    test('status, theme, period and search, alone and together', async () => {
      const o = await county()
      const got = async (over: Partial<OverviewQuery>) => ids((await stores.orders.listOverview(query(over), { limit: 20 })).items)
      expect(await got({ arms: [{ status: 'placed' }] })).toEqual(ids([o[5], o[3], o[0]]))
      expect(await got({ arms: [{ status: 'placed' }, { status: 'dispatched' }], sort: 'oldest' })).toEqual(ids([o[0], o[1], o[3], o[5]]))
      expect(await got({ themeId: 'th-a' })).toEqual(ids([o[4], o[2], o[0]]))
      expect(await got({ from: at(2), to: at(5) })).toEqual(ids([o[3], o[2], o[1]]))
      expect(await got({ search: normalizeSearch('血压') })).toEqual([o[0].id])
      // the resident's name, whom a proxy ordered for, and full-width text found by its plain form
      expect(await got({ search: normalizeSearch('王大') })).toEqual([o[0].id])
      expect(await got({ search: normalizeSearch('李奶奶') })).toEqual([o[3].id])
      expect(await got({ search: normalizeSearch('WIFI') })).toEqual([o[3].id])
      // a search is literal: no pattern characters
      expect(await got({ search: '.*' })).toEqual([])
      expect(await got({ themeId: 'th-b', arms: [{ status: 'placed' }], from: at(5) })).toEqual([o[5].id])
      expect(await got({ themeId: 'th-a', unitId: 's11', arms: [{ status: 'placed' }, { status: 'cancelled' }], sort: 'oldest' })).toEqual(
        ids([o[0], o[4]]),
      )
      expect(await got({ themeId: 'th-b', unitId: 's11', search: normalizeSearch('血压') })).toEqual([])
    })

    test('overdue arms: last transition before a time, handled by given units', async () => {
      const o = await county()
      const got = async (over: Partial<OverviewQuery>) => ids((await stores.orders.listOverview(query(over), { limit: 20 })).items)
      expect(await got({ arms: [{ status: 'placed', updatedBefore: at(5) }] })).toEqual(ids([o[3], o[0]]))
      expect(await got({ arms: [{ status: 'placed', updatedBefore: at(5), handlingUnitIds: ['i1'] }] })).toEqual([o[3].id])
      expect(
        await got({ arms: [{ status: 'placed', updatedBefore: at(2), handlingUnitIds: ['s11'] }, { status: 'placed', updatedBefore: at(5), handlingUnitIds: ['i1'] }, { status: 'dispatched', updatedBefore: at(31) }] }),
      ).toEqual(ids([o[3], o[1], o[0]]))
      // a transition starts the wait again
      await stores.orders.transition({ orderId: o[0].id, expectedVersion: 1, next: advance(o[0], { updatedAt: at(10) }) })
      expect(await got({ arms: [{ status: 'placed', updatedBefore: at(5) }] })).toEqual([o[3].id])
    })

    test('preferred-time arms (回头看): claimed orders whose preferred time is before the cut, beside other arms', async () => {
      const claimed = (minutes: number | null, createdAt: string) =>
        makeOrder({ orgUnitId: 's11', status: 'claimed', createdAt, updatedAt: createdAt, preferredAt: minutes === null ? null : at(minutes) })
      const late = claimed(20, at(1))
      const soon = claimed(90, at(2))
      const none = claimed(null, at(3))
      const waiting = makeOrder({ orgUnitId: 's12', status: 'placed', createdAt: at(4), updatedAt: at(4) })
      for (const o of [late, soon, none, waiting]) await stores.orders.insertOrder(o)
      const got = async (over: Partial<OverviewQuery>) => ids((await stores.orders.listOverview(query({ sort: 'oldest', ...over }), { limit: 20 })).items)
      expect(await got({ arms: [{ status: 'claimed', preferredBefore: at(60) }] })).toEqual([late.id])
      expect(await got({ arms: [{ status: 'claimed', preferredBefore: at(100) }] })).toEqual([late.id, soon.id])
      expect(await got({ arms: [{ status: 'claimed', preferredBefore: at(60) }, { status: 'placed', updatedBefore: at(10) }] })).toEqual([late.id, waiting.id])
      expect(await got({ arms: [{ status: 'claimed', preferredBefore: at(60) }], from: at(2) })).toEqual([])
      expect(await got({ unitId: 's12', arms: [{ status: 'claimed', preferredBefore: at(100) }] })).toEqual([])
    })

    test('pages in either order hold every order once, across statuses, with the same filters', async () => {
      const made: Order[] = []
      for (let i = 0; i < 23; i++) {
        const status = (['placed', 'dispatched', 'completed'] as const)[i % 3]
        const o = makeOrder({ orgUnitId: i % 2 ? 's11' : 's12', status, createdAt: at(i % 7), updatedAt: at(i % 7), themeId: 'th-a' })
        made.push(o)
        await stores.orders.insertOrder(o)
      }
      const arms = (['placed', 'dispatched', 'completed'] as const).map((status) => ({ status }))
      const key = (x: Order) => `${x.createdAt}|${x.id}`
      const oldest = [...made].sort((a, b) => (key(a) < key(b) ? -1 : 1))
      for (const sort of ['newest', 'oldest'] as const) {
        const got = await pages(query({ unitId: 'i1', arms, themeId: 'th-a', sort }), 5)
        expect(got.map((p) => p.length)).toEqual([5, 5, 5, 5, 3])
        expect(ids(got.flat())).toEqual(ids(sort === 'oldest' ? oldest : [...oldest].reverse()))
      }
    })

    test('a transition keeps the search text in step with the order', async () => {
      const o = makeOrder({ title: '修水管' })
      await stores.orders.insertOrder(o)
      await stores.orders.transition({ orderId: o.id, expectedVersion: 1, next: advance(o, { status: 'dispatched', teamIds: ['t1'] }) })
      const found = await stores.orders.listOverview(query({ search: normalizeSearch('修水管') }), { limit: 5 })
      expect(ids(found.items)).toEqual([o.id])
      expect(found.items[0].status).toBe('dispatched')
      expect(searchTextOf(found.items[0])).toContain('修水管')
    })

    test('listOpenOf: the open orders of the owners, nobody else’s, at most the limit', async () => {
      const mine = [
        makeOrder({ ownerId: 'p1', status: 'placed' }),
        makeOrder({ ownerId: 'p1', status: 'claimed' }),
        makeOrder({ ownerId: 'p2', status: 'dispatched' }),
      ]
      for (const o of [...mine, makeOrder({ ownerId: 'p1', status: 'rated' }), makeOrder({ ownerId: 'p3', status: 'placed' })]) {
        await stores.orders.insertOrder(o)
      }
      expect(ids(await stores.orders.listOpenOf(['p1', 'p2', 'p1'], 10)).sort()).toEqual(ids(mine).sort())
      expect(await stores.orders.listOpenOf(['p1', 'p2'], 2)).toHaveLength(2)
      expect(await stores.orders.listOpenOf([], 10)).toEqual([])
      expect(await stores.orders.listOpenOf(['nobody'], 10)).toEqual([])
    })
  })

  describe('users: the person search', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('by the start of the name, or of the phone when digits, in pages', async () => {
      const people = [
        makeUser({ name: '王大爷', phone: '13800001111' }),
        makeUser({ name: '王芳', phone: '13900002222' }),
        makeUser({ name: '李奶奶', phone: '13800003333' }),
        makeUser({ name: '老王', phone: '15000004444' }),
      ]
      for (const u of people) await stores.users.createUser(u)
      const names = async (q: string) => (await stores.users.searchUsers(q, { limit: 10 })).items.map((u) => u.name)
      expect(await names('王')).toEqual(['王大爷', '王芳'].sort())
      expect(await names('王芳')).toEqual(['王芳'])
      expect(await names('李')).toEqual(['李奶奶'])
      expect(await names('138')).toEqual(['王大爷', '李奶奶'])
      expect(await names('1380000333')).toEqual(['李奶奶'])
      expect(await names('张')).toEqual([])
      const first = await stores.users.searchUsers('王', { limit: 1 })
      expect(first.items).toHaveLength(1)
      const second = await stores.users.searchUsers('王', { cursor: first.nextCursor!, limit: 1 })
      expect([...first.items, ...second.items].map((u) => u.name)).toEqual(['王大爷', '王芳'].sort())
      expect(second.nextCursor).toBeNull()
    })
  })
}
