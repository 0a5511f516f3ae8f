import { DEFAULT_POLICY, RATE_LIMITS_OFF } from '~core/config'
import type { CronReport } from '~types'
import { createHarness, type Harness, uid } from './harness'

const HOUR = 3600 * 1000

describe('the scheduled job applies every limit, idempotently (injected clock)', () => {
  let h: Harness
  let t0: number
  const at = (hours: number) => new Date(t0 + hours * HOUR)
  const run = async (hours: number) => {
    const res = await h.runCron(at(hours))
    if (!res.ok) throw new Error(res.error.message)
    return res.data
  }
  const order = async (id: string) => (await h.stores.orders.loadOrder(id)).order!
  // the scheduled job's own notifications (the order actions record theirs too: test/api/notify.test.ts)
  const ORDER_ACTION_KINDS = ['dispatched', 'newTask', 'claimed', 'completed', 'cancelled', 'taskCancelled', 'rejected']
  const notes = async (id: string) => (await h.stores.notifications.listOrderNotifications(id)).filter((n) => !ORDER_ACTION_KINDS.includes(n.kind))

  beforeEach(async () => {
    h = await createHarness()
    t0 = h.now().getTime()
  })
  afterEach(() => h.close())

  it('undispatched: nothing before the limit, one reminder after it, and a second run changes nothing', async () => {
    const { id } = await h.place('demo-resident-1')
    expect(await run(23.9)).toMatchObject({ reminded: 0, escalated: 0 })
    expect(await notes(id)).toEqual([])

    expect(await run(24)).toMatchObject({ reminded: 1, escalated: 0 })
    const [reminder] = await notes(id)
    expect(reminder).toMatchObject({
      id: `remind:undispatched:${id}:v1`,
      kind: 'remindUndispatched',
      orderId: id,
      unitIds: ['unit-tanwei'],
      userIds: [],
      at: at(24).toISOString(),
      dueAt: at(24).toISOString(),
      // delivered by the same run (to the inbox of the station's managers)
      status: 'delivered',
    })
    expect(reminder.text).toContain('已等待派单超过24小时')

    const before = h.dump()
    expect(await run(24)).toMatchObject({ reminded: 0, escalated: 0 })
    expect(await run(30)).toMatchObject({ reminded: 0, escalated: 0 })
    expect(h.dump()).toBe(before)
  })

  it('escalates once per level after the limit, and stops at the center (which is only reminded)', async () => {
    const { id } = await h.place('demo-resident-1')
    expect(await run(48)).toMatchObject({ escalated: 1 })
    const up = await order(id)
    expect(up).toMatchObject({ status: 'placed', orgUnitId: 'unit-suxi', unitPath: ['unit-center', 'unit-suxi'], version: 2 })
    expect(up.timeline.at(-1)).toMatchObject({ action: 'escalate', actorName: '系统', at: at(48).toISOString() })
    expect(await notes(id)).toEqual([
      expect.objectContaining({ id: `escalated:${id}:v1`, kind: 'escalated', unitIds: ['unit-suxi', 'unit-tanwei'] }),
      // and the resident hears of it too
      expect.objectContaining({ id: `orderEscalated:${id}:v2`, kind: 'orderEscalated', userIds: [uid('demo-resident-1')] }),
    ])
    // a second run at the same instant, or a retried one, escalates nothing more
    const before = h.dump()
    expect(await run(48)).toMatchObject({ escalated: 0, reminded: 0 })
    expect(h.dump()).toBe(before)
    // it waits its full period at the institute: reminded after 24 h there, escalated after 48 h
    expect(await run(48 + 23)).toMatchObject({ escalated: 0, reminded: 0 })
    expect(await run(48 + 24)).toMatchObject({ escalated: 0, reminded: 1 })
    expect(await run(96)).toMatchObject({ escalated: 1 })
    expect((await order(id)).orgUnitId).toBe('unit-center')
    // at the center: a reminder once, never an escalation, however long it waits
    expect(await run(96 + 24)).toMatchObject({ escalated: 0, reminded: 1 })
    expect(await run(96 + 1000)).toMatchObject({ escalated: 0, reminded: 0 })
    const final = await order(id)
    expect(final).toMatchObject({ orgUnitId: 'unit-center', version: 3 })
    expect((await notes(id)).map((n) => n.id)).toEqual([
      `escalated:${id}:v1`,
      `orderEscalated:${id}:v2`,
      `remind:undispatched:${id}:v2`,
      `escalated:${id}:v2`,
      `orderEscalated:${id}:v3`,
      `remind:undispatched:${id}:v3`,
    ])
    // the escalated order is in the parent's queue (the center's), no longer the station's
    const queue = await h.ok('demo-manager-center', 'order', 'queue')
    expect(queue.items.map((o: any) => o.id)).toContain(id)
  })

  it('unclaimed: the team leader is reminded once, then the order returns to the dispatching unit’s queue', async () => {
    const { id } = await h.place('demo-resident-1')
    h.setNow(at(1))
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: id, teamIds: ['team-xiaolao'] })
    expect(await run(1 + 23.5)).toMatchObject({ reminded: 0, recalled: 0 })
    expect(await run(1 + 24)).toMatchObject({ reminded: 1, recalled: 0 })
    expect(await notes(id)).toEqual([
      expect.objectContaining({ id: `remind:unclaimed:${id}:v2`, kind: 'remindUnclaimed', userIds: [uid('demo-leader-xiaolao')], unitIds: [] }),
    ])
    expect(await run(1 + 24)).toMatchObject({ reminded: 0, recalled: 0 })

    expect(await run(1 + 72)).toMatchObject({ recalled: 1 })
    const back = await order(id)
    expect(back).toMatchObject({ status: 'placed', orgUnitId: 'unit-tanwei', teamIds: [], claims: [], version: 3 })
    expect(back.timeline.at(-1)).toMatchObject({ action: 'recall', actorName: '系统', from: 'dispatched', to: 'placed' })
    expect((await notes(id)).at(-1)).toMatchObject({ id: `recalled:${id}:v2`, unitIds: ['unit-tanwei'], userIds: [uid('demo-leader-xiaolao')] })
    const before = h.dump()
    expect(await run(1 + 72)).toMatchObject({ recalled: 0, reminded: 0, escalated: 0 })
    expect(h.dump()).toBe(before)
    // back in the station's queue, its undispatched clock starting again
    const queue = await h.ok('demo-manager-tanwei', 'order', 'queue')
    expect(queue.items.map((o: any) => o.id)).toContain(id)
  })

  it('a claimed order is never recalled nor reminded as unclaimed', async () => {
    const { id } = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: id, teamIds: ['team-xiaolao'], capacity: 2 })
    await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: id })
    expect(await run(500)).toMatchObject({ recalled: 0, reminded: 0 })
    expect((await order(id)).status).toBe('claimed')
  })

  it('a station’s own limits beat the inherited ones', async () => {
    await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', remindUndispatchedHours: 1, escalateUndispatchedHours: 2 })
    const tanwei = await h.place('demo-resident-1')
    const jiangbin = await h.place('demo-resident-2')
    expect(await run(1)).toMatchObject({ reminded: 1, escalated: 0 })
    expect(await run(2)).toMatchObject({ reminded: 0, escalated: 1 })
    expect((await order(tanwei.id)).orgUnitId).toBe('unit-suxi')
    expect((await order(jiangbin.id)).orgUnitId).toBe('unit-jiangbin')
    expect(await notes(jiangbin.id)).toEqual([])
  })

  it('auto-close pays points once, however often the job runs', async () => {
    const { id } = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: id, teamIds: ['team-xiaolao'] })
    await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: id })
    await h.ok('demo-volunteer-3', 'order', 'complete', { orderId: id, hours: 2, beneficiaryCount: 1 })
    // not checked in on site: the manager approves the hours (补录), so the auto-close pays them
    await h.ok('demo-manager-tanwei', 'order', 'approveHours', { orderId: id, volunteerId: uid('demo-volunteer-3'), hours: 2, reason: '队长证明' })
    expect(await run(7 * 24 - 1)).toMatchObject({ autoClosed: 0 })
    expect(await run(7 * 24)).toMatchObject({ autoClosed: 1 })
    expect(await run(7 * 24)).toMatchObject({ autoClosed: 0 })
    expect(await run(30 * 24)).toMatchObject({ autoClosed: 0 })
    expect((await order(id)).status).toBe('closed')
    expect((await h.ok('demo-volunteer-3', 'points', 'balance')).balance).toBe(15 + 2 * 5)
  })

  it('before the preferred time: managers are alerted once about an order short of volunteers, its claimers that it is about to start', async () => {
    const preferredAt = at(72).toISOString()
    const { id } = await h.place('demo-resident-1', { preferredAt })
    const filled = await h.place('demo-resident-1', { preferredAt })
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: filled.id, teamIds: ['team-xiaolao'] })
    await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: filled.id })
    // 24 h before: the unfilled one alerts (its undispatched reminder and escalation come due too)
    expect(await run(47.9)).toMatchObject({ alerted: 0 })
    expect(await run(48)).toMatchObject({ alerted: 2 })
    expect((await notes(id)).find((n) => n.kind === 'alertPreferred')).toMatchObject({
      id: `alert:preferred:${id}:${preferredAt}`,
      dueAt: at(48).toISOString(),
    })
    // the filled one: only its volunteer hears that it is about to start; the managers need do nothing
    expect((await notes(filled.id)).filter((n) => n.kind === 'alertPreferred')).toEqual([
      expect.objectContaining({ userIds: [uid('demo-volunteer-3')], unitIds: [], text: expect.stringContaining('开始服务') }),
    ])
    // once, whatever happens to the order meanwhile (it escalated at 48 h)
    expect(await run(48)).toMatchObject({ alerted: 0 })
    expect(await run(71)).toMatchObject({ alerted: 0 })
    expect((await notes(id)).filter((n) => n.kind === 'alertPreferred')).toHaveLength(1)
  })

  it('only the system may run it', async () => {
    expect(await h.call('demo-admin', 'cron', 'run', { now: at(100).toISOString() })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})

describe('bounded batches that pick up where they left off', () => {
  it('orders that stay stale (reminded at the center) do not starve the rest', async () => {
    const h = await createHarness({ ...DEFAULT_POLICY, cron: { ...DEFAULT_POLICY.cron, batch: 2 } })
    try {
      // five orders at the center: they are reminded, never escalated, so they stay stale for good
      for (let i = 0; i < 5; i++) {
        h.setNow(new Date(Date.parse('2026-03-02T01:00:00.000Z') + i * 1000))
        await h.place('demo-resident-1')
      }
      const placed = (await h.stores.orders.listStale('placed', '2027-01-01T00:00:00.000Z', 10)).map((o) => o.id)
      // move them to the center, as if escalated twice already
      for (const id of placed) {
        await h.ok('demo-manager-tanwei', 'order', 'escalate', { orderId: id })
        await h.ok('demo-manager-suxi', 'order', 'escalate', { orderId: id })
      }
      const when = new Date(Date.parse('2026-03-10T00:00:00.000Z'))
      const reminded: number[] = []
      const read: number[] = []
      for (let i = 0; i < 4; i++) {
        const res = await h.runCron(when)
        if (!res.ok) throw new Error(res.error.message)
        const report = res.data as CronReport
        reminded.push(report.reminded)
        read.push(report.read.placed)
      }
      // 2 + 2 + 1, then the sweep starts over and finds them all reminded
      expect(read).toEqual([2, 2, 1, 2])
      expect(reminded).toEqual([2, 2, 1, 0])
      // (the two escalations by hand told the resident; the job itself reminded each order once)
      for (const id of placed) {
        const kinds = (await h.stores.notifications.listOrderNotifications(id)).map((n) => n.kind)
        expect(kinds.filter((k) => k !== 'orderEscalated')).toEqual(['remindUndispatched'])
      }
    } finally {
      h.close()
    }
  })

  it('a backlog larger than the batch never delays a deadline: each order is judged at its own, oldest deadline first', async () => {
    const h = await createHarness({ ...DEFAULT_POLICY, rateLimits: RATE_LIMITS_OFF, cron: { ...DEFAULT_POLICY.cron, batch: 2 } })
    const T0 = Date.parse('2026-03-02T01:00:00.000Z')
    try {
      // twenty orders at the center, reminded for good (they never escalate) and so always stale: a backlog of 20 > 2
      const backlog: string[] = []
      for (let i = 0; i < 20; i++) {
        h.setNow(new Date(T0 + i * 1000))
        const { id } = await h.place('demo-resident-1')
        await h.ok('demo-manager-tanwei', 'order', 'escalate', { orderId: id })
        await h.ok('demo-manager-suxi', 'order', 'escalate', { orderId: id })
        backlog.push(id)
      }
      // the real order, an hour later, at a station: its escalation deadline is T0 + 49 h
      h.setNow(new Date(T0 + HOUR))
      const real = await h.place('demo-resident-2')
      // the job every 5 minutes, as on WeChat Cloud, from the first reminders to past the deadline
      const escalatedAt: number[] = []
      const FIVE_MINUTES = 5 * 60_000
      for (let t = T0 + 24 * HOUR; t <= T0 + 50 * HOUR; t += FIVE_MINUTES) {
        const res = await h.runCron(new Date(t))
        if (!res.ok) throw new Error(res.error.message)
        if ((res.data as CronReport).escalated > 0) escalatedAt.push((t - T0) / HOUR)
      }
      // (the round alone, 2 of the 21 stale orders a run, reached it 8 runs late: at 49.67 h)
      expect(escalatedAt).toEqual([49])
      const stored = (await h.stores.orders.loadOrder(real.id)).order!
      expect(stored.timeline.at(-1)).toMatchObject({ action: 'escalate', actorId: 'system', at: new Date(T0 + 49 * HOUR).toISOString() })
      // and every backlog order was reminded exactly once
      for (const id of backlog) {
        const kinds = (await h.stores.notifications.listOrderNotifications(id)).map((n) => n.kind)
        expect(kinds.filter((k) => k === 'remindUndispatched')).toHaveLength(1)
      }
    } finally {
      h.close()
    }
  })

  it('a backlog of due orders larger than the batch is caught up over later runs in deadline order', async () => {
    const h = await createHarness({ ...DEFAULT_POLICY, cron: { ...DEFAULT_POLICY.cron, batch: 2 } })
    const T0 = Date.parse('2026-03-02T01:00:00.000Z')
    try {
      // five orders a minute apart, all past their escalation deadline: the job was down for 3 days
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        h.setNow(new Date(T0 + i * 60_000))
        ids.push((await h.place(`demo-resident-${(i % 4) + 1}`)).id)
      }
      const order: string[] = []
      for (let run = 0; run < 4; run++) {
        const when = new Date(T0 + 72 * HOUR + run * 5 * 60_000)
        const res = await h.runCron(when)
        if (!res.ok) throw new Error(res.error.message)
        for (const id of ids) {
          const o = (await h.stores.orders.loadOrder(id)).order!
          if (o.timeline.at(-1)!.action === 'escalate' && !order.includes(id)) order.push(id)
        }
      }
      expect(order).toEqual(ids)
    } finally {
      h.close()
    }
  })

  it('open orders whose preferred time is long past never delay the alert of an order whose time is near', async () => {
    const h = await createHarness({ ...DEFAULT_POLICY, rateLimits: RATE_LIMITS_OFF, cron: { ...DEFAULT_POLICY.cron, batch: 2 } })
    const T0 = Date.parse('2026-03-02T01:00:00.000Z')
    try {
      // ten orders wanted on day one and never served: open for good, their preferred time past
      for (let i = 0; i < 10; i++) await h.place('demo-resident-1', { preferredAt: new Date(T0 + 2 * HOUR + i * 60_000).toISOString() })
      const day = (n: number) => new Date(T0 + n * 24 * HOUR)
      for (let i = 0; i < 6; i++) await h.runCron(new Date(T0 + i * HOUR))
      // days later, a new order wanted in 20 hours
      h.setNow(day(5))
      const real = await h.place('demo-resident-2', { preferredAt: new Date(day(5).getTime() + 20 * HOUR).toISOString() })
      const res = await h.runCron(new Date(day(5).getTime() + 5 * 60_000))
      if (!res.ok) throw new Error(res.error.message)
      expect((await h.stores.notifications.listOrderNotifications(real.id)).map((n) => n.kind)).toContain('alertPreferred')
    } finally {
      h.close()
    }
  })
})
