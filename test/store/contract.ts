/**
 * The Store port's documented behaviour, for any adapter. Uses only the Store interface; an adapter that can corrupt a
 * balance behind the port's back (to prove reconcile notices) passes `corruptBalance`.
 */
import type { Store } from '~core/store'
import { ORDER_STATUSES, type AppNotification, type InboxMessage, type SubscribeSend, type UnitSettings, type Completion, type LedgerEntry, type Order, type OrderStatus, type TimelineEntry } from '~types'
import {
  advance,
  at,
  claimBy,
  collectPages,
  ids,
  makeEntry,
  makeImport,
  makeMembership,
  makeMenuItem,
  makeOrder,
  makeTeam,
  makeUser,
  nextId,
  pathOf,
  sortedIds,
  UNITS,
} from './fixtures'

function makeNotification(orderId: string, id: string, when = at(1)): AppNotification {
  return {
    id,
    kind: 'remindUndispatched',
    orderId,
    title: '健康义诊',
    userIds: [],
    unitIds: ['s11'],
    text: '订单已等待派单超过24小时',
    at: when,
    dueAt: when,
    status: 'pending',
  }
}

export interface StoreUnderTest {
  store: Store
  cleanup?: () => Promise<void> | void
  /** Overwrites a user's stored balance without a ledger entry. */
  corruptBalance?: (userId: string, value: number) => Promise<void> | void
}

export function runStoreContract(name: string, makeStore: () => Promise<StoreUnderTest>): void {
  describe(`Store contract: ${name}`, () => {
    let sut: StoreUnderTest
    let store: Store

    beforeEach(async () => {
      sut = await makeStore()
      store = sut.store
    })
    afterEach(async () => {
      await sut.cleanup?.()
    })

    describe('users', () => {
      test('createUser inserts once and returns the stored user on a retry', async () => {
        const user = makeUser()
        expect(await store.createUser(user)).toEqual(user)
        expect(await store.createUser({ ...user, name: '另一个名字', roles: ['admin'] })).toEqual(user)
        expect(await store.getUserByOpenid(user.openid)).toEqual(user)
        expect(await store.getUserByOpenid('openid-nobody')).toBeNull()
        expect(await store.listUsers()).toEqual([user])
      })

      test('getUsers returns the users found and skips unknown ids', async () => {
        const a = await store.createUser(makeUser())
        const b = await store.createUser(makeUser())
        await store.createUser(makeUser())
        expect(sortedIds(await store.getUsers([b.id, 'user-missing', a.id]))).toEqual([a.id, b.id].sort())
        expect(await store.getUsers([])).toEqual([])
      })

      test('updateProfile sets the given fields only and persists them', async () => {
        const user = await store.createUser(makeUser({ name: '旧名', phone: '13800000001' }))
        const updated = await store.updateProfile(user.id, { name: '新名' })
        expect(updated).toEqual({ ...user, name: '新名' })
        const moved = await store.updateProfile(user.id, { phone: '13900000002', orgUnitId: 's21', unitPath: pathOf('s21') })
        expect(moved).toEqual({ ...user, name: '新名', phone: '13900000002', orgUnitId: 's21', unitPath: ['c', 'i2', 's21'] })
        expect(await store.getUsers([user.id])).toEqual([moved])
        expect(await store.updateProfile('user-missing', { name: 'x' })).toBeNull()
      })

      test('setRole grants a role once and sets managedUnitId for manager and admin', async () => {
        const user = await store.createUser(makeUser())
        let u = await store.setRole(user.id, 'volunteer', true)
        u = await store.setRole(user.id, 'volunteer', true)
        expect(u!.roles).toEqual(['resident', 'volunteer'])
        expect(u!.managedUnitId).toBeNull()

        u = await store.setRole(user.id, 'manager', true, 'i1')
        expect(u!.roles).toEqual(['resident', 'volunteer', 'manager'])
        expect(u!.managedUnitId).toBe('i1')
        u = await store.setRole(user.id, 'admin', true, 'c')
        expect(u!.managedUnitId).toBe('c')
        expect((await store.getUsers([user.id]))[0]).toEqual(u)
      })

      test('setRole revokes; managedUnitId is cleared only when neither manager nor admin remains', async () => {
        const user = await store.createUser(makeUser())
        await store.setRole(user.id, 'manager', true, 'i1')
        await store.setRole(user.id, 'admin', true, 'c')
        let u = await store.setRole(user.id, 'manager', false)
        expect(u!.roles).toEqual(['resident', 'admin'])
        expect(u!.managedUnitId).toBe('c')
        u = await store.setRole(user.id, 'resident', false)
        expect(u!.roles).toEqual(['admin'])
        expect(u!.managedUnitId).toBe('c')
        u = await store.setRole(user.id, 'admin', false)
        expect(u!.roles).toEqual([])
        expect(u!.managedUnitId).toBeNull()
        expect((await store.getUsers([user.id]))[0]).toEqual(u)
        u = await store.setRole(user.id, 'volunteer', false)
        expect(u!.roles).toEqual([])
        expect(await store.setRole('user-missing', 'admin', true, 'c')).toBeNull()
      })
    })

    describe('organisation and catalog', () => {
      test('isEmpty until importData; importData loads units, themes, items, teams, users and memberships', async () => {
        expect(await store.isEmpty()).toBe(true)
        const data = makeImport()
        await store.importData(data)
        expect(await store.isEmpty()).toBe(false)
        expect(sortedIds(await store.listUnits())).toEqual(sortedIds(UNITS))
        expect(await store.getUnit('s12')).toEqual(UNITS.find((u) => u.id === 's12'))
        expect(await store.getUnit('nowhere')).toBeNull()
        expect(ids(await store.listThemes())).toEqual(['th-a', 'th-b', 'th-c'])
        expect(await store.getMenuItem('imp-item-2')).toEqual(data.menuItems[1])
        expect(sortedIds(await store.listTeams({}))).toEqual(sortedIds(data.teams))
        expect(sortedIds(await store.listUsers())).toEqual(sortedIds(data.users))
        expect(await store.getMembership('imp-team-1', data.ids.leader)).toEqual(data.memberships[0])
        expect((await store.getUserByOpenid(data.users[0].openid))?.id).toBe(data.users[0].id)
      })

      test('listMenuItems: active and inactive items of the given units, by theme sort then title', async () => {
        await store.importData(makeImport())
        expect(ids(await store.listMenuItems(['s11', 'i1', 'c']))).toEqual(['imp-item-3', 'imp-item-2', 'imp-item-1'])
        expect(ids(await store.listMenuItems(['s21']))).toEqual(['imp-item-4'])
        expect(await store.listMenuItems([])).toEqual([])
      })

      test('saveMenuItem inserts or replaces by id', async () => {
        await store.importData(makeImport())
        const added = makeMenuItem({ title: 'e 送医上门', themeId: 'th-a', orgUnitId: 's11' })
        expect(await store.saveMenuItem(added)).toEqual(added)
        const replaced = { ...(await store.getMenuItem('imp-item-3'))!, title: 'f 法律咨询', active: false }
        await store.saveMenuItem(replaced)
        expect(await store.getMenuItem('imp-item-3')).toEqual(replaced)
        expect(ids(await store.listMenuItems(['s11', 'c']))).toEqual([added.id, 'imp-item-3', 'imp-item-1'])
        expect(await store.getMenuItem('item-missing')).toBeNull()
      })

      test('listTeams applies every given filter and sorts by name', async () => {
        await store.importData(makeImport())
        expect(ids(await store.listTeams({}))).toEqual(['imp-team-2', 'imp-team-1', 'imp-team-3'])
        expect(ids(await store.listTeams({ ids: ['imp-team-3', 'imp-team-1', 'team-missing'] }))).toEqual([
          'imp-team-1',
          'imp-team-3',
        ])
        expect(ids(await store.listTeams({ unitIds: ['s11', 'i1'] }))).toEqual(['imp-team-2', 'imp-team-1'])
        expect(ids(await store.listTeams({ themeId: 'th-b' }))).toEqual(['imp-team-2', 'imp-team-1'])
        expect(ids(await store.listTeams({ unitIds: ['s11', 's21'], themeId: 'th-b' }))).toEqual(['imp-team-1'])
        expect(ids(await store.listTeams({ ids: ['imp-team-1', 'imp-team-2'], unitIds: ['i1'] }))).toEqual(['imp-team-2'])
        expect(ids(await store.listTeams({ ids: ['imp-team-3'], themeId: 'th-a' }))).toEqual([])
        expect(await store.listTeams({ ids: [] })).toEqual([])
      })

      test('saveTeam makes the leader a leader and volunteer of the team, keeping existing members', async () => {
        const leader = await store.createUser(makeUser({ roles: ['resident'] }))
        const member = await store.createUser(makeUser())
        const team = makeTeam({ leaderId: leader.id, memberIds: [] })
        const saved = await store.saveTeam(team)
        expect(saved).toEqual({ ...team, memberIds: [leader.id] })
        expect(await store.listTeams({ ids: [team.id] })).toEqual([saved])
        let [l] = await store.getUsers([leader.id])
        expect([...l.roles].sort()).toEqual(['leader', 'resident', 'volunteer'])
        expect(l.teamIds).toEqual([team.id])

        await store.applyMembership(makeMembership({ teamId: team.id, userId: member.id }))
        await store.approveMembership(team.id, member.id, leader.id, at(5))
        const renamed = await store.saveTeam({ ...team, name: '新队名', memberIds: [] })
        expect(renamed.name).toBe('新队名')
        expect([...renamed.memberIds].sort()).toEqual([leader.id, member.id].sort())
        expect(await store.listTeams({ ids: [team.id] })).toEqual([renamed])
        ;[l] = await store.getUsers([leader.id])
        expect(l.teamIds).toEqual([team.id])
        expect(l.roles.filter((r) => r === 'leader')).toHaveLength(1)
      })

      test('saveTeam without a leader stores the team as given', async () => {
        const team = makeTeam({ themeIds: ['th-x'] })
        expect(await store.saveTeam(team)).toEqual(team)
        expect(await store.listTeams({ themeId: 'th-x' })).toEqual([team])
      })
    })

    describe('memberships', () => {
      test('applyMembership inserts a pending membership once, keyed by team and user', async () => {
        const m = makeMembership({ teamId: 'team-a', userId: 'user-a', id: 'ignored-id' })
        const stored = await store.applyMembership(m)
        expect(stored).toEqual({ ...m, id: 'team-a:user-a' })
        expect(await store.applyMembership({ ...m, userName: '别名', appliedAt: at(9) })).toEqual(stored)
        expect(await store.getMembership('team-a', 'user-a')).toEqual(stored)
        expect(await store.getMembership('team-a', 'user-b')).toBeNull()
      })

      test('listMemberships filters by teams and status', async () => {
        const a = await store.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u1' }))
        const b = await store.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u2' }))
        const c = await store.applyMembership(makeMembership({ teamId: 'team-b', userId: 'u1' }))
        await store.applyMembership(makeMembership({ teamId: 'team-c', userId: 'u1' }))
        await store.saveTeam(makeTeam({ id: 'team-a' }))
        await store.createUser(makeUser({ id: 'u2' }))
        await store.approveMembership('team-a', 'u2', 'boss', at(3))
        expect(sortedIds(await store.listMemberships(['team-a', 'team-b']))).toEqual(sortedIds([a, b, c]))
        expect(sortedIds(await store.listMemberships(['team-a', 'team-b'], 'pending'))).toEqual(sortedIds([a, c]))
        expect(ids(await store.listMemberships(['team-a'], 'active'))).toEqual([b.id])
        expect(await store.listMemberships([])).toEqual([])
      })

      test('listMembershipsOfUser lists one person\'s applications and memberships, oldest first', async () => {
        const a = await store.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u1', appliedAt: at(2) }))
        const b = await store.applyMembership(makeMembership({ teamId: 'team-b', userId: 'u1', appliedAt: at(1) }))
        await store.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u2' }))
        await store.saveTeam(makeTeam({ id: 'team-a' }))
        await store.createUser(makeUser({ id: 'u1' }))
        await store.approveMembership('team-a', 'u1', 'boss', at(3))
        const mine = await store.listMembershipsOfUser('u1')
        expect(ids(mine)).toEqual([b.id, a.id])
        expect(mine.map((m) => m.status)).toEqual(['pending', 'active'])
        expect(await store.listMembershipsOfUser('nobody')).toEqual([])
      })

      test('approveMembership activates it and joins the user to the team atomically, idempotently', async () => {
        const user = await store.createUser(makeUser({ roles: ['resident'] }))
        const team = await store.saveTeam(makeTeam())
        await store.applyMembership(makeMembership({ teamId: team.id, userId: user.id }))
        const approved = await store.approveMembership(team.id, user.id, 'boss', at(7))
        expect(approved).toMatchObject({ status: 'active', approvedAt: at(7), approvedBy: 'boss' })
        expect(await store.getMembership(team.id, user.id)).toEqual(approved)
        const check = async () => {
          const [t] = await store.listTeams({ ids: [team.id] })
          const [u] = await store.getUsers([user.id])
          expect(t.memberIds).toEqual([user.id])
          expect(u.teamIds).toEqual([team.id])
          expect(u.roles).toEqual(['resident', 'volunteer'])
        }
        await check()
        expect(await store.approveMembership(team.id, user.id, 'other', at(99))).toEqual(approved)
        await check()
        expect(await store.approveMembership(team.id, 'user-missing', 'boss', at(7))).toBeNull()
      })

      test('declineMembership deletes a pending membership only', async () => {
        await store.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u1' }))
        await store.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u2' }))
        await store.saveTeam(makeTeam({ id: 'team-a' }))
        await store.createUser(makeUser({ id: 'u2' }))
        await store.approveMembership('team-a', 'u2', 'boss', at(1))
        expect(await store.declineMembership('team-a', 'u1')).toBe(true)
        expect(await store.getMembership('team-a', 'u1')).toBeNull()
        expect(await store.declineMembership('team-a', 'u1')).toBe(false)
        expect(await store.declineMembership('team-a', 'u2')).toBe(false)
        expect((await store.getMembership('team-a', 'u2'))?.status).toBe('active')
      })
    })

    describe('orders', () => {
      test('insertOrder inserts once; a retried place gets the stored order and created=false', async () => {
        const order = makeOrder()
        expect(await store.insertOrder(order)).toEqual({ order, created: true })
        expect(await store.insertOrder({ ...order, title: '重试' })).toEqual({ order, created: false })
        expect((await store.loadOrder(order.id)).order).toEqual(order)
      })

      test('loadOrder returns the order, the requested teams and no replay without a stored answer', async () => {
        const t1 = await store.saveTeam(makeTeam())
        const t2 = await store.saveTeam(makeTeam())
        await store.saveTeam(makeTeam())
        const order = makeOrder()
        await store.insertOrder(order)
        const loaded = await store.loadOrder(order.id, { teamIds: [t2.id, t1.id, 'team-missing'], requestKey: 'k-none' })
        expect(loaded.order).toEqual(order)
        expect(sortedIds(loaded.teams)).toEqual([t1.id, t2.id].sort())
        expect(loaded.replay).toBeUndefined()
        expect(await store.loadOrder('order-missing')).toEqual({ order: null, teams: [], replay: undefined })
      })

      test('transition replaces the order only at the expected version', async () => {
        const order = makeOrder()
        await store.insertOrder(order)
        const v2 = advance(order, { status: 'dispatched', teamIds: ['team-a'] })
        expect(await store.transition({ orderId: order.id, expectedVersion: 1, next: v2 })).toBe('ok')
        expect((await store.loadOrder(order.id)).order).toEqual(v2)

        const stale = advance(order, { status: 'rejected', reason: '过期的请求' })
        expect(await store.transition({ orderId: order.id, expectedVersion: 1, next: stale })).toBe('conflict')
        expect((await store.loadOrder(order.id)).order).toEqual(v2)

        const ghost = makeOrder()
        expect(await store.transition({ orderId: ghost.id, expectedVersion: 1, next: advance(ghost) })).toBe('conflict')
        expect((await store.loadOrder(ghost.id)).order).toBeNull()
      })

      test('transition appends awards with balances and stores the answer for replay, together', async () => {
        const order = makeOrder({ status: 'completed', version: 4, claims: [claimBy('v1'), claimBy('v2')] })
        await store.insertOrder(order)
        const awards = [
          makeEntry({ id: `award:${order.id}:v1`, userId: 'v1', delta: 15, hours: 2, orderId: order.id }),
          makeEntry({ id: `award:${order.id}:v2`, userId: 'v2', delta: 12, hours: 1.5, orderId: order.id }),
        ]
        const rated = advance(order, { status: 'rated', rating: { stars: 5, comment: '好', at: at(90) } })
        const response = { order: rated, awards }
        const key = `rate:${order.id}:owner`
        expect(await store.transition({ orderId: order.id, expectedVersion: 4, next: rated, awards, request: { key, response } })).toBe('ok')

        expect(await store.getBalance('v1')).toEqual({ userId: 'v1', balance: 15, earned: 15, hours: 2 })
        expect(await store.getBalance('v2')).toEqual({ userId: 'v2', balance: 12, earned: 12, hours: 1.5 })
        expect((await store.listLedger('v1', { limit: 10 })).items).toEqual([awards[0]])
        const loaded = await store.loadOrder(order.id, { requestKey: key })
        expect(loaded.order).toEqual(rated)
        expect(loaded.replay).toEqual(response)
        expect((await store.loadOrder(order.id)).replay).toBeUndefined()
        expect((await store.loadOrder(order.id, { requestKey: 'other-key' })).replay).toBeUndefined()
      })

      test('a conflicting transition writes no awards and no answer', async () => {
        const order = makeOrder({ status: 'completed', version: 3 })
        await store.insertOrder(order)
        const awards = [makeEntry({ userId: 'v1', orderId: order.id })]
        const next = advance(order, { status: 'rated' })
        const request = { key: 'k-conflict', response: { ok: true } }
        expect(await store.transition({ orderId: order.id, expectedVersion: 2, next: { ...next, version: 3 }, awards, request })).toBe('conflict')
        expect(await store.getBalance('v1')).toEqual({ userId: 'v1', balance: 0, earned: 0, hours: 0 })
        expect((await store.listLedger('v1', { limit: 10 })).items).toEqual([])
        expect((await store.loadOrder(order.id, { requestKey: 'k-conflict' })).replay).toBeUndefined()
        expect((await store.loadOrder(order.id)).order).toEqual(order)
      })

      test('a transition whose award id exists answers duplicate and writes nothing', async () => {
        const order = makeOrder({ status: 'completed', version: 2, claims: [claimBy('v1'), claimBy('v2')] })
        await store.insertOrder(order)
        const earlier = makeEntry({ id: `award:${order.id}:v2`, userId: 'v2', delta: 5, hours: 1 })
        expect(await store.appendLedger([earlier])).toBe('ok')
        const awards = [
          makeEntry({ id: `award:${order.id}:v1`, userId: 'v1', delta: 10, hours: 1 }),
          makeEntry({ id: `award:${order.id}:v2`, userId: 'v2', delta: 10, hours: 1 }),
        ]
        const next = advance(order, { status: 'rated' })
        const request = { key: 'k-dup', response: 'answer' }
        expect(await store.transition({ orderId: order.id, expectedVersion: 2, next, awards, request })).toBe('duplicate')
        expect((await store.loadOrder(order.id)).order).toEqual(order)
        expect((await store.loadOrder(order.id, { requestKey: 'k-dup' })).replay).toBeUndefined()
        expect(await store.getBalance('v1')).toEqual({ userId: 'v1', balance: 0, earned: 0, hours: 0 })
        expect(await store.getBalance('v2')).toEqual({ userId: 'v2', balance: 5, earned: 5, hours: 1 })
        expect((await store.listLedger('v2', { limit: 10 })).items).toEqual([earlier])

        const twice = [awards[0], { ...awards[0] }]
        expect(await store.transition({ orderId: order.id, expectedVersion: 2, next, awards: twice })).toBe('duplicate')
        expect((await store.loadOrder(order.id)).order).toEqual(order)
        expect(await store.getBalance('v1')).toEqual({ userId: 'v1', balance: 0, earned: 0, hours: 0 })
      })

      test('parallel transitions from the same version: exactly one wins', async () => {
        const order = makeOrder({ status: 'dispatched', capacity: 1, teamIds: ['team-a'] })
        await store.insertOrder(order)
        const attempts = Array.from({ length: 12 }, (_, i) =>
          store.transition({
            orderId: order.id,
            expectedVersion: 1,
            next: advance(order, { status: 'claimed', claims: [claimBy(`vol-${i}`)] }),
          }),
        )
        const results = await Promise.all(attempts)
        expect(results.filter((r) => r === 'ok')).toHaveLength(1)
        expect(results.filter((r) => r === 'conflict')).toHaveLength(11)
        const stored = (await store.loadOrder(order.id)).order!
        expect(stored.version).toBe(2)
        expect(stored.claims).toHaveLength(1)
      })

      describe('listOrders', () => {
        test('owner: the owner’s orders, newest first, across pages without duplicates or omissions', async () => {
          const ownerId = nextId('owner')
          const mine: Order[] = []
          // 23 orders, with pairs sharing createdAt so that the id breaks ties
          for (let i = 0; i < 23; i++) mine.push(makeOrder({ ownerId, createdAt: at(Math.floor(i / 2)) }))
          for (const o of shuffled(mine)) await store.insertOrder(o)
          await store.insertOrder(makeOrder({ ownerId: 'someone-else' }))

          const expected = [...mine].sort(byKey('desc')).map((o) => o.id)
          const pages = await collectPages((cursor) => store.listOrders({ kind: 'owner', ownerId }, { cursor, limit: 5 }))
          expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3])
          expect(pages.flat().map((o) => o.id)).toEqual(expected)
          expect(pages.flat()[0]).toEqual(mine.find((o) => o.id === expected[0]))
        })

        test('owner: a page that ends exactly at the last order has no next cursor', async () => {
          const ownerId = nextId('owner')
          for (let i = 0; i < 6; i++) await store.insertOrder(makeOrder({ ownerId, createdAt: at(i) }))
          const pages = await collectPages((cursor) => store.listOrders({ kind: 'owner', ownerId }, { cursor, limit: 3 }))
          expect(pages.map((p) => p.length)).toEqual([3, 3])
          const empty = await store.listOrders({ kind: 'owner', ownerId: 'nobody' }, { limit: 3 })
          expect(empty).toEqual({ items: [], nextCursor: null })
        })

        test('queue: orders of the unit’s subtree in the given statuses, oldest first', async () => {
          const placed11 = makeOrder({ orgUnitId: 's11', createdAt: at(3) })
          const placed12 = makeOrder({ orgUnitId: 's12', createdAt: at(1) })
          const dispatched11 = makeOrder({ orgUnitId: 's11', status: 'dispatched', teamIds: ['t'], createdAt: at(2) })
          const closed11 = makeOrder({ orgUnitId: 's11', status: 'closed', createdAt: at(0) })
          const placed21 = makeOrder({ orgUnitId: 's21', createdAt: at(4) })
          const atInstitute = makeOrder({ orgUnitId: 'i1', createdAt: at(5) })
          for (const o of [placed11, placed12, dispatched11, closed11, placed21, atInstitute]) await store.insertOrder(o)
          const queue = async (unitId: string, statuses: OrderStatus[]) =>
            ids((await store.listOrders({ kind: 'queue', unitId, statuses }, { limit: 50 })).items)

          expect(await queue('i1', ['placed', 'dispatched'])).toEqual([placed12.id, dispatched11.id, placed11.id, atInstitute.id])
          expect(await queue('i1', ['placed'])).toEqual([placed12.id, placed11.id, atInstitute.id])
          expect(await queue('s11', ['placed', 'dispatched', 'closed'])).toEqual([closed11.id, dispatched11.id, placed11.id])
          expect(await queue('c', ['placed'])).toEqual([placed12.id, placed11.id, placed21.id, atInstitute.id])
          expect(await queue('s21', ['dispatched'])).toEqual([])
          expect(await queue('i1', [])).toEqual([])
        })

        test('queue follows transitions: an escalated order leaves the station, a closed one leaves the queue', async () => {
          const order = makeOrder({ orgUnitId: 's11', createdAt: at(1) })
          await store.insertOrder(order)
          const escalated = advance(order, { orgUnitId: 'i1', unitPath: pathOf('i1') })
          expect(await store.transition({ orderId: order.id, expectedVersion: 1, next: escalated })).toBe('ok')
          const queue = async (unitId: string) =>
            ids((await store.listOrders({ kind: 'queue', unitId, statuses: ['placed'] }, { limit: 10 })).items)
          expect(await queue('s11')).toEqual([])
          expect(await queue('i1')).toEqual([order.id])
          const rejected = advance(escalated, { status: 'rejected', reason: '不在服务范围' })
          expect(await store.transition({ orderId: order.id, expectedVersion: 2, next: rejected })).toBe('ok')
          expect(await queue('i1')).toEqual([])
          expect(ids((await store.listOrders({ kind: 'queue', unitId: 'c', statuses: ['rejected'] }, { limit: 10 })).items)).toEqual([order.id])
        })

        test('queue: pages across several statuses keep the global oldest-first order', async () => {
          const statuses: OrderStatus[] = ['placed', 'dispatched', 'claimed']
          const orders = Array.from({ length: 17 }, (_, i) =>
            makeOrder({ orgUnitId: i % 2 ? 's11' : 's12', status: statuses[i % 3], createdAt: at(Math.floor(i / 3)) }),
          )
          for (const o of shuffled(orders)) await store.insertOrder(o)
          await store.insertOrder(makeOrder({ orgUnitId: 's21', createdAt: at(0) }))
          const pages = await collectPages((cursor) =>
            store.listOrders({ kind: 'queue', unitId: 'i1', statuses }, { cursor, limit: 4 }),
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
          for (const o of shuffled(all)) await store.insertOrder(o)

          const expected = [claimedMineT1, ratedMineT1, completedMine, bothTeams, claimedByOtherT2, dispatchedT1].map((o) => o.id)
          const query = { kind: 'tasks' as const, teamIds: ['T1', 'T2'], volunteerId: v }
          expect(ids((await store.listOrders(query, { limit: 50 })).items)).toEqual(expected)
          const pages = await collectPages((cursor) => store.listOrders(query, { cursor, limit: 2 }))
          expect(pages.map((p) => p.length)).toEqual([2, 2, 2])
          expect(pages.flat().map((o) => o.id)).toEqual(expected)

          const noTeams = await store.listOrders({ kind: 'tasks', teamIds: [], volunteerId: v }, { limit: 50 })
          expect(ids(noTeams.items)).toEqual([claimedMineT1.id, ratedMineT1.id, completedMine.id])
        })

        test('tasks follow transitions: an unclaimed order of another team drops out', async () => {
          const v = 'vol-9'
          const order = makeOrder({ status: 'claimed', teamIds: ['T9'], claims: [claimBy(v)] })
          await store.insertOrder(order)
          const query = { kind: 'tasks' as const, teamIds: ['T1'], volunteerId: v }
          expect(ids((await store.listOrders(query, { limit: 5 })).items)).toEqual([order.id])
          const unclaimed = advance(order, { status: 'dispatched', claims: [] })
          expect(await store.transition({ orderId: order.id, expectedVersion: 1, next: unclaimed })).toBe('ok')
          expect((await store.listOrders(query, { limit: 5 })).items).toEqual([])
          expect(ids((await store.listOrders({ ...query, teamIds: ['T9'] }, { limit: 5 })).items)).toEqual([order.id])
        })
      })

      test('a malformed cursor is refused as INVALID_INPUT', async () => {
        const bad = Buffer.from('{"not":"a cursor"}').toString('base64url')
        for (const cursor of ['%%%', bad]) {
          await expect(store.listOrders({ kind: 'owner', ownerId: 'x' }, { cursor, limit: 5 })).rejects.toMatchObject({
            code: 'INVALID_INPUT',
          })
          await expect(store.listLedger('x', { cursor, limit: 5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
        }
      })

      test('listStale: orders in a status last updated before a time, oldest first, at most limit', async () => {
        const mk = (status: OrderStatus, minutes: number) => makeOrder({ status, createdAt: at(0), updatedAt: at(minutes) })
        const a = mk('completed', 30)
        const b = mk('completed', 10)
        const c = mk('completed', 20)
        const fresh = mk('completed', 100)
        const other = mk('claimed', 5)
        for (const o of [a, b, c, fresh, other]) await store.insertOrder(o)
        expect(ids(await store.listStale('completed', at(50), 10))).toEqual([b.id, c.id, a.id])
        expect(ids(await store.listStale('completed', at(50), 2))).toEqual([b.id, c.id])
        expect(ids(await store.listStale('completed', at(20), 10))).toEqual([b.id])
        expect(await store.listStale('placed', at(50), 10)).toEqual([])
      })

      test('listStale continues strictly after a position, ties on updatedAt broken by id', async () => {
        const mk = (minutes: number) => makeOrder({ status: 'placed', createdAt: at(0), updatedAt: at(minutes) })
        const orders = [mk(10), mk(10), mk(20), mk(30), mk(40)]
        for (const o of orders) await store.insertOrder(o)
        const all = await store.listStale('placed', at(35), 10)
        expect(all.map((o) => o.updatedAt)).toEqual([at(10), at(10), at(20), at(30)])
        const first = await store.listStale('placed', at(35), 2)
        expect(ids(first)).toEqual(ids(all).slice(0, 2))
        const last = first[first.length - 1]
        const rest = await store.listStale('placed', at(35), 10, { updatedAt: last.updatedAt, id: last.id })
        expect(ids(rest)).toEqual(ids(all).slice(2))
        expect(await store.listStale('placed', at(35), 10, { updatedAt: at(30), id: all[3].id })).toEqual([])
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
        for (const o of [a, b, c, later, none, done]) await store.insertOrder(o)
        expect(ids(await store.listPreferredDue(at(50), 10))).toEqual([b.id, c.id, a.id])
        expect(ids(await store.listPreferredDue(at(50), 2))).toEqual([b.id, c.id])
        expect(ids(await store.listPreferredDue(at(50), 10, { preferredAt: at(20), id: c.id }))).toEqual([a.id])
        // an order that leaves the open states leaves the list
        expect(await store.transition({ orderId: b.id, expectedVersion: 1, next: advance(b, { status: 'cancelled' }) })).toBe('ok')
        expect(ids(await store.listPreferredDue(at(50), 10))).toEqual([c.id, a.id])
      })

      test('transition records its notifications with the order, once per id', async () => {
        const order = makeOrder()
        await store.insertOrder(order)
        const n = makeNotification(order.id, 'escalated:' + order.id + ':v1')
        const v2 = advance(order, { orgUnitId: 'i1', unitPath: pathOf('i1') })
        expect(await store.transition({ orderId: order.id, expectedVersion: 1, next: v2, notifications: [n] })).toBe('ok')
        expect(await store.listOrderNotifications(order.id)).toEqual([n])
        // a transition that loses its version records nothing
        const lost = makeNotification(order.id, 'lost:' + order.id)
        const stale = advance(order, { status: 'rejected' })
        expect(await store.transition({ orderId: order.id, expectedVersion: 1, next: stale, notifications: [lost] })).toBe('conflict')
        // an id already recorded is left as it was
        const again = { ...n, text: '改过的文字' }
        const v3 = advance(v2, { status: 'rejected' })
        expect(await store.transition({ orderId: order.id, expectedVersion: 2, next: v3, notifications: [again] })).toBe('ok')
        expect(await store.listOrderNotifications(order.id)).toEqual([n])
      })

      test('teamStats: open load from dispatched and claimed orders, rating from rated ones; zeros otherwise', async () => {
        const rating = (stars: number) => ({ stars, comment: '', at: at(50) })
        const orders = [
          makeOrder({ status: 'dispatched', teamIds: ['T1', 'T2'] }),
          makeOrder({ status: 'claimed', teamIds: ['T1'], claims: [claimBy('v')] }),
          makeOrder({ status: 'completed', teamIds: ['T1'] }),
          makeOrder({ status: 'rated', teamIds: ['T1'], rating: rating(5) }),
          makeOrder({ status: 'rated', teamIds: ['T1', 'T2'], rating: rating(3) }),
          makeOrder({ status: 'closed', teamIds: ['T2'] }),
          makeOrder({ status: 'placed' }),
        ]
        for (const o of orders) await store.insertOrder(o)
        expect(await store.teamStats(['T1', 'T2', 'T3'])).toEqual({
          T1: { openLoad: 2, ratingSum: 8, ratingCount: 2 },
          T2: { openLoad: 1, ratingSum: 3, ratingCount: 1 },
          T3: { openLoad: 0, ratingSum: 0, ratingCount: 0 },
        })
        const completed = orders[2]
        const rated = advance(completed, { status: 'rated', rating: rating(4) })
        expect(await store.transition({ orderId: completed.id, expectedVersion: 1, next: rated })).toBe('ok')
        const dispatched = orders[0]
        const cancelled = advance(dispatched, { status: 'cancelled', reason: '不需要了' })
        expect(await store.transition({ orderId: dispatched.id, expectedVersion: 1, next: cancelled })).toBe('ok')
        expect((await store.teamStats(['T1'])).T1).toEqual({ openLoad: 1, ratingSum: 12, ratingCount: 3 })
        expect(await store.teamStats([])).toEqual({})
      })
    })

    describe('time limits, notifications and job cursors', () => {
      const settings = (unitId: string, limits: UnitSettings['limits']): UnitSettings => ({
        unitId,
        limits,
        updatedAt: at(5),
        updatedBy: 'manager-1',
      })

      test('unit settings: saved per unit, replaced on save, read by ids or all', async () => {
        expect(await store.listUnitSettings()).toEqual([])
        expect(await store.getUnitSettings(['c', 's11'])).toEqual([])
        const center = settings('c', { remindUndispatchedHours: 24, escalateUndispatchedHours: 48, autoCloseDays: 7 })
        const station = settings('s11', { escalateUndispatchedHours: 12 })
        expect(await store.saveUnitSettings(center)).toEqual(center)
        await store.saveUnitSettings(station)
        expect((await store.getUnitSettings(['s11', 'nowhere', 'c'])).sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual([center, station])
        const replaced = settings('s11', { remindUnclaimedHours: 3 })
        await store.saveUnitSettings(replaced)
        expect(await store.getUnitSettings(['s11'])).toEqual([replaced])
        expect((await store.listUnitSettings()).sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual([center, replaced])
      })

      test('importData stores the seeded settings', async () => {
        const data = makeImport()
        const seeded = settings(data.units[0].id, { autoCloseDays: 5 })
        await store.importData({ ...data, settings: [seeded] })
        expect(await store.getUnitSettings([seeded.unitId])).toEqual([seeded])
      })

      test('recordNotifications records each id once and says which were new', async () => {
        const a = makeNotification('o-1', 'remind:a')
        const b = makeNotification('o-1', 'remind:b', at(3))
        const c = makeNotification('o-2', 'remind:c')
        expect(await store.recordNotifications([])).toEqual([])
        expect((await store.recordNotifications([b, a])).sort()).toEqual(['remind:a', 'remind:b'])
        expect(await store.recordNotifications([{ ...a, text: '第二次' }, c])).toEqual(['remind:c'])
        expect(await store.listOrderNotifications('o-1')).toEqual([a, b])
        expect(await store.listOrderNotifications('o-2')).toEqual([c])
        expect(await store.listOrderNotifications('o-none')).toEqual([])
      })

      test('job cursors: empty at first, replaced on save, per job', async () => {
        expect(await store.getCursors('cron')).toEqual({})
        await store.saveCursors('cron', { placed: 'p1', completed: 'c1' })
        await store.saveCursors('other', { x: 'y' })
        expect(await store.getCursors('cron')).toEqual({ placed: 'p1', completed: 'c1' })
        await store.saveCursors('cron', { dispatched: 'd1' })
        expect(await store.getCursors('cron')).toEqual({ dispatched: 'd1' })
        expect(await store.getCursors('other')).toEqual({ x: 'y' })
      })
    })

    describe('notification delivery: pending list, managers, inbox, subscribe grants and sends', () => {
      const message = (userId: string, n: number, over: Partial<InboxMessage> = {}): InboxMessage => ({
        id: `note-${n}:${userId}`,
        userId,
        notificationId: `note-${n}`,
        kind: 'dispatched',
        orderId: 'o-1',
        title: '健康义诊',
        text: `第${n}条`,
        at: at(n),
        readAt: null,
        ...over,
      })
      const send = (notificationId: string, userId: string, over: Partial<SubscribeSend> = {}): SubscribeSend => ({
        id: `${notificationId}:${userId}`,
        notificationId,
        userId,
        template: 'orderProgress',
        outcome: 'reserved',
        reason: null,
        errCode: null,
        at: at(1),
        ...over,
      })

      test('pending notifications: oldest first, bounded, and gone once delivered (also when recorded by a transition)', async () => {
        const a = makeNotification('o-1', 'n:a', at(3))
        const b = makeNotification('o-1', 'n:b', at(1))
        const c = makeNotification('o-2', 'n:c', at(2))
        await store.recordNotifications([a, b, c])
        expect(ids(await store.listPendingNotifications(2))).toEqual(['n:b', 'n:c'])
        expect(ids(await store.listPendingNotifications(10))).toEqual(['n:b', 'n:c', 'n:a'])
        await store.markNotificationsDelivered(['n:b', 'n:none'], at(9))
        await store.markNotificationsDelivered(['n:b'], at(10))
        expect(ids(await store.listPendingNotifications(10))).toEqual(['n:c', 'n:a'])
        expect(await store.listOrderNotifications('o-1')).toEqual([{ ...b, status: 'delivered', deliveredAt: at(9) }, a])
        // recorded again after delivery: left as it is, not pending again
        expect(await store.recordNotifications([b])).toEqual([])
        expect(ids(await store.listPendingNotifications(10))).toEqual(['n:c', 'n:a'])

        const order = makeOrder({ status: 'placed' })
        await store.insertOrder(order)
        const v2 = advance(order, { status: 'rejected' })
        const n = makeNotification(order.id, 'n:t', at(0))
        expect(await store.transition({ orderId: order.id, expectedVersion: 1, next: v2, notifications: [n] })).toBe('ok')
        expect(ids(await store.listPendingNotifications(10))).toEqual(['n:t', 'n:c', 'n:a'])
      })

      test('listManagersOf: managers and admins of the units, nobody else', async () => {
        const m1 = await store.createUser(makeUser({ roles: ['resident', 'manager'], managedUnitId: 's11' }))
        const m2 = await store.createUser(makeUser({ roles: ['resident', 'admin'], managedUnitId: 'c' }))
        await store.createUser(makeUser({ roles: ['resident', 'manager'], managedUnitId: 'i1' }))
        await store.createUser(makeUser({ roles: ['resident'], managedUnitId: null }))
        expect(await store.listManagersOf([])).toEqual([])
        expect(sortedIds(await store.listManagersOf(['s11', 'c', 's11']))).toEqual(sortedIds([m1, m2]))
        const revoked = await store.setRole(m1.id, 'manager', false)
        expect(revoked?.managedUnitId ?? null).toBeNull()
        expect(ids(await store.listManagersOf(['s11']))).toEqual([])
      })

      test('inbox: each message once, newest first in pages, unread count, read by ids or all (own messages only)', async () => {
        const mine = [1, 2, 3, 4, 5].map((n) => message('u1', n))
        expect(await store.insertInbox([])).toEqual([])
        expect((await store.insertInbox(mine)).length).toBe(5)
        expect(await store.insertInbox([{ ...mine[0], text: '再次投递' }, message('u2', 1)])).toEqual(['note-1:u2'])
        const pages = await collectPages((cursor) => store.listInbox('u1', { cursor, limit: 2 }))
        expect(pages.flat().map((m) => m.id)).toEqual(['note-5:u1', 'note-4:u1', 'note-3:u1', 'note-2:u1', 'note-1:u1'])
        expect((await store.listInbox('u1', { limit: 10 })).items[4]).toEqual(mine[0])
        expect(await store.countUnread('u1')).toBe(5)
        expect(await store.countUnread('nobody')).toBe(0)
        // someone else's message is not theirs to mark
        expect(await store.markRead('u1', ['note-1:u1', 'note-2:u1', 'note-1:u2'], at(20))).toBe(2)
        expect(await store.markRead('u1', ['note-1:u1'], at(21))).toBe(0)
        expect(await store.countUnread('u1')).toBe(3)
        expect(await store.countUnread('u2')).toBe(1)
        const read = (await store.listInbox('u1', { limit: 10 })).items.find((m) => m.id === 'note-1:u1')
        expect(read?.readAt).toBe(at(20))
        expect(await store.markRead('u1', null, at(22))).toBe(3)
        expect(await store.countUnread('u1')).toBe(0)
        expect(await store.markRead('u1', [], at(23))).toBe(0)
      })

      test('subscribe grants: zeros at first, one per accepted template, a keyed request adds once', async () => {
        expect(await store.getSubscribeGrants('u1')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
        expect(await store.addSubscribeGrants('u1', ['orderProgress', 'reminder'])).toEqual({ orderProgress: 1, newTask: 0, reminder: 1 })
        expect(await store.addSubscribeGrants('u1', ['orderProgress'], 'k1')).toEqual({ orderProgress: 2, newTask: 0, reminder: 1 })
        expect(await store.addSubscribeGrants('u1', ['orderProgress'], 'k1')).toEqual({ orderProgress: 2, newTask: 0, reminder: 1 })
        expect(await store.getSubscribeGrants('u1')).toEqual({ orderProgress: 2, newTask: 0, reminder: 1 })
        expect(await store.getSubscribeGrants('u2')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
      })

      test('sends: a grant allows exactly one, a send id spends once, no grant records the reason, refunds on settle', async () => {
        await store.addSubscribeGrants('u1', ['orderProgress'])
        expect(await store.reserveSend(send('n1', 'u1'), '未订阅')).toBe('reserved')
        expect(await store.reserveSend(send('n1', 'u1'), '未订阅')).toBe('duplicate')
        expect(await store.getSubscribeGrants('u1')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
        expect(await store.reserveSend(send('n2', 'u1'), '未订阅')).toBe('noGrant')
        expect(await store.listSends('n2')).toEqual([send('n2', 'u1', { outcome: 'skipped', reason: '未订阅' })])
        // settled as sent: nothing given back; settling again changes nothing
        await store.settleSend(send('n1', 'u1', { outcome: 'sent' }), false)
        await store.settleSend(send('n1', 'u1', { outcome: 'failed', errCode: 1 }), true)
        expect(await store.listSends('n1')).toEqual([send('n1', 'u1', { outcome: 'sent' })])
        expect(await store.getSubscribeGrants('u1')).toEqual({ orderProgress: 0, newTask: 0, reminder: 0 })
        // a failure the platform did not count gives the grant back
        await store.addSubscribeGrants('u1', ['orderProgress'])
        expect(await store.reserveSend(send('n3', 'u1'), '未订阅')).toBe('reserved')
        await store.settleSend(send('n3', 'u1', { outcome: 'failed', reason: '47003', errCode: 47003 }), true)
        expect(await store.getSubscribeGrants('u1')).toEqual({ orderProgress: 1, newTask: 0, reminder: 0 })
        // a skip that spends nothing is recorded once
        const skipped = send('n4', 'u2', { outcome: 'skipped', reason: '未配置模板' })
        expect(await store.recordSend(skipped)).toBe(true)
        expect(await store.recordSend({ ...skipped, reason: '另一次' })).toBe(false)
        expect(await store.reserveSend(send('n4', 'u2'), '未订阅')).toBe('duplicate')
        expect(await store.listSends('n4')).toEqual([skipped])
        expect(await store.listSends('none')).toEqual([])
      })
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
        for (const order of Object.values(o)) await store.insertOrder(order)
        return o
      }

      test('orderStats: 点单数, 接单数, 服务场次, 服务人数 and counts by status, theme and child unit over [from, to)', async () => {
        await seed()
        expect(await store.orderStats({ unitId: 'c', ...JAN })).toEqual({
          placed: 10,
          taken: 5,
          served: 3,
          people: 16,
          byStatus: { ...zeros(), placed: 2, dispatched: 2, claimed: 1, completed: 1, rated: 1, closed: 1, rejected: 1, cancelled: 1 },
          byTheme: { 'th-a': 5, 'th-b': 4, 'th-c': 1 },
          byUnit: { i1: 8, i2: 2 },
        })
        expect(await store.orderStats({ unitId: 'i1', ...JAN })).toEqual({
          placed: 8,
          taken: 3,
          served: 2,
          people: 6,
          byStatus: { ...zeros(), placed: 2, dispatched: 1, claimed: 1, completed: 1, closed: 1, rejected: 1, cancelled: 1 },
          byTheme: { 'th-a': 4, 'th-b': 3, 'th-c': 1 },
          byUnit: { s11: 4, s12: 2, i1: 2 },
        })
        const s11 = await store.orderStats({ unitId: 's11', ...JAN })
        expect(s11).toMatchObject({ placed: 4, taken: 3, served: 2, people: 6, byUnit: { s11: 4 } })
        expect(await store.orderStats({ unitId: 's11', from: JAN.to, to: '2026-03-01T00:00:00.000Z' })).toEqual({
          ...empty(),
          placed: 1,
          byStatus: { ...zeros(), placed: 1 },
          byTheme: { 'th-a': 1 },
          byUnit: { s11: 1 },
        })
        expect(await store.orderStats({ unitId: 's21', from: JAN.to, to: '2026-03-01T00:00:00.000Z' })).toEqual(empty())
        expect(await store.orderStats({ unitId: 'nowhere', ...JAN })).toEqual(empty())
      })

      test('orderStats follows transitions: a claim is taken on, a completion is served with its people', async () => {
        const o = await seed()
        const claim = advance(o.dispatched, { status: 'claimed', claims: [claimBy('v3')], timeline: [claimed] })
        expect(await store.transition({ orderId: o.dispatched.id, expectedVersion: 1, next: claim })).toBe('ok')
        const done = advance(o.claimed, { status: 'completed', completion: served(3) })
        expect(await store.transition({ orderId: o.claimed.id, expectedVersion: 1, next: done })).toBe('ok')
        const stats = await store.orderStats({ unitId: 'c', ...JAN })
        expect(stats).toMatchObject({ placed: 10, taken: 6, served: 4, people: 19 })
        expect(stats.byStatus).toMatchObject({ dispatched: 1, claimed: 1, completed: 2 })
      })
    })

    describe('points ledger', () => {
      const zero = (userId: string) => ({ userId, balance: 0, earned: 0, hours: 0 })

      test('appendLedger appends entries and keeps balance, earned and hours per user', async () => {
        const entries = [
          makeEntry({ userId: 'u1', delta: 10, hours: 2, at: at(1) }),
          makeEntry({ userId: 'u1', delta: -3, hours: 0, reason: '兑换', at: at(2) }),
          makeEntry({ userId: 'u2', delta: 4, hours: 0.5, at: at(3) }),
        ]
        expect(await store.appendLedger(entries)).toBe('ok')
        expect(await store.getBalance('u1')).toEqual({ userId: 'u1', balance: 7, earned: 10, hours: 2 })
        expect(await store.getBalance('u2')).toEqual({ userId: 'u2', balance: 4, earned: 4, hours: 0.5 })
        expect(await store.getBalance('u3')).toEqual(zero('u3'))
        expect(await store.appendLedger([])).toBe('ok')
      })

      test('appendLedger with an existing id answers duplicate and writes nothing', async () => {
        const first = makeEntry({ userId: 'u1', delta: 5 })
        expect(await store.appendLedger([first])).toBe('ok')
        const fresh = makeEntry({ userId: 'u2', delta: 7 })
        expect(await store.appendLedger([fresh, { ...first, delta: 100 }])).toBe('duplicate')
        expect(await store.getBalance('u1')).toEqual({ userId: 'u1', balance: 5, earned: 5, hours: 1 })
        expect(await store.getBalance('u2')).toEqual(zero('u2'))
        expect((await store.listLedger('u2', { limit: 10 })).items).toEqual([])

        const again = makeEntry({ userId: 'u3' })
        expect(await store.appendLedger([again, { ...again }])).toBe('duplicate')
        expect(await store.getBalance('u3')).toEqual(zero('u3'))
        expect((await store.listLedger('u3', { limit: 10 })).items).toEqual([])
      })

      test('appendLedger that would take a balance below zero answers insufficient and writes nothing', async () => {
        expect(await store.appendLedger([makeEntry({ userId: 'u1', delta: 5, hours: 0 })])).toBe('ok')
        const gift = makeEntry({ userId: 'u2', delta: 3 })
        const spend = makeEntry({ userId: 'u1', delta: -6, hours: 0 })
        expect(await store.appendLedger([gift, spend])).toBe('insufficient')
        expect(await store.getBalance('u1')).toEqual({ userId: 'u1', balance: 5, earned: 5, hours: 0 })
        expect(await store.getBalance('u2')).toEqual(zero('u2'))
        expect((await store.listLedger('u1', { limit: 10 })).items).toHaveLength(1)
        expect(await store.appendLedger([makeEntry({ userId: 'u1', delta: -5, hours: 0 })])).toBe('ok')
        expect(await store.getBalance('u1')).toEqual({ userId: 'u1', balance: 0, earned: 5, hours: 0 })
        expect(await store.appendLedger([makeEntry({ userId: 'u9', delta: -1 })])).toBe('insufficient')
      })

      test('parallel appends of the same entry: exactly one is ok', async () => {
        const entry = makeEntry({ userId: 'u1', delta: 10 })
        const results = await Promise.all(Array.from({ length: 8 }, () => store.appendLedger([{ ...entry }])))
        expect(results.filter((r) => r === 'ok')).toHaveLength(1)
        expect(results.filter((r) => r === 'duplicate')).toHaveLength(7)
        expect((await store.getBalance('u1')).balance).toBe(10)
      })

      test('listLedger: the user’s entries newest first, across pages', async () => {
        const mine: LedgerEntry[] = Array.from({ length: 11 }, (_, i) =>
          makeEntry({ userId: 'u1', delta: i + 1, at: at(Math.floor(i / 2)) }),
        )
        expect(await store.appendLedger(shuffled(mine))).toBe('ok')
        expect(await store.appendLedger([makeEntry({ userId: 'u2' })])).toBe('ok')
        const pages = await collectPages((cursor) => store.listLedger('u1', { cursor, limit: 4 }))
        expect(pages.map((p) => p.length)).toEqual([4, 4, 3])
        const expected = [...mine].sort((a, b) => -compare([a.at, a.id], [b.at, b.id]))
        expect(pages.flat()).toEqual(expected)
        expect(await store.listLedger('nobody', { limit: 4 })).toEqual({ items: [], nextCursor: null })
      })

      test('leaderboard: sums per user over entries of the unit’s subtree within [from, to), best first', async () => {
        const jan = (day: number) => `2026-01-${String(day).padStart(2, '0')}T08:00:00.000Z`
        const entry = (userId: string, unitId: string, delta: number, when: string, hours = 1) =>
          makeEntry({ userId, unitPath: pathOf(unitId), delta, hours, at: when })
        await store.appendLedger([
          entry('a', 's11', 10, jan(3)),
          entry('a', 's11', 5, jan(20), 2),
          entry('b', 's12', 12, jan(5)),
          entry('c', 's21', 30, jan(6)),
          entry('d', 's11', 40, '2026-02-01T00:00:00.000Z'),
          entry('e', 's11', 50, '2025-12-31T23:59:59.999Z'),
          entry('f', 'i1', 1, '2026-01-01T00:00:00.000Z', 0.5),
        ])
        const month = { from: '2026-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' }
        expect(await store.leaderboard({ unitId: 'i1', ...month, limit: 10 })).toEqual([
          { userId: 'a', points: 15, hours: 3 },
          { userId: 'b', points: 12, hours: 1 },
          { userId: 'f', points: 1, hours: 0.5 },
        ])
        expect(await store.leaderboard({ unitId: 'c', ...month, limit: 2 })).toEqual([
          { userId: 'c', points: 30, hours: 1 },
          { userId: 'a', points: 15, hours: 3 },
        ])
        expect(await store.leaderboard({ unitId: 's12', ...month, limit: 10 })).toEqual([{ userId: 'b', points: 12, hours: 1 }])
        expect(await store.leaderboard({ unitId: 's11', from: '2026-02-01T00:00:00.000Z', to: '2026-03-01T00:00:00.000Z', limit: 10 })).toEqual([
          { userId: 'd', points: 40, hours: 1 },
        ])
        expect(await store.leaderboard({ unitId: 'i2', from: month.to, to: '2026-03-01T00:00:00.000Z', limit: 10 })).toEqual([])
      })

      test('reconcile checks every user’s balance against the sum of their entries', async () => {
        await store.appendLedger([
          makeEntry({ userId: 'u1', delta: 10 }),
          makeEntry({ userId: 'u1', delta: -4, hours: 0 }),
          makeEntry({ userId: 'u2', delta: 3 }),
        ])
        const order = makeOrder({ status: 'completed' })
        await store.insertOrder(order)
        const awards = [makeEntry({ userId: 'u3', delta: 8, orderId: order.id })]
        await store.transition({ orderId: order.id, expectedVersion: 1, next: advance(order, { status: 'rated' }), awards })
        expect(await store.reconcile()).toEqual({ checked: 3, mismatches: [] })
      })

      test('reconcile lists a user whose balance does not match the ledger', async () => {
        if (!sut.corruptBalance) {
          console.warn(`${name}: no corruptBalance hook, reconcile mismatch detection not checked`)
          return
        }
        await store.appendLedger([makeEntry({ userId: 'u1', delta: 10 }), makeEntry({ userId: 'u2', delta: 3 })])
        await sut.corruptBalance('u1', 99)
        expect(await store.reconcile()).toEqual({ checked: 2, mismatches: [{ userId: 'u1', balance: 99, sum: 10 }] })
      })
    })
  })
}

type Keyed = { createdAt: string; id: string }

function compare(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0
}

function byKey(direction: 'asc' | 'desc') {
  const sign = direction === 'asc' ? 1 : -1
  return (a: Keyed, b: Keyed) => sign * compare([a.createdAt, a.id], [b.createdAt, b.id])
}

/** A fixed permutation, so that insertion order never happens to equal the expected order. */
function shuffled<T>(xs: T[]): T[] {
  const out = [...xs]
  let seed = 7
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}
