/**
 * The audit log and contact reveals (issue 13), through the handlers on the seeded demo county: each audited action
 * leaves exactly one entry; user.audit is for admins; every reveal of a resident's contact to someone else is
 * recorded once per viewer, order and day, and listed to the resident and the order's managers; claim/unclaim cycles
 * leave one pair on the timeline and one message to the resident. Every refused call changes nothing.
 */
import type { AuditEntry } from '~types'
import { createHarness, type Harness, uid } from './harness'

describe('audit log and contact reveals', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  /** The harness clock a minute on, so entries of one test have distinct times (newest first is by time). */
  const tick = () => h.setNow(new Date(h.now().getTime() + 60_000))

  const entries = async (kind?: string): Promise<AuditEntry[]> =>
    (await h.ok('demo-admin', 'user', 'audit', kind ? { kind, limit: 50 } : { limit: 50 })).items
  const reveals = (orderId: string) => h.stores.audit.listByTarget('contactRevealed', orderId, 100)

  async function refusedUnchanged(openid: string, fn: string, action: string, payload: Record<string, unknown>, code: string) {
    const before = h.dump()
    const res = await h.call(openid, fn, action, payload)
    expect(res).toMatchObject({ ok: false, error: { code } })
    expect(h.dump()).toBe(before)
    return res
  }

  /** A 滩尾村 health order dispatched to 县卫生健康志愿服务分队 (capacity 1) by the station's manager. */
  async function dispatched(openid = 'demo-resident-1', extra: Record<string, unknown> = {}) {
    const order = await h.place(openid, extra)
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 1 })
    return order.id
  }

  describe('audited actions leave exactly one entry each', () => {
    it('role grants and revocations (a retry with the same requestId adds none)', async () => {
      const target = uid('demo-resident-2')
      await h.ok('demo-admin', 'user', 'grantRole', { userId: target, role: 'proxy', requestId: 'g1' })
      await h.ok('demo-admin', 'user', 'grantRole', { userId: target, role: 'proxy', requestId: 'g1' })
      tick()
      await h.ok('demo-admin', 'user', 'grantRole', { userId: target, role: 'manager', unitId: 'unit-jiangbin' })
      const grantedAt = h.now().toISOString()
      tick()
      await h.ok('demo-admin', 'user', 'grantRole', { userId: target, role: 'proxy', revoke: true })
      const log = await entries()
      expect(log.map((e) => [e.kind, e.targetId, e.actorId, e.summary])).toEqual([
        ['roleRevoked', target, uid('demo-admin'), '撤销角色：江滨村李奶奶「代办员」'],
        ['roleGranted', target, uid('demo-admin'), '授予角色：江滨村李奶奶「管理员」（管理单位unit-jiangbin）'],
        ['roleGranted', target, uid('demo-admin'), '授予角色：江滨村李奶奶「代办员」'],
      ])
      expect(log[1]).toMatchObject({ actorName: '周主任', actorRole: '中心管理员', targetName: '江滨村李奶奶', unitId: 'unit-jiangbin', at: grantedAt })
    })

    it('leader changes: named, replaced, cleared; saving the team as it was adds none', async () => {
      const team = { id: 'team-xiaolao', name: '滩尾村孝老爱亲志愿服务队', themeIds: ['theme-elderly'], orgUnitId: 'unit-tanwei' }
      await h.ok('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...team, leaderId: uid('demo-volunteer-4') })
      tick()
      await h.ok('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...team, leaderId: uid('demo-volunteer-4'), description: '改了介绍' })
      tick()
      await h.ok('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...team, leaderId: null })
      expect((await entries('leaderChanged')).map((e) => [e.targetId, e.unitId, e.actorRole, e.summary])).toEqual([
        ['team-xiaolao', 'unit-tanwei', '管理员', '「滩尾村孝老爱亲志愿服务队」队长：孙大姐 → 无'],
        ['team-xiaolao', 'unit-tanwei', '管理员', '「滩尾村孝老爱亲志愿服务队」队长：滩尾村康阿姨 → 孙大姐'],
      ])
      expect(await entries()).toHaveLength(2)
    })

    it('limit changes: one entry per change, none for setting what was set', async () => {
      await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', autoCloseDays: 3, remindUnclaimedHours: 12 })
      tick()
      await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', autoCloseDays: 3 })
      tick()
      await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', autoCloseDays: null })
      const log = await entries('limitsChanged')
      expect(log.map((e) => e.summary)).toEqual([
        expect.stringContaining('评单期限（天）改为继承上级'),
        expect.stringMatching(/接单提醒时限（小时）改为12，评单期限（天）改为3$/),
      ])
      expect(log[0]).toMatchObject({ targetId: 'unit-tanwei', unitId: 'unit-tanwei', actorId: uid('demo-manager-tanwei') })
    })

    it('refused actions leave none', async () => {
      await refusedUnchanged('demo-manager-tanwei', 'user', 'grantRole', { userId: uid('demo-resident-2'), role: 'proxy' }, 'FORBIDDEN')
      await refusedUnchanged('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-jiangbin', autoCloseDays: 3 }, 'FORBIDDEN')
      expect(await entries()).toEqual([])
    })
  })

  describe('user.audit', () => {
    it('for admins only: anyone else is FORBIDDEN, and nothing changes', async () => {
      await h.ok('demo-admin', 'user', 'grantRole', { userId: uid('demo-resident-2'), role: 'proxy' })
      for (const openid of ['demo-manager-center', 'demo-manager-tanwei', 'demo-resident-1', 'demo-volunteer-1', 'demo-leader-health']) {
        const res = await refusedUnchanged(openid, 'user', 'audit', {}, 'FORBIDDEN')
        expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只有中心管理员可以查看审计日志' } })
      }
      await refusedUnchanged('demo-admin', 'user', 'audit', { kind: 'nothing' }, 'INVALID_INPUT')
      await refusedUnchanged('demo-admin', 'user', 'audit', { cursor: 'bad' }, 'INVALID_INPUT')
      await refusedUnchanged(null as unknown as string, 'user', 'audit', {}, 'UNAUTHENTICATED')
    })

    it('pages newest first with a cursor, filtered by kind and by unit', async () => {
      for (let i = 0; i < 5; i++) {
        h.setNow(new Date(Date.parse('2026-03-02T01:00:00.000Z') + i * 60_000))
        await h.ok('demo-admin', 'user', 'grantRole', { userId: uid('demo-resident-2'), role: i % 2 ? 'proxy' : 'volunteer' })
      }
      tick()
      await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', autoCloseDays: 3 })
      const first = await h.ok('demo-admin', 'user', 'audit', { limit: 4 })
      expect(first.items).toHaveLength(4)
      expect(first.items[0].kind).toBe('limitsChanged')
      const second = await h.ok('demo-admin', 'user', 'audit', { limit: 4, cursor: first.nextCursor })
      expect(second).toMatchObject({ nextCursor: null })
      const all = [...first.items, ...second.items]
      expect(all).toHaveLength(6)
      expect(all.map((e: AuditEntry) => e.at)).toEqual([...all.map((e: AuditEntry) => e.at)].sort().reverse())
      expect((await h.ok('demo-admin', 'user', 'audit', { kind: 'roleGranted' })).items).toHaveLength(5)
      expect((await h.ok('demo-admin', 'user', 'audit', { unitId: 'unit-tanwei' })).items.map((e: AuditEntry) => e.kind)).toEqual(['limitsChanged'])
    })
  })

  describe('contact reveals', () => {
    it('the claim shows the claimer the contact: recorded in the claim write, once a day, whatever they read after', async () => {
      const orderId = await dispatched()
      h.calls.length = 0
      const claimed = await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
      expect(claimed.order).toMatchObject({ phone: '13800001234', contactVisible: true })
      expect(h.calls).not.toContain('record') // in the transition's own write
      h.calls.length = 0
      await h.ok('demo-volunteer-1', 'order', 'get', { orderId })
      expect(h.calls).not.toContain('record') // this instance knows it is stored
      const volunteer = (await reveals(orderId)).filter((e) => e.actorId === uid('demo-volunteer-1'))
      expect(volunteer).toEqual([
        expect.objectContaining({ kind: 'contactRevealed', actorName: '张护士', actorRole: '已接单志愿者', targetId: orderId, unitId: 'unit-tanwei' }),
      ])
      // the next China-time day it is recorded again, once
      h.setNow(new Date('2026-03-02T17:00:00.000Z'))
      await h.ok('demo-volunteer-1', 'order', 'get', { orderId })
      await h.ok('demo-volunteer-1', 'order', 'get', { orderId })
      expect((await reveals(orderId)).filter((e) => e.actorId === uid('demo-volunteer-1'))).toHaveLength(2)
    })

    it("a manager's read and a manager's action are reveals; at most one small write, none once known", async () => {
      const order = await h.place()
      h.calls.length = 0
      await h.ok('demo-manager-suxi', 'order', 'get', { orderId: order.id })
      expect(h.calls.filter((c) => c === 'record')).toHaveLength(1)
      h.calls.length = 0
      await h.ok('demo-manager-suxi', 'order', 'get', { orderId: order.id })
      expect(h.calls).toEqual(['getUserByOpenid', 'loadOrder'])
      // the station's manager: by the dispatch's answer, in its write
      await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 1 })
      expect((await reveals(order.id)).map((e) => [e.actorName, e.actorRole])).toEqual(
        expect.arrayContaining([
          ['苏溪所李所长', '管理员'],
          ['滩尾村罗书记', '管理员'],
        ]),
      )
      expect(await reveals(order.id)).toHaveLength(2)
    })

    it('parallel reads by one viewer store one reveal', async () => {
      const order = await h.place()
      const answers = await Promise.all(Array.from({ length: 10 }, () => h.call('demo-manager-suxi', 'order', 'get', { orderId: order.id })))
      expect(answers.every((a) => a.ok && a.data.order.contactVisible)).toBe(true)
      expect(await reveals(order.id)).toHaveLength(1)
    })

    it('a fresh instance (no memory of what is stored) still stores one entry per viewer a day', async () => {
      const order = await h.place()
      await h.ok('demo-manager-suxi', 'order', 'get', { orderId: order.id })
      // the same store behind another instance: the insert is tried and refused as a duplicate
      const again = await h.stores.audit.record([(await reveals(order.id))[0]])
      expect(again).toBe(0)
      expect(await reveals(order.id)).toHaveLength(1)
    })

    it('not for the owner, the proxy who placed it, nor anyone who sees it masked; lists reveal nothing', async () => {
      const own = await h.place()
      await h.ok('demo-resident-1', 'order', 'get', { orderId: own.id })
      const proxied = await h.place('demo-proxy', { onBehalfOf: '张奶奶' })
      await h.ok('demo-proxy', 'order', 'get', { orderId: proxied.id })
      await h.ok('demo-proxy', 'order', 'cancel', { orderId: proxied.id })
      // a member of the team it is dispatched to, before claiming: masked, not a reveal
      const orderId = await dispatched()
      const seen = await h.ok('demo-volunteer-2', 'order', 'get', { orderId })
      expect(seen.order).toMatchObject({ phone: '138****1234', contactVisible: false })
      await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
      // lists: the contact masked for the claimer and the managers, shown to the owner; no write
      h.calls.length = 0
      const tasks = await h.ok('demo-volunteer-1', 'order', 'tasks', {})
      expect(tasks.items.find((o: { id: string }) => o.id === orderId)).toMatchObject({ phone: '138****1234', contactVisible: false })
      const mine = await h.ok('demo-resident-1', 'order', 'listMine', {})
      expect(mine.items.find((o: { id: string }) => o.id === orderId)).toMatchObject({ phone: '13800001234', contactVisible: true })
      const queue = await h.ok('demo-manager-tanwei', 'order', 'queue', {})
      expect(queue.items.find((o: { id: string }) => o.id === own.id)).toMatchObject({ contactVisible: false })
      expect(h.calls).not.toContain('record')
      expect(await reveals(own.id)).toEqual([])
      expect(await reveals(proxied.id)).toEqual([])
      expect((await reveals(orderId)).map((e) => e.actorName).sort()).toEqual(['张护士', '滩尾村罗书记'].sort())
    })
  })

  describe('order.reveals', () => {
    it('lists who saw it (name, role, when) to the resident, the proxy and the managers; refused to others', async () => {
      const orderId = await dispatched()
      await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
      const expected = [
        { viewerName: '张护士', viewerRole: '已接单志愿者', at: h.now().toISOString() },
        { viewerName: '滩尾村罗书记', viewerRole: '管理员', at: h.now().toISOString() },
      ]
      const byOwner = await h.ok('demo-resident-1', 'order', 'reveals', { orderId })
      expect([...byOwner.items].sort((a, b) => a.viewerName.localeCompare(b.viewerName))).toEqual(
        [...expected].sort((a, b) => a.viewerName.localeCompare(b.viewerName)),
      )
      // a manager above reads it too (and reading the list reveals nothing: it adds no entry)
      expect((await h.ok('demo-manager-suxi', 'order', 'reveals', { orderId })).items).toHaveLength(2)
      for (const openid of ['demo-volunteer-1', 'demo-volunteer-2', 'demo-resident-2', 'demo-manager-wushan', 'demo-leader-health']) {
        await refusedUnchanged(openid, 'order', 'reveals', { orderId }, 'FORBIDDEN')
      }
      await refusedUnchanged('demo-resident-1', 'order', 'reveals', { orderId: 'o-nowhere' }, 'NOT_FOUND')
      await refusedUnchanged('demo-resident-1', 'order', 'reveals', {}, 'INVALID_INPUT')

      const proxied = await h.place('demo-proxy', { onBehalfOf: '张奶奶' })
      await h.ok('demo-manager-tanwei', 'order', 'get', { orderId: proxied.id })
      expect((await h.ok('demo-proxy', 'order', 'reveals', { orderId: proxied.id })).items).toEqual([
        { viewerName: '滩尾村罗书记', viewerRole: '管理员', at: h.now().toISOString() },
      ])
    })
  })

  describe('store round trips', () => {
    it('user.audit: the profile and one page; order.reveals: the order read and one list', async () => {
      const orderId = await dispatched()
      h.calls.length = 0
      await h.ok('demo-admin', 'user', 'audit', {})
      expect(h.calls).toEqual(['getUserByOpenid', 'list'])
      h.calls.length = 0
      await h.ok('demo-resident-1', 'order', 'reveals', { orderId })
      expect(h.calls).toEqual(['getUserByOpenid', 'loadOrder', 'listByTarget'])
    })

    it('grantRole and updateLimits add one insert; upsertTeam adds a read of the two people and an insert, only when the leader changes', async () => {
      h.calls.length = 0
      await h.ok('demo-admin', 'user', 'grantRole', { userId: uid('demo-resident-2'), role: 'proxy' })
      expect(h.calls.filter((c) => c === 'record')).toHaveLength(1)
      const team = { id: 'team-xiaolao', name: '滩尾村孝老爱亲志愿服务队', themeIds: ['theme-elderly'], orgUnitId: 'unit-tanwei' }
      h.calls.length = 0
      await h.ok('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...team, leaderId: uid('demo-leader-xiaolao') })
      expect(h.calls).not.toContain('record')
      h.calls.length = 0
      await h.ok('demo-manager-tanwei', 'catalog', 'upsertTeam', { ...team, leaderId: uid('demo-volunteer-4') })
      expect(h.calls.slice(-2)).toEqual(['getUsers', 'record'])
    })
  })

  describe('claim/unclaim harvesting', () => {
    it('50 cycles by one volunteer: one claim and one unclaim on the timeline, one message to the resident', async () => {
      const orderId = await dispatched()
      const timelineBefore = (await h.ok('demo-resident-1', 'order', 'get', { orderId })).order.timeline.length
      for (let i = 0; i < 50; i++) {
        h.setNow(new Date(Date.parse('2026-03-02T02:00:00.000Z') + i * 1000))
        await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
        await h.ok('demo-volunteer-1', 'order', 'unclaim', { orderId })
      }
      const { order } = await h.ok('demo-resident-1', 'order', 'get', { orderId })
      const added = order.timeline.slice(timelineBefore)
      expect(added.map((e: { action: string; at: string }) => [e.action, e.at])).toEqual([
        ['claim', '2026-03-02T02:00:00.000Z'],
        ['unclaim', '2026-03-02T02:00:00.000Z'],
      ])
      expect(order.status).toBe('dispatched')
      const notes = await h.stores.notifications.listOrderNotifications(orderId)
      expect(notes.filter((n) => n.kind === 'claimed')).toHaveLength(1)
      // delivered: one 已接单 message in the resident's 消息
      await h.runCron(h.now())
      const inbox = await h.ok('demo-resident-1', 'inbox', 'list', { limit: 50 })
      expect(inbox.items.filter((m: { kind: string }) => m.kind === 'claimed')).toHaveLength(1)
      // one reveal entry for the day, not fifty
      expect((await reveals(orderId)).filter((e) => e.actorId === uid('demo-volunteer-1'))).toHaveLength(1)

      // claiming once more and serving it: the timeline says so, still without a second message
      await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
      await h.ok('demo-volunteer-1', 'order', 'complete', { orderId, hours: 1, beneficiaryCount: 1 })
      const done = (await h.ok('demo-resident-1', 'order', 'get', { orderId })).order
      expect(done.timeline.slice(timelineBefore).map((e: { action: string }) => e.action)).toEqual(['claim', 'unclaim', 'claim', 'complete'])
      expect((await h.stores.notifications.listOrderNotifications(orderId)).filter((n) => n.kind === 'claimed')).toHaveLength(1)
    })

    it('another volunteer claiming after a cycle is told to the resident', async () => {
      const orderId = await dispatched()
      await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
      await h.ok('demo-volunteer-1', 'order', 'unclaim', { orderId })
      await h.ok('demo-volunteer-2', 'order', 'claim', { orderId })
      const claimed = (await h.stores.notifications.listOrderNotifications(orderId)).filter((n) => n.kind === 'claimed')
      expect(claimed.map((n) => n.text)).toEqual([expect.stringContaining('张护士'), expect.stringContaining('李药师')])
    })
  })
})
