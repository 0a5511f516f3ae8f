import { createCloudbaseStores, PAGE } from '~adapters/cloudbase'
import type { CloudDb } from '~adapters/cloudbase/db-types'
import { type CallRecord, FakeCloudDb } from '~test/support/cloudbase-fake'
import { AppError } from '~core/errors'
import { searchTextOf } from '~core/overview'
import type { AppNotification, Claim, Order, SubscribeSend } from '~types'
import { runStoreContract } from './contract'
import { advance, at, claimBy as fixtureClaim, ids, makeEntry, makeImport, makeOrder, makeUser, pathOf } from './fixtures'

const claimBy = (volunteerId: string): Claim => ({ ...fixtureClaim(volunteerId), unitPath: pathOf('s11') })

// The real database object of wx-server-sdk fits the structural type the adapter accepts (checked by tsc).
type RealDatabase = ReturnType<(typeof import('wx-server-sdk'))['database']>
export const realDatabaseFits = (db: RealDatabase): CloudDb => db

function setup(options: { throwOnNotFound?: boolean } = {}) {
  const db = new FakeCloudDb(options)
  return { db, stores: createCloudbaseStores(db) }
}

function contractStore(configure: (db: FakeCloudDb) => void = () => {}, options: { throwOnNotFound?: boolean } = {}) {
  return async () => {
    const { db, stores } = setup(options)
    configure(db)
    return {
      stores,
      corruptBalance: (userId: string, value: number) => {
        db.put('balances', { ...db.peek('balances', userId)!, balance: value })
      },
      corruptTeamCell: (teamId: string, day: string) => {
        const doc = db.peek('stat_team_days', `${teamId}|${day}`)! as { c: { services: number } }
        db.put('stat_team_days', { ...doc, c: { ...doc.c, services: doc.c.services + 3 } } as never)
      },
      corruptRollup: (unitId: string, day: string) => {
        const doc = db.peek('stat_days', `${unitId}|${day}`)! as { cells: Record<string, { placed: number }> }
        const [field] = Object.keys(doc.cells)
        db.put('stat_days', { ...doc, cells: { ...doc.cells, [field]: { ...doc.cells[field], placed: doc.cells[field].placed + 5 } } } as never)
      },
    }
  }
}

runStoreContract('cloudbase (fake wx-server-sdk database)', contractStore())
runStoreContract('cloudbase, doc().get() answering null (throwOnNotFound: false)', contractStore(() => {}, { throwOnNotFound: false }))
runStoreContract(
  'cloudbase, every transaction callback running twice',
  contractStore((db) => {
    db.conflictOnFirstCommit = true
  }),
)

const asDoc = ({ id, ...rest }: { id: string }) => ({ _id: id, ...rest })
/** An order as stored: with the search text the adapter derives from it (订单总览). */
const asOrderDoc = (o: Order) => ({ ...asDoc(o), searchText: searchTextOf(o) })

const ops = (log: CallRecord[]) => log.map((c) => (c.collection ? `${c.op} ${c.collection}` : c.op))

async function seedRateable(stores: ReturnType<typeof setup>['stores'], volunteers: string[]) {
  const order = makeOrder({ status: 'completed', version: 3, claims: volunteers.map((v) => claimBy(v)) })
  await stores.orders.insertOrder(order)
  const awards = volunteers.map((v) =>
    makeEntry({ id: `award:${order.id}:${v}`, userId: v, delta: 10, hours: 2, orderId: order.id }),
  )
  const next = advance(order, { status: 'rated', rating: { stars: 5, comment: '', at: at(70) } })
  return { order, awards, next }
}

describe('CloudBase adapter on the platform rules', () => {
  test('a rollup write that fails after the order write leaves the transition ok; the day is short until repairDay puts it right', async () => {
    const { db, stores } = setup()
    await stores.seed.importData(makeImport())
    const order = makeOrder()
    await stores.orders.insertOrder(order)
    db.onCall = (call) => {
      if (call.collection === 'stat_days' && call.op === 'update') throw new Error('network down')
    }
    const next = advance(order, { status: 'rejected', reason: '重复' })
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, prev: order, next })).toBe('ok')
    db.onCall = null
    const whole = { unitId: 'c', fromDay: '2026-01-01', toDay: '2026-02-01' }
    expect((await stores.stats.sums(whole)).total).toMatchObject({ s_placed: 1, s_rejected: 0 })
    const repaired = await stores.stats.repairDay('2026-01-01', '9999-01-01T00:00:00.000Z')
    expect(repaired.drift.length).toBeGreaterThan(0)
    expect((await stores.stats.sums(whole)).total).toMatchObject({ s_placed: 0, s_rejected: 1, placed: 1 })
    // an order changed within the quiet time: the day is left for its next turn, nothing written
    const calls = db.calls
    expect(await stores.stats.repairDay('2026-01-01', at(0))).toMatchObject({ skipped: true, drift: [] })
    expect(db.log.slice(calls).filter((c) => c.op !== 'get')).toEqual([])
  })

  test('a transition without awards is one conditional update; stats.updated 0 means conflict, nothing written', async () => {
    const { db, stores } = setup()
    const order = makeOrder()
    await stores.orders.insertOrder(order)
    // someone else moves the order between our read and our write
    db.put('orders', { ...db.peek('orders', order.id)!, version: 2, status: 'rejected' })
    db.resetStats()
    const next = advance(order, { status: 'dispatched', teamIds: ['t1'] })
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, prev: order, next })).toBe('conflict')
    expect(ops(db.log)).toEqual(['update orders'])
    expect(db.log[0].where).toEqual({ _id: order.id, version: 1 })
    expect(db.peek('orders', order.id)).toMatchObject({ version: 2, status: 'rejected', teamIds: [] })
  })

  test('a transition with notifications and an answer is one conditional update; the delivery run moves them out', async () => {
    const { db, stores } = setup()
    const order = makeOrder()
    await stores.orders.insertOrder(order)
    const n: AppNotification = {
      id: `rejected:${order.id}:v2`,
      kind: 'rejected',
      orderId: order.id,
      title: order.title,
      userIds: [order.ownerId],
      unitIds: [],
      text: '订单被退回',
      at: at(10),
      dueAt: null,
      status: 'pending',
    }
    const next = advance(order, { status: 'rejected' })
    db.resetStats()
    const request = { key: 'k-reject', response: { order: { id: order.id } } }
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, prev: order, next, notifications: [n], request })).toBe('ok')
    // then the statistics rollups, one increment per unit of the order's path (issue 9; stats.ts applyRollup)
    expect(ops(db.log)).toEqual(['update orders', 'update stat_days', 'update stat_days', 'update stat_days'])
    // before the delivery run: read from the order document, which the order itself never shows
    expect(db.all('notifications')).toEqual([])
    expect(await stores.notifications.listOrderNotifications(order.id)).toEqual([n])
    expect(await stores.orders.loadOrder(order.id, { requestKey: 'k-reject' })).toEqual({ order: next, teams: [], replay: request.response })
    // the delivery run moves both to their collections and clears the order's outbox
    expect(ids(await stores.notifications.listPendingNotifications(10))).toEqual([n.id])
    expect(db.peek('orders', order.id)).toEqual(asOrderDoc(next))
    expect(db.peek('requests', 'k-reject')).toMatchObject({ response: JSON.stringify(request.response) })
    expect((await stores.orders.loadOrder(order.id, { requestKey: 'k-reject' })).replay).toEqual(request.response)
    expect(await stores.notifications.listOrderNotifications(order.id)).toEqual([n])
  })

  test('the conditional update replaces object fields that were null (completion, rating) via _.set', async () => {
    const { db, stores } = setup()
    const order = makeOrder({ status: 'claimed', onBehalfOf: { name: '李奶奶' } })
    await stores.orders.insertOrder(order)
    const completion = { hours: 2, beneficiaryCount: 3, note: '完成', by: 'v1', at: at(40) }
    const next = advance(order, { status: 'completed', completion, onBehalfOf: null })
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next })).toBe('ok')
    expect((await stores.orders.loadOrder(order.id)).order).toEqual(next)
    // what a plain object in update data would have done
    await expect(
      db.collection('orders').where({ _id: order.id }).update({ data: { rating: { stars: 5 } } }),
    ).rejects.toThrow(/Cannot create field 'stars'/)
    expect(db.peek('orders', order.id)).toMatchObject({ completion })
  })

  test('a write that moves the order during the transaction makes it run again and answer conflict', async () => {
    const { db, stores } = setup()
    const { order, awards, next } = await seedRateable(stores, ['v1'])
    let moved = false
    db.onCall = (call) => {
      if (call.op === 'tx.commit' && !moved) {
        moved = true
        db.put('orders', { ...db.peek('orders', order.id)!, version: 4, status: 'closed' })
      }
    }
    db.resetStats()
    const request = { key: 'k1', response: { ok: true } }
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 3, next, awards, request })).toBe('conflict')
    expect(db.callbackRuns).toBe(2)
    expect(db.all('ledger')).toEqual([])
    expect(db.all('balances')).toEqual([])
    expect(db.peek('requests', 'k1')).toBeUndefined()
    expect(db.peek('orders', order.id)).toMatchObject({ version: 4, status: 'closed' })
  })

  test('setRole is one read and one guarded update; a change in between makes it read again and keep both', async () => {
    const { db, stores } = setup()
    const user = await stores.users.createUser(makeUser({ roles: ['resident'] }))
    let raced = false
    db.onCall = (call) => {
      if (call.op === 'update' && !raced) {
        raced = true
        db.put('users', { ...db.peek('users', user.id)!, roles: ['resident', 'proxy'] })
      }
    }
    db.resetStats()
    const granted = await stores.users.setRole(user.id, 'manager', true, 'i1')
    expect(ops(db.log)).toEqual(['doc.get users', 'update users', 'doc.get users', 'update users'])
    expect(granted).toMatchObject({ roles: ['resident', 'proxy', 'manager'], managedUnitId: 'i1' })
    expect((await stores.users.getUsers([user.id]))[0]).toEqual(granted)
  })

  test('loadOrder with a request key is one aggregate that joins the stored answer, before and after the delivery run', async () => {
    const { db, stores } = setup()
    const order = makeOrder()
    await stores.orders.insertOrder(order)
    db.resetStats()
    expect(await stores.orders.loadOrder(order.id, { requestKey: 'first-tap' })).toEqual({ order, teams: [], replay: undefined })
    expect(ops(db.log)).toEqual(['aggregate orders'])
    expect(db.log[0].where).toEqual({ _id: order.id })
    const next = advance(order, { status: 'rejected' })
    const request = { key: 'k-keyed', response: { order: { id: order.id } } }
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next, request })).toBe('ok')
    expect((await stores.orders.loadOrder(order.id, { requestKey: 'k-keyed' })).replay).toEqual(request.response)
    await stores.notifications.listPendingNotifications(10)
    expect(db.peek('orders', order.id)).toEqual(asOrderDoc(next))
    db.resetStats()
    expect(await stores.orders.loadOrder(order.id, { requestKey: 'k-keyed' })).toEqual({ order: next, teams: [], replay: request.response })
    expect(ops(db.log)).toEqual(['aggregate orders'])
    expect(await stores.orders.loadOrder('order-missing', { requestKey: 'k-keyed' })).toEqual({ order: null, teams: [], replay: undefined })
  })

  test('a keyed subscribe grant is one read and one guarded write of the grants document; its key survives a send', async () => {
    const { db, stores } = setup()
    db.resetStats()
    expect(await stores.notifications.addSubscribeGrants('u1', ['orderProgress'], 'k1')).toMatchObject({ orderProgress: 1 })
    expect(ops(db.log)).toEqual(['doc.get subscribe_grants', 'add subscribe_grants'])
    db.resetStats()
    expect(await stores.notifications.addSubscribeGrants('u1', ['orderProgress', 'reminder'], 'k2')).toMatchObject({ orderProgress: 2, reminder: 1 })
    expect(ops(db.log)).toEqual(['doc.get subscribe_grants', 'update subscribe_grants'])
    // someone spends a grant between the read and the update: the guard fails, it reads again
    let raced = false
    db.onCall = (call) => {
      if (call.op === 'update' && !raced) {
        raced = true
        db.put('subscribe_grants', { ...db.peek('subscribe_grants', 'u1')!, orderProgress: 1 })
      }
    }
    db.resetStats()
    expect(await stores.notifications.addSubscribeGrants('u1', ['orderProgress'], 'k3')).toMatchObject({ orderProgress: 2, reminder: 1 })
    expect(ops(db.log)).toEqual(['doc.get subscribe_grants', 'update subscribe_grants', 'doc.get subscribe_grants', 'update subscribe_grants'])
    db.onCall = null
    const send: SubscribeSend = { id: 'n1:u1', notificationId: 'n1', userId: 'u1', template: 'orderProgress', outcome: 'reserved', reason: null, errCode: null, at: at(1) }
    expect(await stores.notifications.reserveSend(send, '未订阅')).toBe('reserved')
    db.resetStats()
    expect(await stores.notifications.addSubscribeGrants('u1', ['orderProgress'], 'k1')).toMatchObject({ orderProgress: 1, reminder: 1 })
    expect(ops(db.log)).toEqual(['doc.get subscribe_grants'])
    expect(db.peek('subscribe_grants', 'u1')!.requestKeys).toEqual(['k1', 'k2', 'k3'])
  })

  test('insertOrder with an existing _id returns the stored order and created=false', async () => {
    const { db, stores } = setup()
    const order = makeOrder()
    await stores.orders.insertOrder(order)
    db.resetStats()
    const retried = await stores.orders.insertOrder({ ...order, title: '重试的标题' })
    expect(retried).toEqual({ order, created: false })
    expect(ops(db.log)).toEqual(['add orders', 'doc.get orders'])
  })

  test('a transaction callback that runs twice pays each award once', async () => {
    const { db, stores } = setup()
    await stores.ledger.appendLedger([makeEntry({ userId: 'v1', delta: 5, hours: 1 })])
    const { awards, next, order } = await seedRateable(stores, ['v1', 'v2'])
    db.forceCommitConflicts = 1
    db.resetStats()
    const request = { key: 'rate-once', response: { order: next } }
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 3, next, awards, request })).toBe('ok')
    expect(db.callbackRuns).toBe(2)
    expect(await stores.ledger.getBalance('v1')).toEqual({ userId: 'v1', balance: 15, earned: 15, hours: 3 })
    expect(await stores.ledger.getBalance('v2')).toEqual({ userId: 'v2', balance: 10, earned: 10, hours: 2 })
    expect(db.all('ledger').filter((e) => e.orderId === order.id)).toHaveLength(2)
    expect((await stores.orders.loadOrder(order.id, { requestKey: 'rate-once' })).replay).toEqual({ order: next })
    // the retried request then finds the order moved and the award ids taken
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 3, next, awards })).toBe('conflict')
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 4, next: { ...next, version: 5 }, awards })).toBe(
      'duplicate',
    )
    expect((await stores.ledger.getBalance('v2')).balance).toBe(10)
    expect(await stores.ledger.reconcile()).toEqual({ checked: 2, mismatches: [] })
  })

  test('appendLedger whose callback runs three times still appends once', async () => {
    const { db, stores } = setup()
    db.forceCommitConflicts = 2
    const entry = makeEntry({ userId: 'u1', delta: 7, hours: 1 })
    expect(await stores.ledger.appendLedger([entry])).toBe('ok')
    expect(db.callbackRuns).toBe(3)
    expect(await stores.ledger.getBalance('u1')).toEqual({ userId: 'u1', balance: 7, earned: 7, hours: 1 })
    expect(db.all('ledger')).toHaveLength(1)
  })

  test('a conflict reported by an operation inside the transaction (not retried by the SDK) is retried by the adapter', async () => {
    const { db, stores } = setup()
    const { awards, next, order } = await seedRateable(stores, ['v1'])
    db.opConflicts = 1
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 3, next, awards })).toBe('ok')
    expect(db.callbackRuns).toBe(2)
    expect((await stores.ledger.getBalance('v1')).balance).toBe(10)
    db.opConflicts = 1
    expect(await stores.ledger.appendLedger([makeEntry({ userId: 'v1', delta: -4, hours: 0 })])).toBe('ok')
    expect((await stores.ledger.getBalance('v1')).balance).toBe(6)
  })

  test('a persistent transaction conflict answers conflict for a transition and is thrown by appendLedger', async () => {
    const { db, stores } = setup()
    const { awards, next, order } = await seedRateable(stores, ['v1'])
    db.forceCommitConflicts = 1000
    expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 3, next, awards })).toBe('conflict')
    await expect(stores.ledger.appendLedger([makeEntry({ userId: 'v1' })])).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
    db.forceCommitConflicts = 0
    expect(db.all('ledger')).toEqual([])
    expect(db.peek('orders', order.id)).toMatchObject({ version: 3 })
  })

  test('parallel transitions with awards from the same version: exactly one ok, points paid once', async () => {
    const { db, stores } = setup()
    const { awards, next, order } = await seedRateable(stores, ['v1'])
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        stores.orders.transition({
          orderId: order.id,
          expectedVersion: 3,
          next: { ...next, reason: `attempt ${i}` },
          awards,
          request: { key: `req-${i}`, response: i },
        }),
      ),
    )
    expect(results.filter((r) => r === 'ok')).toHaveLength(1)
    expect(results.filter((r) => r === 'conflict')).toHaveLength(5)
    const winner = results.indexOf('ok')
    expect(db.peek('orders', order.id)).toMatchObject({ version: 4, reason: `attempt ${winner}` })
    expect(db.all('requests').map((r) => r._id)).toEqual([`req-${winner}`])
    expect(await stores.ledger.getBalance('v1')).toEqual({ userId: 'v1', balance: 10, earned: 10, hours: 2 })
  })

  test('transactions use single-document operations only', async () => {
    const { db, stores } = setup()
    const user = await stores.users.createUser(makeUser())
    const { awards, next, order } = await seedRateable(stores, ['v1'])
    await stores.orders.transition({ orderId: order.id, expectedVersion: 3, next, awards, request: { key: 'k', response: 1 } })
    await stores.ledger.appendLedger([makeEntry({ userId: 'v1', delta: -1 })])
    await stores.users.setRole(user.id, 'manager', true, 'i1')
    const inside = db.log.filter((c) => c.inTransaction).map((c) => c.op)
    expect(inside.length).toBeGreaterThan(0)
    for (const op of inside) expect(['tx.start', 'tx.commit', 'tx.rollback', 'add', 'doc.get', 'doc.set', 'doc.update', 'doc.remove']).toContain(op)
    // and the fake refuses a batch operation inside a transaction, as the server does
    await expect(
      db.runTransaction(async (t) => {
        const batch = (t.collection('orders') as unknown as { where(c: object): { update(o: object): Promise<unknown> } }).where({})
        await batch.update({ data: { status: 'x' } })
      }),
    ).rejects.toThrow(/not supported in a transaction/)
  })

  test('queries never ask for more than 100 documents per page, also over large collections', async () => {
    const { db, stores } = setup()
    const owner = 'owner-big'
    const orders: Order[] = Array.from({ length: 250 }, (_, i) =>
      makeOrder({ id: `o-${String(i).padStart(4, '0')}`, ownerId: owner, status: 'completed', createdAt: at(i), updatedAt: at(i) }),
    )
    for (const o of orders) db.put('orders', asDoc(o))
    for (let i = 0; i < 230; i++) {
      const u = makeUser({ id: `u-${String(i).padStart(4, '0')}` })
      db.put('users', asDoc(u))
      db.put('balances', { _id: u.id, userId: u.id, balance: 0, earned: 0, hours: 0 })
    }
    db.resetStats()

    expect(await stores.users.listUsers()).toHaveLength(230)
    const stale = await stores.orders.listStale('completed', at(1000), 240)
    expect(stale.map((o) => o.id)).toEqual(orders.slice(0, 240).map((o) => o.id))
    const page = await stores.orders.listOrders({ kind: 'owner', ownerId: owner }, { limit: 500 })
    expect(page.items).toHaveLength(PAGE)
    expect(page.items[0].id).toBe('o-0249')
    expect(page.nextCursor).not.toBeNull()
    expect(await stores.ledger.reconcile()).toEqual({ checked: 230, mismatches: [] })
    expect(await stores.users.getUsers(Array.from({ length: 230 }, (_, i) => `u-${String(i).padStart(4, '0')}`))).toHaveLength(230)

    const reads = db.log.filter((c) => c.op === 'get' || c.op === 'aggregate')
    expect(reads.length).toBeGreaterThan(5)
    for (const read of reads) {
      expect(read.limit).toBeDefined()
      expect(read.limit!).toBeLessThanOrEqual(PAGE)
      expect(read.limit!).toBeGreaterThan(0)
    }
  })

  test('round trips per Store method', async () => {
    const { db, stores } = setup()
    const count = async (run: () => Promise<unknown>) => {
      db.resetStats()
      await run()
      return db.calls
    }
    const user = makeUser()
    expect(await count(() => stores.users.createUser(user))).toBe(1)
    expect(await count(() => stores.users.createUser(user))).toBe(2)
    expect(await count(() => stores.users.getUserByOpenid(user.openid))).toBe(1)
    expect(await count(() => stores.users.updateProfile(user.id, { name: '新' }))).toBe(2)
    expect(await count(() => stores.users.setRole(user.id, 'volunteer', true))).toBe(2)
    const order = makeOrder({ status: 'completed', claims: [claimBy('v1')] })
    // the order, then per unit of its path (3) the day's rollup document and the month's volunteer set, each an
    // update that misses and an add for the first order of its day (issue 9)
    expect(await count(() => stores.orders.insertOrder(order))).toBe(1 + 3 * 2 + 3 * 2)
    expect(await count(() => stores.orders.insertOrder(makeOrder({ status: 'completed', claims: [claimBy('v1')] })))).toBe(1 + 3 + 3)
    expect(await count(() => stores.orders.loadOrder(order.id, { teamIds: ['t1'], requestKey: 'k' }))).toBe(2)
    const v2 = advance(order)
    expect(await count(() => stores.orders.transition({ orderId: order.id, expectedVersion: 1, prev: order, next: v2 }))).toBe(1)
    // without the snapshot the adapter reads the order first
    expect(await count(() => stores.orders.transition({ orderId: order.id, expectedVersion: 2, next: advance(v2) }))).toBe(2)
    const award = makeEntry({ userId: 'v1', orderId: order.id })
    const v3 = advance(v2)
    const rated = advance(v3, { status: 'rated' })
    // start, get order, add award, get balance, set balance, set order, set answer, commit; then the 3 rollup documents
    expect(
      await count(() =>
        stores.orders.transition({ orderId: order.id, expectedVersion: 3, prev: v3, next: rated, awards: [award], request: { key: 'k', response: 1 } }),
      ),
    ).toBe(8 + 3)
    // under the daily cap, v1 (who has a balance now): start, get order, get balance, add award, set balance, set
    // order, set answer, commit; without the cap the balance is incremented without a read (one request fewer); then
    // the 3 rollup documents
    const capped = makeOrder({ status: 'completed', claims: [claimBy('v1')] })
    await stores.orders.insertOrder(capped)
    const cappedAward = makeEntry({ userId: 'v1', orderId: capped.id })
    const closedCapped = advance(capped, { status: 'rated' })
    const change = { orderId: capped.id, expectedVersion: 1, prev: capped, next: closedCapped, awards: [cappedAward], dailyCap: 100, request: { key: 'k2', response: 1 } }
    expect(await count(() => stores.orders.transition(change))).toBe(8 + 3)
    // start, add, get balance, set balance, commit
    expect(await count(() => stores.ledger.appendLedger([makeEntry({ userId: 'v1', delta: -1 })]))).toBe(5)
    expect(await count(() => stores.ledger.getBalance('v1'))).toBe(1)
    expect(await count(() => stores.ledger.listLedger('v1', { limit: 10 }))).toBe(1)
    expect(await count(() => stores.ledger.leaderboard({ unitId: 'c', from: at(0), to: at(999), limit: 10 }))).toBe(1)
    expect(await count(() => stores.catalog.teamStats(['t1', 't2']))).toBe(1)
    expect(await count(() => stores.orders.listOrders({ kind: 'tasks', teamIds: ['t1'], volunteerId: 'v1' }, { limit: 10 }))).toBe(2)
    expect(await count(() => stores.ledger.reconcile())).toBe(2)
    expect(await count(() => stores.seed.isEmpty())).toBe(2)
  })

  test('a malformed cursor is refused as invalid input', async () => {
    const { stores } = setup()
    await expect(stores.ledger.listLedger('u1', { cursor: 'not-a-cursor', limit: 5 })).rejects.toBeInstanceOf(AppError)
    await expect(stores.ledger.listLedger('u1', { cursor: 'not-a-cursor', limit: 5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
  })
})

describe('the fake database behaves like wx-server-sdk', () => {
  test('get: 100 by default (also for limit(0)), a limit above 1000 is refused', async () => {
    const db = new FakeCloudDb()
    for (let i = 0; i < 120; i++) db.put('c', { _id: `d${String(i).padStart(3, '0')}`, n: i })
    expect((await db.collection('c').get()).data).toHaveLength(100)
    expect((await db.collection('c').limit(0).get()).data).toHaveLength(100)
    expect((await db.collection('c').limit(5).get()).data).toHaveLength(5)
    await expect(db.collection('c').limit(1001).get()).rejects.toThrow(/above 1000/)
    expect(() => db.collection('c').limit(1.5)).toThrow()
  })

  test('add of an existing _id fails with DATABASE_DUPLICATE_WRITE, errCode -502001', async () => {
    const db = new FakeCloudDb()
    await db.collection('c').add({ data: { _id: 'x', n: 1 } })
    await expect(db.collection('c').add({ data: { _id: 'x', n: 2 } })).rejects.toMatchObject({
      errCode: -502001,
      message: expect.stringContaining('DATABASE_DUPLICATE_WRITE'),
    })
    expect(db.peek('c', 'x')).toEqual({ _id: 'x', n: 1 })
  })

  test('doc().get() of a missing document rejects (or answers null with throwOnNotFound: false)', async () => {
    await expect(new FakeCloudDb().collection('c').doc('nope').get()).rejects.toMatchObject({
      errCode: -1,
      message: expect.stringContaining('document with _id nope does not exist'),
    })
    expect(await new FakeCloudDb({ throwOnNotFound: false }).collection('c').doc('nope').get()).toMatchObject({ data: null })
  })

  test('where: array containment, dot paths into arrays, operators; update counts changed documents only', async () => {
    const db = new FakeCloudDb()
    const _ = db.command
    db.put('o', { _id: 'a', unitPath: ['c', 'i1'], claims: [{ volunteerId: 'v1' }], n: 1 })
    db.put('o', { _id: 'b', unitPath: ['c', 'i2'], claims: [], n: 2 })
    const find = async (cond: object) => (await db.collection('o').where(cond).get()).data.map((d) => d._id)
    expect(await find({ unitPath: 'i1' })).toEqual(['a'])
    expect(await find({ 'claims.volunteerId': 'v1' })).toEqual(['a'])
    expect(await find({ n: _.gte(1).and(_.lt(2)) })).toEqual(['a'])
    expect(await find(_.or([{ n: 2 }, { unitPath: 'i1' }]) as object)).toEqual(['a', 'b'])
    expect(await find({ _id: _.in(['b', 'z']) })).toEqual(['b'])
    expect(await find({ missing: _.exists(false), n: _.nin([1]) })).toEqual(['b'])
    const res = await db.collection('o').where({ unitPath: 'c' }).update({ data: { n: 2 } })
    expect(res.stats.updated).toBe(1)
    expect((await db.collection('o').doc('a').update({ data: { n: _.inc(3), tags: _.addToSet('x') } })).stats.updated).toBe(1)
    expect(db.peek('o', 'a')).toMatchObject({ n: 5, tags: ['x'] })
  })

  test('rollback(reason) makes runTransaction reject with the reason and write nothing', async () => {
    const db = new FakeCloudDb()
    const reason = { why: 'stop' }
    await expect(
      db.runTransaction(async (t) => {
        await t.collection('c').doc('x').set({ data: { n: 1 } })
        await t.rollback(reason)
      }),
    ).rejects.toBe(reason)
    expect(db.peek('c', 'x')).toBeUndefined()
  })
})

describe('CloudBase 积分超市 on the platform rules', () => {
  test('a redemption keeps the daily cap\u2019s day of awards in the balance document, and a 核销 is one conditional update', async () => {
    const { newRedemption, redeemEntry } = await import('~core/mall')
    const { db, stores } = setup()
    db.put('balances', { _id: 'u1', userId: 'u1', balance: 80, earned: 80, hours: 2, awardDay: '2026-03-02', awardDayPoints: 80 })
    db.put('ledger', { _id: 'award:o1:u1', userId: 'u1', delta: 80, hours: 2, reason: '', orderId: 'o1', unitPath: [], at: at(1), by: 'system' })
    const goods = await stores.mall.saveGoods({
      id: 'g1', name: '洗衣液', points: 30, stock: 2, perPersonMonthly: null, pickup: '站里', active: true,
      orgUnitId: 's11', unitPath: pathOf('s11'), updatedAt: at(0), updatedBy: 'm',
    })
    const r = newRedemption({ id: 'rd1', code: 'ABCD2345', goods, user: { id: 'u1', name: '张三' }, quantity: 1, at: at(5), pickupDays: 30 })
    expect(await stores.mall.redeem(r, redeemEntry(r))).toMatchObject({ kind: 'ok', balance: 50 })
    expect(db.peek('balances', 'u1')).toMatchObject({ balance: 50, earned: 80, awardDay: '2026-03-02', awardDayPoints: 80 })
    expect(db.peek('pickup_codes', 'ABCD2345')).toMatchObject({ redemptionId: 'rd1' })
    db.resetStats()
    expect(await stores.mall.fulfil('rd1', { id: 'm1', name: '罗书记' }, at(6))).toMatchObject({ kind: 'ok' })
    expect(ops(db.log)).toEqual(['update redemptions', 'doc.get redemptions'])
    expect(db.log[0].where).toEqual({ _id: 'rd1', status: 'reserved' })
  })
})
