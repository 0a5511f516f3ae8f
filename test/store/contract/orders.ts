/**
 * The orders port (placing, the conditional lifecycle write, lists, job reads, figures):
 * its documented behaviour for any adapter, run by ./index.ts.
 */
import type { Stores } from '~core/ports'
import { ORDER_STATUSES, type Completion, type Order, type OrderStatus, type TimelineEntry } from '~types'
import { advance, at, claimBy, collectPages, ids, makeEntry, makeOrder, makeTeam, nextId, pathOf, sortedIds } from '../fixtures'
import { freshStores, type MakeStores, makeNotification, byKey, shuffled } from './helpers'

export function ordersContract(make: MakeStores): void {
  describe('orders', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('insertOrder inserts once; a retried place gets the stored order and created=false', async () => {
      const order = makeOrder()
      expect(await stores.orders.insertOrder(order)).toEqual({ order, created: true })
      expect(await stores.orders.insertOrder({ ...order, title: '重试' })).toEqual({ order, created: false })
      expect((await stores.orders.loadOrder(order.id)).order).toEqual(order)
    })

    test('insertOrder with maxOpen: refused once the owner has that many open orders for the person served', async () => {
      const mine = (over: Partial<Order> = {}) => makeOrder({ ownerId: 'p1', ...over })
      await stores.orders.insertOrder(mine({ status: 'placed' }))
      await stores.orders.insertOrder(mine({ status: 'claimed' }))
      // not open, or another person's, or for someone else: not counted
      for (const status of ['completed', 'cancelled', 'rejected', 'rated', 'closed'] as const) await stores.orders.insertOrder(mine({ status }))
      await stores.orders.insertOrder(makeOrder({ ownerId: 'p2' }))
      await stores.orders.insertOrder(mine({ onBehalfOf: { name: '张奶奶' } }))
      const next = mine()
      expect(await stores.orders.insertOrder(next, { maxOpen: 2 })).toEqual({ order: next, created: false, openLimitReached: true })
      expect((await stores.orders.loadOrder(next.id)).order).toBeNull()
      expect(await stores.orders.insertOrder(next, { maxOpen: 3 })).toEqual({ order: next, created: true })
      // a retry of a stored order gets it, limit or not
      expect(await stores.orders.insertOrder({ ...next, title: '重试' }, { maxOpen: 1 })).toEqual({ order: next, created: false })
      // a proxy: per person served
      const forZhang = mine({ onBehalfOf: { name: '张奶奶' } })
      expect(await stores.orders.insertOrder(forZhang, { maxOpen: 1 })).toMatchObject({ created: false, openLimitReached: true })
      expect(await stores.orders.insertOrder(mine({ onBehalfOf: { name: '李爷爷' } }), { maxOpen: 1 })).toMatchObject({ created: true })
    })

    test('insertOrder with refuseDuplicate: an open order of the same owner, person served and menu item within the window is named, not inserted', async () => {
      const mine = (over: Partial<Order> = {}) => makeOrder({ ownerId: 'd1', menuItemId: 'menu-a', ...over })
      const first = mine({ createdAt: at(0) })
      expect(await stores.orders.insertOrder(first, { refuseDuplicate: true })).toEqual({ order: first, created: true })
      const again = mine({ createdAt: at(60) })
      expect(await stores.orders.insertOrder(again, { refuseDuplicate: true })).toEqual({ order: again, created: false, duplicateOf: first.id })
      expect((await stores.orders.loadOrder(again.id)).order).toBeNull()
      // a retry of the stored order still gets it
      expect(await stores.orders.insertOrder({ ...first, title: '重试' }, { refuseDuplicate: true })).toEqual({ order: first, created: false })
      // not alike: another item, another person served, a described need, past the window; or asked to place anyway
      for (const other of [mine({ menuItemId: 'menu-b' }), mine({ onBehalfOf: { name: '陈奶奶' } }), mine({ menuItemId: null }), mine({ createdAt: at(25 * 60) }), makeOrder({ ownerId: 'd2', menuItemId: 'menu-a' })]) {
        expect(await stores.orders.insertOrder(other, { refuseDuplicate: true })).toMatchObject({ created: true })
      }
      expect(await stores.orders.insertOrder(again)).toEqual({ order: again, created: true })
      // a closed order is no longer one
      const served = mine({ menuItemId: 'menu-c', status: 'rated' })
      await stores.orders.insertOrder(served)
      expect(await stores.orders.insertOrder(mine({ menuItemId: 'menu-c' }), { refuseDuplicate: true })).toMatchObject({ created: true })
    })

    test('loadOrder returns the order, the requested teams and no replay without a stored answer', async () => {
      const t1 = await stores.catalog.saveTeam(makeTeam())
      const t2 = await stores.catalog.saveTeam(makeTeam())
      await stores.catalog.saveTeam(makeTeam())
      const order = makeOrder()
      await stores.orders.insertOrder(order)
      const loaded = await stores.orders.loadOrder(order.id, { teamIds: [t2.id, t1.id, 'team-missing'], requestKey: 'k-none' })
      expect(loaded.order).toEqual(order)
      expect(sortedIds(loaded.teams)).toEqual([t1.id, t2.id].sort())
      expect(loaded.replay).toBeUndefined()
      expect(await stores.orders.loadOrder('order-missing')).toEqual({ order: null, teams: [], replay: undefined })
    })

    test('transition replaces the order only at the expected version', async () => {
      const order = makeOrder()
      await stores.orders.insertOrder(order)
      const v2 = advance(order, { status: 'dispatched', teamIds: ['team-a'] })
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: v2 })).toBe('ok')
      expect((await stores.orders.loadOrder(order.id)).order).toEqual(v2)

      const stale = advance(order, { status: 'rejected', reason: '过期的请求' })
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: stale })).toBe('conflict')
      expect((await stores.orders.loadOrder(order.id)).order).toEqual(v2)

      const ghost = makeOrder()
      expect(await stores.orders.transition({ orderId: ghost.id, expectedVersion: 1, next: advance(ghost) })).toBe('conflict')
      expect((await stores.orders.loadOrder(ghost.id)).order).toBeNull()
    })

    test('transition appends awards with balances and stores the answer for replay, together', async () => {
      const order = makeOrder({ status: 'completed', version: 4, claims: [claimBy('v1'), claimBy('v2')] })
      await stores.orders.insertOrder(order)
      const awards = [
        makeEntry({ id: `award:${order.id}:v1`, userId: 'v1', delta: 15, hours: 2, orderId: order.id }),
        makeEntry({ id: `award:${order.id}:v2`, userId: 'v2', delta: 12, hours: 1.5, orderId: order.id }),
      ]
      const rated = advance(order, { status: 'rated', rating: { stars: 5, comment: '好', at: at(90) } })
      const response = { order: rated, awards }
      const key = `rate:${order.id}:owner`
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 4, next: rated, awards, request: { key, response } })).toBe('ok')

      expect(await stores.ledger.getBalance('v1')).toEqual({ userId: 'v1', balance: 15, earned: 15, hours: 2 })
      expect(await stores.ledger.getBalance('v2')).toEqual({ userId: 'v2', balance: 12, earned: 12, hours: 1.5 })
      expect((await stores.ledger.listLedger('v1', { limit: 10 })).items).toEqual([awards[0]])
      const loaded = await stores.orders.loadOrder(order.id, { requestKey: key })
      expect(loaded.order).toEqual(rated)
      expect(loaded.replay).toEqual(response)
      expect((await stores.orders.loadOrder(order.id)).replay).toBeUndefined()
      expect((await stores.orders.loadOrder(order.id, { requestKey: 'other-key' })).replay).toBeUndefined()
    })

    test('a conflicting transition writes no awards and no answer', async () => {
      const order = makeOrder({ status: 'completed', version: 3 })
      await stores.orders.insertOrder(order)
      const awards = [makeEntry({ userId: 'v1', orderId: order.id })]
      const next = advance(order, { status: 'rated' })
      const request = { key: 'k-conflict', response: { ok: true } }
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 2, next: { ...next, version: 3 }, awards, request })).toBe('conflict')
      expect(await stores.ledger.getBalance('v1')).toEqual({ userId: 'v1', balance: 0, earned: 0, hours: 0 })
      expect((await stores.ledger.listLedger('v1', { limit: 10 })).items).toEqual([])
      expect((await stores.orders.loadOrder(order.id, { requestKey: 'k-conflict' })).replay).toBeUndefined()
      expect((await stores.orders.loadOrder(order.id)).order).toEqual(order)
    })

    describe('the daily points cap (dailyCap), decided inside the write', () => {
      const CAP = 100
      /** A completed order of v1 closed at `minutes` with an award of `delta`; what its transition paid and answered. */
      async function close(minutes: number, delta: number, key?: string) {
        const order = makeOrder({ status: 'completed', version: 3, claims: [claimBy('v1')] })
        await stores.orders.insertOrder(order)
        const awards = [makeEntry({ id: `award:${order.id}:v1`, userId: 'v1', delta, hours: 1, reason: '完成「修水管」', orderId: order.id, at: at(minutes) })]
        let paid: unknown
        const outcome = await stores.orders.transition({
          orderId: order.id,
          expectedVersion: 3,
          next: advance(order, { status: 'rated', updatedAt: at(minutes) }),
          awards,
          dailyCap: CAP,
          answer: (written) => (paid = { order: order.id, awards: written }),
          request: key ? { key } : undefined,
        })
        return { order, outcome, paid: paid as { awards: Array<{ delta: number; reason: string }> } }
      }

      test('pays in full until the cap, cuts the award that passes it and says so, then pays 0 until the next China-time day', async () => {
        // at(0) is 08:00 China time on 2026-01-01; at(959) is 23:59 that day, at(960) the next day's midnight
        expect((await close(0, 40)).paid.awards.map((a) => a.delta)).toEqual([40])
        expect((await close(10, 40)).paid.awards.map((a) => a.delta)).toEqual([40])
        const third = await close(20, 40, 'k-cap')
        expect(third.outcome).toBe('ok')
        expect(third.paid.awards.map((a) => [a.delta, a.reason])).toEqual([[20, '完成「修水管」（已达每日上限100分，本次计20分）']])
        // a spend does not give the day's cap back
        expect(await stores.ledger.appendLedger([makeEntry({ userId: 'v1', delta: -30, hours: 0, at: at(30) })])).toBe('ok')
        expect((await close(959, 40)).paid.awards.map((a) => [a.delta, a.reason])).toEqual([[0, '完成「修水管」（已达每日上限100分，本次计0分）']])
        expect((await close(960, 40)).paid.awards.map((a) => a.delta)).toEqual([40])

        expect(await stores.ledger.getBalance('v1')).toEqual({ userId: 'v1', balance: 110, earned: 140, hours: 5 })
        const entries = (await stores.ledger.listLedger('v1', { limit: 10 })).items
        expect(entries.map((e) => e.delta)).toEqual([40, 0, -30, 20, 40, 40])
        expect(await stores.ledger.reconcile()).toEqual({ checked: 1, mismatches: [] })
        // the stored answer is the one made from what was paid
        expect((await stores.orders.loadOrder(third.order.id, { requestKey: 'k-cap' })).replay).toEqual(third.paid)
      })

      test('without a cap (0) every award is paid in full', async () => {
        const order = makeOrder({ status: 'completed', version: 1, claims: [claimBy('v1')] })
        await stores.orders.insertOrder(order)
        const awards = [makeEntry({ id: `award:${order.id}:v1`, userId: 'v1', delta: 500, orderId: order.id })]
        expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: advance(order, { status: 'rated' }), awards, dailyCap: 0 })).toBe('ok')
        expect((await stores.ledger.getBalance('v1')).balance).toBe(500)
      })

      test('orders closing at once for the same volunteer cannot together pass the cap', async () => {
        const closes = await Promise.all([1, 2, 3, 4].map((i) => close(i, 40)))
        expect(closes.map((c) => c.outcome)).toEqual(['ok', 'ok', 'ok', 'ok'])
        const paid = closes.map((c) => c.paid.awards[0].delta).sort((a, b) => b - a)
        expect(paid).toEqual([40, 40, 20, 0])
        expect(await stores.ledger.getBalance('v1')).toEqual({ userId: 'v1', balance: CAP, earned: CAP, hours: 4 })
        expect(await stores.ledger.reconcile()).toEqual({ checked: 1, mismatches: [] })
      })
    })

    test('a transition whose award id exists answers duplicate and writes nothing', async () => {
      const order = makeOrder({ status: 'completed', version: 2, claims: [claimBy('v1'), claimBy('v2')] })
      await stores.orders.insertOrder(order)
      const earlier = makeEntry({ id: `award:${order.id}:v2`, userId: 'v2', delta: 5, hours: 1 })
      expect(await stores.ledger.appendLedger([earlier])).toBe('ok')
      const awards = [
        makeEntry({ id: `award:${order.id}:v1`, userId: 'v1', delta: 10, hours: 1 }),
        makeEntry({ id: `award:${order.id}:v2`, userId: 'v2', delta: 10, hours: 1 }),
      ]
      const next = advance(order, { status: 'rated' })
      const request = { key: 'k-dup', response: 'answer' }
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 2, next, awards, request })).toBe('duplicate')
      expect((await stores.orders.loadOrder(order.id)).order).toEqual(order)
      expect((await stores.orders.loadOrder(order.id, { requestKey: 'k-dup' })).replay).toBeUndefined()
      expect(await stores.ledger.getBalance('v1')).toEqual({ userId: 'v1', balance: 0, earned: 0, hours: 0 })
      expect(await stores.ledger.getBalance('v2')).toEqual({ userId: 'v2', balance: 5, earned: 5, hours: 1 })
      expect((await stores.ledger.listLedger('v2', { limit: 10 })).items).toEqual([earlier])

      const twice = [awards[0], { ...awards[0] }]
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 2, next, awards: twice })).toBe('duplicate')
      expect((await stores.orders.loadOrder(order.id)).order).toEqual(order)
      expect(await stores.ledger.getBalance('v1')).toEqual({ userId: 'v1', balance: 0, earned: 0, hours: 0 })
    })

    test('parallel transitions from the same version: exactly one wins', async () => {
      const order = makeOrder({ status: 'dispatched', capacity: 1, teamIds: ['team-a'] })
      await stores.orders.insertOrder(order)
      const attempts = Array.from({ length: 12 }, (_, i) =>
        stores.orders.transition({
          orderId: order.id,
          expectedVersion: 1,
          next: advance(order, { status: 'claimed', claims: [claimBy(`vol-${i}`)] }),
        }),
      )
      const results = await Promise.all(attempts)
      expect(results.filter((r) => r === 'ok')).toHaveLength(1)
      expect(results.filter((r) => r === 'conflict')).toHaveLength(11)
      const stored = (await stores.orders.loadOrder(order.id)).order!
      expect(stored.version).toBe(2)
      expect(stored.claims).toHaveLength(1)
    })

    describe('listOrders', () => {
      test('owner: the owner’s orders, newest first, across pages without duplicates or omissions', async () => {
        const ownerId = nextId('owner')
        const mine: Order[] = []
        // 23 orders, with pairs sharing createdAt so that the id breaks ties
        for (let i = 0; i < 23; i++) mine.push(makeOrder({ ownerId, createdAt: at(Math.floor(i / 2)) }))
        for (const o of shuffled(mine)) await stores.orders.insertOrder(o)
        await stores.orders.insertOrder(makeOrder({ ownerId: 'someone-else' }))

        const expected = [...mine].sort(byKey('desc')).map((o) => o.id)
        const pages = await collectPages((cursor) => stores.orders.listOrders({ kind: 'owner', ownerId }, { cursor, limit: 5 }))
        expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3])
        expect(pages.flat().map((o) => o.id)).toEqual(expected)
        expect(pages.flat()[0]).toEqual(mine.find((o) => o.id === expected[0]))
      })

      test('owner: a page that ends exactly at the last order has no next cursor', async () => {
        const ownerId = nextId('owner')
        for (let i = 0; i < 6; i++) await stores.orders.insertOrder(makeOrder({ ownerId, createdAt: at(i) }))
        const pages = await collectPages((cursor) => stores.orders.listOrders({ kind: 'owner', ownerId }, { cursor, limit: 3 }))
        expect(pages.map((p) => p.length)).toEqual([3, 3])
        const empty = await stores.orders.listOrders({ kind: 'owner', ownerId: 'nobody' }, { limit: 3 })
        expect(empty).toEqual({ items: [], nextCursor: null })
      })

      test('queue: orders of the unit’s subtree in the given statuses, oldest first', async () => {
        const placed11 = makeOrder({ orgUnitId: 's11', createdAt: at(3) })
        const placed12 = makeOrder({ orgUnitId: 's12', createdAt: at(1) })
        const dispatched11 = makeOrder({ orgUnitId: 's11', status: 'dispatched', teamIds: ['t'], createdAt: at(2) })
        const closed11 = makeOrder({ orgUnitId: 's11', status: 'closed', createdAt: at(0) })
        const placed21 = makeOrder({ orgUnitId: 's21', createdAt: at(4) })
        const atInstitute = makeOrder({ orgUnitId: 'i1', createdAt: at(5) })
        for (const o of [placed11, placed12, dispatched11, closed11, placed21, atInstitute]) await stores.orders.insertOrder(o)
        const queue = async (unitId: string, statuses: OrderStatus[]) =>
          ids((await stores.orders.listOrders({ kind: 'queue', unitId, statuses }, { limit: 50 })).items)

        expect(await queue('i1', ['placed', 'dispatched'])).toEqual([placed12.id, dispatched11.id, placed11.id, atInstitute.id])
        expect(await queue('i1', ['placed'])).toEqual([placed12.id, placed11.id, atInstitute.id])
        expect(await queue('s11', ['placed', 'dispatched', 'closed'])).toEqual([closed11.id, dispatched11.id, placed11.id])
        expect(await queue('c', ['placed'])).toEqual([placed12.id, placed11.id, placed21.id, atInstitute.id])
        expect(await queue('s21', ['dispatched'])).toEqual([])
        expect(await queue('i1', [])).toEqual([])
      })

      test('queue follows transitions: an escalated order leaves the station, a closed one leaves the queue', async () => {
        const order = makeOrder({ orgUnitId: 's11', createdAt: at(1) })
        await stores.orders.insertOrder(order)
        const escalated = advance(order, { orgUnitId: 'i1', unitPath: pathOf('i1') })
        expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: escalated })).toBe('ok')
        const queue = async (unitId: string) =>
          ids((await stores.orders.listOrders({ kind: 'queue', unitId, statuses: ['placed'] }, { limit: 10 })).items)
        expect(await queue('s11')).toEqual([])
        expect(await queue('i1')).toEqual([order.id])
        const rejected = advance(escalated, { status: 'rejected', reason: '不在服务范围' })
        expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 2, next: rejected })).toBe('ok')
        expect(await queue('i1')).toEqual([])
        expect(ids((await stores.orders.listOrders({ kind: 'queue', unitId: 'c', statuses: ['rejected'] }, { limit: 10 })).items)).toEqual([order.id])
      })

      test('queue: pages across several statuses keep the global oldest-first order', async () => {
        const statuses: OrderStatus[] = ['placed', 'dispatched', 'claimed']
        const orders = Array.from({ length: 17 }, (_, i) =>
          makeOrder({ orgUnitId: i % 2 ? 's11' : 's12', status: statuses[i % 3], createdAt: at(Math.floor(i / 3)) }),
        )
        for (const o of shuffled(orders)) await stores.orders.insertOrder(o)
        await stores.orders.insertOrder(makeOrder({ orgUnitId: 's21', createdAt: at(0) }))
        const pages = await collectPages((cursor) =>
          stores.orders.listOrders({ kind: 'queue', unitId: 'i1', statuses }, { cursor, limit: 4 }),
        )
        expect(pages.map((p) => p.length)).toEqual([4, 4, 4, 4, 1])
        expect(pages.flat().map((o) => o.id)).toEqual([...orders].sort(byKey('asc')).map((o) => o.id))
      })

      test('tasks: open orders of the volunteer’s teams and every order they claimed, newest first, once each', async () => {
        const v = 'vol-1'
        const mk = (minutes: number, over: Partial<Order>) => makeOrder({ createdAt: at(minutes), ...over })
        const dispatchedT1 = mk(1, { status: 'dispatched', teamIds: ['T1'] })
        const claimedByOtherT2 = mk(2, { status: 'claimed', teamIds: ['T2'], claims: [claimBy('vol-2')] })
        const bothTeams = mk(3, { status: 'dispatched', teamIds: ['T1', 'T2'] })
        const completedT1 = mk(4, { status: 'completed', teamIds: ['T1'], claims: [claimBy('vol-2')] })
        const completedMine = mk(5, { status: 'completed', teamIds: ['T3'], claims: [claimBy(v)] })
        const placed = mk(6, { status: 'placed' })
        const otherTeam = mk(7, { status: 'dispatched', teamIds: ['T3'] })
        const ratedMineT1 = mk(8, { status: 'rated', teamIds: ['T1'], claims: [claimBy(v), claimBy('vol-2')] })
        const claimedMineT1 = mk(9, { status: 'claimed', teamIds: ['T1', 'T2'], claims: [claimBy(v)] })
        const all = [dispatchedT1, claimedByOtherT2, bothTeams, completedT1, completedMine, placed, otherTeam, ratedMineT1, claimedMineT1]
        for (const o of shuffled(all)) await stores.orders.insertOrder(o)

        const expected = [claimedMineT1, ratedMineT1, completedMine, bothTeams, claimedByOtherT2, dispatchedT1].map((o) => o.id)
        const query = { kind: 'tasks' as const, teamIds: ['T1', 'T2'], volunteerId: v }
        expect(ids((await stores.orders.listOrders(query, { limit: 50 })).items)).toEqual(expected)
        const pages = await collectPages((cursor) => stores.orders.listOrders(query, { cursor, limit: 2 }))
        expect(pages.map((p) => p.length)).toEqual([2, 2, 2])
        expect(pages.flat().map((o) => o.id)).toEqual(expected)

        const noTeams = await stores.orders.listOrders({ kind: 'tasks', teamIds: [], volunteerId: v }, { limit: 50 })
        expect(ids(noTeams.items)).toEqual([claimedMineT1.id, ratedMineT1.id, completedMine.id])
      })

      test('tasks follow transitions: an unclaimed order of another team drops out', async () => {
        const v = 'vol-9'
        const order = makeOrder({ status: 'claimed', teamIds: ['T9'], claims: [claimBy(v)] })
        await stores.orders.insertOrder(order)
        const query = { kind: 'tasks' as const, teamIds: ['T1'], volunteerId: v }
        expect(ids((await stores.orders.listOrders(query, { limit: 5 })).items)).toEqual([order.id])
        const unclaimed = advance(order, { status: 'dispatched', claims: [] })
        expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: unclaimed })).toBe('ok')
        expect((await stores.orders.listOrders(query, { limit: 5 })).items).toEqual([])
        expect(ids((await stores.orders.listOrders({ ...query, teamIds: ['T9'] }, { limit: 5 })).items)).toEqual([order.id])
      })
    })

    test('a malformed cursor is refused as INVALID_INPUT', async () => {
      const bad = Buffer.from('{"not":"a cursor"}').toString('base64url')
      for (const cursor of ['%%%', bad]) {
        await expect(stores.orders.listOrders({ kind: 'owner', ownerId: 'x' }, { cursor, limit: 5 })).rejects.toMatchObject({
          code: 'INVALID_INPUT',
        })
        await expect(stores.ledger.listLedger('x', { cursor, limit: 5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
      }
    })

    test('listStale: orders in a status last updated before a time, oldest first, at most limit', async () => {
      const mk = (status: OrderStatus, minutes: number) => makeOrder({ status, createdAt: at(0), updatedAt: at(minutes) })
      const a = mk('completed', 30)
      const b = mk('completed', 10)
      const c = mk('completed', 20)
      const fresh = mk('completed', 100)
      const other = mk('claimed', 5)
      for (const o of [a, b, c, fresh, other]) await stores.orders.insertOrder(o)
      expect(ids(await stores.orders.listStale('completed', at(50), 10))).toEqual([b.id, c.id, a.id])
      expect(ids(await stores.orders.listStale('completed', at(50), 2))).toEqual([b.id, c.id])
      expect(ids(await stores.orders.listStale('completed', at(20), 10))).toEqual([b.id])
      expect(await stores.orders.listStale('placed', at(50), 10)).toEqual([])
    })

    test('listStale continues strictly after a position, ties on updatedAt broken by id', async () => {
      const mk = (minutes: number) => makeOrder({ status: 'placed', createdAt: at(0), updatedAt: at(minutes) })
      const orders = [mk(10), mk(10), mk(20), mk(30), mk(40)]
      for (const o of orders) await stores.orders.insertOrder(o)
      const all = await stores.orders.listStale('placed', at(35), 10)
      expect(all.map((o) => o.updatedAt)).toEqual([at(10), at(10), at(20), at(30)])
      const first = await stores.orders.listStale('placed', at(35), 2)
      expect(ids(first)).toEqual(ids(all).slice(0, 2))
      const last = first[first.length - 1]
      const rest = await stores.orders.listStale('placed', at(35), 10, { updatedAt: last.updatedAt, id: last.id })
      expect(ids(rest)).toEqual(ids(all).slice(2))
      expect(await stores.orders.listStale('placed', at(35), 10, { updatedAt: at(30), id: all[3].id })).toEqual([])
    })

    test('listPreferredDue: open orders with a preferred time before a time, soonest first, after a position', async () => {
      const mk = (status: OrderStatus, minutes: number | null) =>
        makeOrder({ status, preferredAt: minutes === null ? null : at(minutes) })
      const a = mk('placed', 30)
      const b = mk('dispatched', 10)
      const c = mk('claimed', 20)
      const later = mk('placed', 100)
      const none = mk('placed', null)
      const done = mk('completed', 5)
      for (const o of [a, b, c, later, none, done]) await stores.orders.insertOrder(o)
      expect(ids(await stores.orders.listPreferredDue(at(50), 10))).toEqual([b.id, c.id, a.id])
      expect(ids(await stores.orders.listPreferredDue(at(50), 2))).toEqual([b.id, c.id])
      expect(ids(await stores.orders.listPreferredDue(at(50), 10, { preferredAt: at(20), id: c.id }))).toEqual([a.id])
      // an order that leaves the open states leaves the list
      expect(await stores.orders.transition({ orderId: b.id, expectedVersion: 1, next: advance(b, { status: 'cancelled' }) })).toBe('ok')
      expect(ids(await stores.orders.listPreferredDue(at(50), 10))).toEqual([c.id, a.id])
    })

    test('transition records its notifications with the order, once per id', async () => {
      const order = makeOrder()
      await stores.orders.insertOrder(order)
      const n = makeNotification(order.id, 'escalated:' + order.id + ':v1')
      const v2 = advance(order, { orgUnitId: 'i1', unitPath: pathOf('i1') })
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: v2, notifications: [n] })).toBe('ok')
      expect(await stores.notifications.listOrderNotifications(order.id)).toEqual([n])
      // a transition that loses its version records nothing
      const lost = makeNotification(order.id, 'lost:' + order.id)
      const stale = advance(order, { status: 'rejected' })
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: stale, notifications: [lost] })).toBe('conflict')
      // an id already recorded is left as it was
      const again = { ...n, text: '改过的文字' }
      const v3 = advance(v2, { status: 'rejected' })
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 2, next: v3, notifications: [again] })).toBe('ok')
      expect(await stores.notifications.listOrderNotifications(order.id)).toEqual([n])
    })

    describe('order statistics', () => {
      const JAN = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }

      const jan = (day: number) => `2026-01-${String(day).padStart(2, '0')}T08:00:00.000Z`

      const claimed: TimelineEntry = { at: jan(20), actorId: 'v', actorName: '志愿者', action: 'claim', from: 'dispatched', to: 'claimed', note: '' }

      const served = (beneficiaryCount: number): Completion => ({ hours: 2, beneficiaryCount, note: '', by: 'v1', at: jan(21) })

      const zeros = () => Object.fromEntries(ORDER_STATUSES.map((st) => [st, 0])) as Record<OrderStatus, number>

      const empty = () => ({ placed: 0, taken: 0, served: 0, people: 0, byStatus: zeros(), byTheme: {}, byUnit: {} })

      /** A county month: every status, three themes, orders placed at stations and at an institute itself. */

      async function seed() {
        const o = {
          placedFirst: makeOrder({ orgUnitId: 's11', themeId: 'th-a', createdAt: JAN.from }),
          dispatched: makeOrder({ orgUnitId: 's12', themeId: 'th-a', status: 'dispatched', teamIds: ['T1'], createdAt: jan(2) }),
          claimed: makeOrder({ orgUnitId: 's11', themeId: 'th-b', status: 'claimed', claims: [claimBy('v1')], timeline: [claimed], createdAt: jan(3) }),
          completed: makeOrder({ orgUnitId: 's11', themeId: 'th-b', status: 'completed', claims: [claimBy('v1')], completion: served(4), createdAt: jan(4) }),
          rated: makeOrder({ orgUnitId: 's21', themeId: 'th-a', status: 'rated', claims: [claimBy('v2')], completion: served(10), createdAt: jan(5) }),
          closed: makeOrder({ orgUnitId: 's11', themeId: 'th-a', status: 'closed', claims: [claimBy('v1')], completion: served(2), createdAt: jan(6) }),
          cancelled: makeOrder({ orgUnitId: 's12', themeId: 'th-b', status: 'cancelled', createdAt: jan(7) }),
          // handled at the institute itself
          atInstitute: makeOrder({ orgUnitId: 'i1', themeId: 'th-c', status: 'rejected', createdAt: jan(8) }),
          // claimed once, then given back: still taken on
          unclaimed: makeOrder({ orgUnitId: 's21', themeId: 'th-b', status: 'dispatched', timeline: [claimed], createdAt: jan(9) }),
          // placed in s11, escalated: counted at the institute that handles it now
          escalated: makeOrder({ orgUnitId: 'i1', unitPath: pathOf('i1'), originPath: pathOf('s11'), themeId: 'th-a', createdAt: jan(10) }),
          before: makeOrder({ orgUnitId: 's11', themeId: 'th-a', createdAt: '2025-12-31T23:59:59.999Z' }),
          atEnd: makeOrder({ orgUnitId: 's11', themeId: 'th-a', createdAt: JAN.to }),
        }
        for (const order of Object.values(o)) await stores.orders.insertOrder(order)
        return o
      }

      test('orderStats: 点单数, 接单数, 服务场次, 服务人数 and counts by status, theme and child unit over [from, to)', async () => {
        await seed()
        expect(await stores.orders.orderStats({ unitId: 'c', ...JAN })).toEqual({
          placed: 10,
          taken: 5,
          served: 3,
          people: 16,
          byStatus: { ...zeros(), placed: 2, dispatched: 2, claimed: 1, completed: 1, rated: 1, closed: 1, rejected: 1, cancelled: 1 },
          byTheme: { 'th-a': 5, 'th-b': 4, 'th-c': 1 },
          byUnit: { i1: 8, i2: 2 },
        })
        expect(await stores.orders.orderStats({ unitId: 'i1', ...JAN })).toEqual({
          placed: 8,
          taken: 3,
          served: 2,
          people: 6,
          byStatus: { ...zeros(), placed: 2, dispatched: 1, claimed: 1, completed: 1, closed: 1, rejected: 1, cancelled: 1 },
          byTheme: { 'th-a': 4, 'th-b': 3, 'th-c': 1 },
          byUnit: { s11: 4, s12: 2, i1: 2 },
        })
        const s11 = await stores.orders.orderStats({ unitId: 's11', ...JAN })
        expect(s11).toMatchObject({ placed: 4, taken: 3, served: 2, people: 6, byUnit: { s11: 4 } })
        expect(await stores.orders.orderStats({ unitId: 's11', from: JAN.to, to: '2026-03-01T00:00:00.000Z' })).toEqual({
          ...empty(),
          placed: 1,
          byStatus: { ...zeros(), placed: 1 },
          byTheme: { 'th-a': 1 },
          byUnit: { s11: 1 },
        })
        expect(await stores.orders.orderStats({ unitId: 's21', from: JAN.to, to: '2026-03-01T00:00:00.000Z' })).toEqual(empty())
        expect(await stores.orders.orderStats({ unitId: 'nowhere', ...JAN })).toEqual(empty())
      })

      test('orderStats follows transitions: a claim is taken on, a completion is served with its people', async () => {
        const o = await seed()
        const claim = advance(o.dispatched, { status: 'claimed', claims: [claimBy('v3')], timeline: [claimed] })
        expect(await stores.orders.transition({ orderId: o.dispatched.id, expectedVersion: 1, next: claim })).toBe('ok')
        const done = advance(o.claimed, { status: 'completed', completion: served(3) })
        expect(await stores.orders.transition({ orderId: o.claimed.id, expectedVersion: 1, next: done })).toBe('ok')
        const stats = await stores.orders.orderStats({ unitId: 'c', ...JAN })
        expect(stats).toMatchObject({ placed: 10, taken: 6, served: 4, people: 19 })
        expect(stats.byStatus).toMatchObject({ dispatched: 1, claimed: 1, completed: 2 })
      })
    })
  })
}
