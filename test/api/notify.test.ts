import { WHO_IS_TOLD } from '~core/notify'
import { createHarness, type Harness, uid } from './harness'

const HOUR = 3600 * 1000

/** Who is told what per order event, the delivery run, and the inbox through the handlers. */
describe('notifications: who is told what, delivery and the inbox', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  // in the order they were recorded (one clock here, so by version)
  const notes = async (orderId: string) =>
    (await h.stores.notifications.listOrderNotifications(orderId))
      .sort((a, b) => Number(a.id.split(':v').at(-1)) - Number(b.id.split(':v').at(-1)) || a.id.localeCompare(b.id))
      .map((n) => ({ kind: n.kind, userIds: [...n.userIds].sort(), unitIds: n.unitIds }))
  const runCron = async (at: Date) => {
    const res = await h.runCron(at)
    if (!res.ok) throw new Error(res.error.message)
    return res.data
  }

  it('records, with each transition, who must hear of it (never the person who acted)', async () => {
    const { id } = await h.place('demo-resident-1')
    expect(await notes(id)).toEqual([])
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: id, teamIds: ['team-health'], capacity: 2 })
    const [team] = await h.stores.catalog.listTeams({ ids: ['team-health'] })
    expect(team.memberIds).toContain(uid('demo-volunteer-1'))
    expect(await notes(id)).toEqual([
      { kind: 'dispatched', userIds: [uid('demo-resident-1')], unitIds: [] },
      { kind: 'newTask', userIds: [...team.memberIds].sort(), unitIds: [] },
    ])
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: id })
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: id, hours: 2, beneficiaryCount: 1 })
    expect((await notes(id)).slice(2)).toEqual([
      { kind: 'claimed', userIds: [uid('demo-resident-1')], unitIds: [] },
      { kind: 'completed', userIds: [uid('demo-resident-1')], unitIds: [] },
    ])
    // rating tells nobody
    await h.ok('demo-resident-1', 'order', 'rate', { orderId: id, stars: 5 })
    expect(await notes(id)).toHaveLength(4)

    const rejected = (await h.place('demo-resident-1')).id
    await h.ok('demo-manager-tanwei', 'order', 'reject', { orderId: rejected, reason: '重复点单' })
    expect(await notes(rejected)).toEqual([{ kind: 'rejected', userIds: [uid('demo-resident-1')], unitIds: [] }])
    expect((await h.stores.notifications.listOrderNotifications(rejected))[0].text).toContain('重复点单')

    // cancelled while claimed: the claimer is told; the resident who cancelled is not told of their own act
    const cancelled = (await h.place('demo-resident-1')).id
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: cancelled, teamIds: ['team-health'], capacity: 1 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: cancelled })
    await h.ok('demo-resident-1', 'order', 'cancel', { orderId: cancelled, reason: '老人住院了' })
    expect((await notes(cancelled)).slice(3)).toEqual([{ kind: 'taskCancelled', userIds: [uid('demo-volunteer-1')], unitIds: [] }])
  })

  it('an escalation, by a manager or by the time limit, tells the resident as well as the managers', async () => {
    const byHand = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'escalate', { orderId: byHand.id })
    expect(await notes(byHand.id)).toEqual([{ kind: 'orderEscalated', userIds: [uid('demo-resident-1')], unitIds: [] }])

    const byClock = await h.place('demo-resident-2')
    await runCron(new Date(h.now().getTime() + 49 * HOUR))
    const kinds = (await notes(byClock.id)).map((n) => n.kind)
    expect(kinds).toContain('escalated')
    expect(await notes(byClock.id)).toContainEqual({ kind: 'orderEscalated', userIds: [uid('demo-resident-2')], unitIds: [] })
    const inbox = await h.ok('demo-resident-2', 'inbox', 'list')
    expect(inbox.items.map((m: any) => m.kind)).toContain('orderEscalated')
  })

  it('every kind has a template and a status word of at most 5 characters', () => {
    for (const row of Object.values(WHO_IS_TOLD)) expect([...row.phrase].length).toBeLessThanOrEqual(5)
    expect(WHO_IS_TOLD.dispatched.template).toBe('orderProgress')
    expect(WHO_IS_TOLD.newTask.template).toBe('newTask')
    expect(WHO_IS_TOLD.taskCancelled.template).toBe('reminder')
    expect(WHO_IS_TOLD.remindUndispatched.template).toBe('reminder')
  })

  it('the scheduled job delivers to inboxes (managers by unit) once; a second run at the same instant delivers nothing new', async () => {
    const { id } = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: id, teamIds: ['team-health'], capacity: 1 })
    const later = (await h.place('demo-resident-1')).id
    const t = new Date(h.now().getTime() + 24 * HOUR)
    const first: any = await runCron(t)
    // the dispatch (resident, team) and two reminders: undispatched (the other order), unclaimed (the leader)
    expect(first).toMatchObject({ reminded: 2, delivered: 4, sent: 0 })
    expect(first.inboxed).toBeGreaterThanOrEqual(3)
    expect(await h.stores.notifications.listPendingNotifications(10)).toEqual([])
    const before = h.dump()
    expect(await runCron(t)).toMatchObject({ delivered: 0, inboxed: 0, reminded: 0 })
    expect(h.dump()).toBe(before)

    // the resident's inbox: the dispatch, unread, with its order
    const inbox = await h.ok('demo-resident-1', 'inbox', 'list')
    expect(inbox).toMatchObject({ unread: 1, nextCursor: null })
    expect(inbox.items).toEqual([
      expect.objectContaining({ id: `dispatched:${id}:v2:${uid('demo-resident-1')}`, kind: 'dispatched', orderId: id, readAt: null }),
    ])
    // the station's manager has the reminder about the other order (a unit's notification reaches its managers)
    const manager = await h.ok('demo-manager-tanwei', 'inbox', 'list')
    expect(manager.items.map((m: any) => [m.kind, m.orderId])).toEqual([['remindUndispatched', later]])
    // and nothing was sent as a subscribe message locally: the reason is recorded
    const sends = await h.stores.notifications.listSends(`dispatched:${id}:v2`)
    expect(sends).toEqual([expect.objectContaining({ outcome: 'skipped', reason: '本地环境不发送订阅消息' })])
  })

  it('inbox: unread, read by ids (own only) or all; pages newest first; identity from the call only', async () => {
    for (let i = 0; i < 3; i++) {
      const { id } = await h.place('demo-resident-1')
      await h.ok('demo-manager-tanwei', 'order', 'reject', { orderId: id, reason: `第${i}次` })
    }
    await runCron(h.now())
    expect(await h.ok('demo-resident-1', 'inbox', 'unread')).toEqual({ unread: 3 })
    const first = await h.ok('demo-resident-1', 'inbox', 'list', { limit: 2 })
    expect(first.items).toHaveLength(2)
    expect(first.nextCursor).not.toBeNull()
    const second = await h.ok('demo-resident-1', 'inbox', 'list', { limit: 2, cursor: first.nextCursor })
    expect(second).toMatchObject({ nextCursor: null, unread: 3 })
    const all = [...first.items, ...second.items]
    expect(all.map((m: any) => m.at)).toEqual([...all.map((m: any) => m.at)].sort().reverse())
    // another person cannot mark them read
    expect(await h.ok('demo-resident-2', 'inbox', 'read', { ids: [all[0].id] })).toEqual({ unread: 0 })
    expect(await h.ok('demo-resident-1', 'inbox', 'read', { ids: [all[0].id], userId: 'x' })).toEqual({ unread: 2 })
    expect(await h.ok('demo-resident-1', 'inbox', 'read', { all: true })).toEqual({ unread: 0 })
    expect(await h.call('demo-resident-1', 'inbox', 'read', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.call(null, 'inbox', 'list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
  })

  it('user.grantSubscribe adds one send per accepted template, once per requestId', async () => {
    const grant = (requestId?: string) =>
      h.ok('demo-resident-1', 'user', 'grantSubscribe', {
        templates: [
          { template: 'orderProgress', accepted: true },
          { template: 'reminder', accepted: false },
        ],
        ...(requestId ? { requestId } : {}),
      })
    expect(await grant('r1')).toEqual({ grants: { orderProgress: 1, newTask: 0, reminder: 0 } })
    expect(await grant('r1')).toEqual({ grants: { orderProgress: 1, newTask: 0, reminder: 0 } })
    expect(await grant()).toEqual({ grants: { orderProgress: 2, newTask: 0, reminder: 0 } })
    const none = await h.ok('demo-resident-1', 'user', 'grantSubscribe', { templates: [{ template: 'newTask', accepted: false }] })
    expect(none).toEqual({ grants: { orderProgress: 2, newTask: 0, reminder: 0 } })
    expect(await h.call('demo-resident-1', 'user', 'grantSubscribe', { templates: [{ template: 'bogus', accepted: true }] })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
  })
})
