import { decide, orderContext } from '~core/lifecycle'
import type { TransitionChange } from '~core/ports'
import { FUNCTIONS } from '~functions/registry'
import { createHarness, type Harness, uid } from './harness'

/** Real parallel calls: every promise is started before any is awaited. */
describe('concurrency: each tap has exactly one effect', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  const volunteers = ['demo-volunteer-1', 'demo-volunteer-2', 'demo-volunteer-3', 'demo-volunteer-4', 'demo-volunteer-5', 'demo-leader-health']

  it('50 simultaneous claims on a capacity-3 order by 6 volunteers end with exactly 3 distinct claimers', async () => {
    const order = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 3 })
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.call(volunteers[i % volunteers.length], 'order', 'claim', { orderId: order.id })),
    )
    const { order: final } = await h.ok('demo-admin', 'order', 'get', { orderId: order.id })
    expect(final.claims).toHaveLength(3)
    expect(new Set(final.claims.map((c: any) => c.volunteerId)).size).toBe(3)
    expect(results.filter((r) => r.ok)).toHaveLength(3)
    const refusals = results.filter((r) => !r.ok)
    expect(refusals.every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true)
    expect(final.timeline.filter((t: any) => t.action === 'claim')).toHaveLength(3)
  })

  it('parallel rate calls rate once and pay once', async () => {
    const order = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: order.id })
    await h.ok('demo-volunteer-2', 'order', 'claim', { orderId: order.id })
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: order.id, hours: 3, beneficiaryCount: 2 })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.call('demo-resident-1', 'order', 'rate', { orderId: order.id, stars: (i % 5) + 1 })),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    for (const v of ['demo-volunteer-1', 'demo-volunteer-2']) {
      const ledger = await h.ok(v, 'points', 'ledger')
      expect(ledger.items.filter((e: any) => e.orderId === order.id)).toHaveLength(1)
    }
    expect((await h.stores.ledger.reconcile()).mismatches).toEqual([])
  })

  it('the same requestId sent twice (even at once) places one order and answers the same', async () => {
    const payload = { requestId: 'req-1', menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组', phone: '13800001234' }
    const [a, b] = await Promise.all([
      h.call('demo-resident-1', 'order', 'place', payload),
      h.call('demo-resident-1', 'order', 'place', payload),
    ])
    const c = await h.call('demo-resident-1', 'order', 'place', payload)
    expect(a.ok && b.ok && c.ok).toBe(true)
    const ids = [a, b, c].map((r) => (r.ok ? r.data.order.id : null))
    expect(new Set(ids).size).toBe(1)
    const mine = await h.ok('demo-resident-1', 'order', 'listMine')
    expect(mine.items).toHaveLength(1)
    // another person's identical requestId is their own request
    await h.ok('demo-resident-2', 'order', 'place', payload)
    expect((await h.ok('demo-resident-2', 'order', 'listMine')).items).toHaveLength(1)
  })

  it('a retried claim with the same requestId repeats the first answer instead of failing', async () => {
    const order = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    const first = await h.call('demo-volunteer-1', 'order', 'claim', { orderId: order.id, requestId: 'tap-1' })
    const retry = await h.call('demo-volunteer-1', 'order', 'claim', { orderId: order.id, requestId: 'tap-1' })
    expect(retry).toEqual(first)
    const again = await h.call('demo-volunteer-1', 'order', 'claim', { orderId: order.id, requestId: 'tap-2' })
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '您已经接过这一单了' } })
    const { order: final } = await h.ok('demo-admin', 'order', 'get', { orderId: order.id })
    expect(final.claims.map((c: any) => c.volunteerId)).toEqual([uid('demo-volunteer-1')])
  })

  it('an order moved by another process between read and write: the action decides again on what is there now', async () => {
    const order = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    // another local host (or CloudBase instance) claims in between: this process's queue cannot see it
    const rival = (await h.stores.users.getUserByOpenid('demo-volunteer-2'))!
    let interfered = false
    const orders = new Proxy(h.stores.orders, {
      get(target, prop, receiver) {
        if (prop !== 'transition' || interfered) return Reflect.get(target, prop, receiver)
        return async (change: TransitionChange) => {
          interfered = true
          const { order: current, teams } = await target.loadOrder(change.orderId, { teamIds: rival.teamIds })
          const next = decide('claim', orderContext({ kind: 'user', user: rival }, current!, teams), {}, h.now().toISOString())
          expect(await target.transition({ orderId: current!.id, expectedVersion: current!.version, next })).toBe('ok')
          return target.transition(change)
        }
      },
    })
    const deps = { ...h.deps, orders }
    const res = await FUNCTIONS.order.handle({ action: 'claim', orderId: order.id }, { openid: 'demo-volunteer-1', source: 'client' }, deps)
    expect(interfered).toBe(true)
    expect(res.ok).toBe(true)
    const { order: final } = await h.ok('demo-admin', 'order', 'get', { orderId: order.id })
    expect(final.claims.map((c: any) => c.volunteerId)).toEqual([uid('demo-volunteer-2'), uid('demo-volunteer-1')])
  })

  it('two managers dispatching at once: one dispatch, one CONFLICT', async () => {
    const order = await h.place()
    const [a, b] = await Promise.all([
      h.call('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'] }),
      h.call('demo-manager-suxi', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-xiaolao'] }),
    ])
    expect([a.ok, b.ok].sort()).toEqual([false, true])
    const loser = a.ok ? b : a
    expect(!loser.ok && loser.error.code).toBe('CONFLICT')
  })

  it('parallel approvals of the same application add the member once', async () => {
    const applicant = uid('demo-applicant')
    const results = await Promise.all(
      Array.from({ length: 10 }, () => h.call('demo-leader-xiaolao', 'user', 'approveMember', { teamId: 'team-xiaolao', userId: applicant })),
    )
    expect(results.every((r) => r.ok)).toBe(true)
    const [team] = await h.ok('demo-admin', 'catalog', 'teams', { unitId: 'unit-tanwei' }).then((ts) => ts.filter((t: any) => t.id === 'team-xiaolao'))
    expect(team.memberIds.filter((id: string) => id === applicant)).toHaveLength(1)
    const me = await h.ok('demo-applicant', 'user', 'login')
    expect(me.user.teamIds).toEqual(['team-xiaolao'])
    expect(me.user.roles).toContain('volunteer')
  })
})
