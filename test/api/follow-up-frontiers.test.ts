/**
 * The scheduled job's 回访 reads (issue 11) through the handler, with a batch of 2: each notice has its frontier, which
 * goes on from where the last run stopped and never starts over, so 回访 left open for weeks are not read again and
 * again ahead of a newly due one, and an escalation owed after the reminder frontier has passed still comes.
 */
import { FOLLOW_UP_ESCALATE_HOURS } from '~core/config'
import type { CronReport, FollowUp, Order } from '~types'
import { UNLIMITED_POLICY } from '~test/support/policy'
import { makeOrder } from '../store/fixtures'
import { createHarness, type Harness } from './harness'

const HOUR = 3_600_000
const T = Date.parse('2026-03-10T00:00:00.000Z')

function openFollowUp(title: string, dueAt: number): Order {
  const followUp: FollowUp = {
    unitId: 'unit-tanwei',
    stars: 2,
    openedAt: new Date(dueAt - 72 * HOUR).toISOString(),
    dueAt: new Date(dueAt).toISOString(),
    status: 'open',
    attempts: [],
    closedAt: null,
    outcome: null,
  }
  return { ...makeOrder({ status: 'rated', title }), orgUnitId: 'unit-tanwei', unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'], followUp }
}

describe('回访 frontiers of the scheduled job', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness({ ...UNLIMITED_POLICY, cron: { ...UNLIMITED_POLICY.cron, batch: 2 } })
  })
  afterEach(() => h.close())

  const run = async (at: number): Promise<CronReport> => {
    const res = await h.runCron(new Date(at))
    if (!res.ok) throw new Error(res.error.message)
    return res.data as CronReport
  }
  const noticesOf = (kind: string) =>
    (h.stores.db.prepare('SELECT doc FROM notifications').all() as { doc: string }[])
      .map((r) => JSON.parse(r.doc))
      .filter((n) => n.kind === kind)
      .map((n) => n.orderId as string)
      .sort()

  it('a newly due 回访 is reminded at the next run, however many old ones stay open', async () => {
    const old = Array.from({ length: 5 }, (_, i) => openFollowUp(`旧回访${i}`, T - (10 * 24 - i) * HOUR))
    for (const o of old) await h.stores.orders.insertOrder(o)
    const reads: number[] = []
    for (let i = 0; i < 3; i++) reads.push((await run(T + i * 60_000)).read.followUps)
    // two full pages, then the short tail of one; every old one reminded and escalated once
    expect(reads).toEqual([2, 2, 1])
    expect(noticesOf('followUpDue')).toEqual(old.map((o) => o.id).sort())
    expect(noticesOf('followUpEscalated')).toEqual(old.map((o) => o.id).sort())

    const fresh = openFollowUp('新到期的回访', T + 5 * 60_000)
    await h.stores.orders.insertOrder(fresh)
    const next = await run(T + 6 * 60_000)
    // the tail again and the new one: not the old ones from the start
    expect(next.read.followUps).toBe(2)
    expect(noticesOf('followUpDue')).toContain(fresh.id)
    expect(noticesOf('followUpEscalated')).not.toContain(fresh.id)
  })

  it('an escalation owed after the reminder frontier passed its 回访 still comes, once', async () => {
    const a = openFollowUp('回访甲', T)
    const b = openFollowUp('回访乙', T + 1)
    const c = openFollowUp('回访丙', T + 2)
    for (const o of [a, b, c]) await h.stores.orders.insertOrder(o)
    // an hour past due: reminders only; the reminder frontier moves past the full page of a and b
    await run(T + HOUR)
    expect(noticesOf('followUpDue')).toEqual([a.id, b.id].sort())
    await run(T + HOUR + 60_000)
    expect(noticesOf('followUpDue')).toEqual([a.id, b.id, c.id].sort())
    expect(noticesOf('followUpEscalated')).toEqual([])
    // past dueAt + FOLLOW_UP_ESCALATE_HOURS: the escalation frontier reaches them
    const late = T + (FOLLOW_UP_ESCALATE_HOURS + 1) * HOUR
    const first = await run(late)
    expect(first.read['followUps:escalate']).toBe(2)
    await run(late + 60_000)
    expect(noticesOf('followUpEscalated')).toEqual([a.id, b.id, c.id].sort())
    const reminded = (await run(late + 120_000)).reminded
    expect(reminded).toBe(0)
    expect(noticesOf('followUpEscalated')).toHaveLength(3)
  })
})
