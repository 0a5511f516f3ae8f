/**
 * The scheduled 回访 reminder and escalation (issue 11) through the local host over HTTP: a rated order with an open
 * 回访 of 滩尾村, the job run by POST /api/dev/cron past dueAt + FOLLOW_UP_ESCALATE_HOURS, twice: one reminder to the
 * station's managers and one escalation to 苏溪所's, recorded once.
 */
import { FOLLOW_UP_ESCALATE_HOURS } from '~core/config'
import type { Order } from '~types'
import { makeOrder } from '../store/fixtures'
import { type LocalHost, openLocalHost } from '~test/support/local-host'

const HOUR = 3600_000

describe('回访 reminders by the scheduled job, over HTTP', () => {
  let local: Awaited<ReturnType<typeof openLocalHost>>
  let host: LocalHost
  beforeAll(async () => {
    local = await openLocalHost('follow-up')
    host = local.host
  })
  afterAll(() => local?.close())

  const post = (url: string, body: unknown, token?: string) => local.post(url, body, token)
  const login = (openid: string) => local.login(openid)
  const notices = () =>
    (host.stores.db.prepare("SELECT doc FROM notifications WHERE id LIKE 'followUp:%'").all() as { doc: string }[]).map((r) => JSON.parse(r.doc))

  it('past dueAt + 24 h, two runs: one reminder to the station, one escalation to the 所, nothing more', async () => {
    const admin = await login('demo-admin')
    const ratedAt = Date.now() + HOUR
    const dueAt = new Date(ratedAt + 72 * HOUR).toISOString()
    const order: Order = {
      ...makeOrder({ status: 'rated', title: '量血压' }),
      orgUnitId: 'unit-tanwei',
      unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'],
      followUp: { unitId: 'unit-tanwei', stars: 2, openedAt: new Date(ratedAt).toISOString(), dueAt, status: 'open', attempts: [], closedAt: null, outcome: null },
    }
    expect((await host.stores.orders.insertOrder(order)).created).toBe(true)

    // before dueAt: nothing
    expect((await post('/api/dev/cron', { now: new Date(ratedAt + 71 * HOUR).toISOString() }, admin)).status).toBe(200)
    expect(notices()).toEqual([])
    const past = Date.parse(dueAt) + (FOLLOW_UP_ESCALATE_HOURS + 1) * HOUR
    for (const run of [0, 1]) {
      const res = await post('/api/dev/cron', { now: new Date(past + run * 60_000).toISOString() }, admin)
      expect(res.status).toBe(200)
    }
    const sent = notices().map((n) => [n.kind, n.unitIds])
    expect(sent.sort()).toEqual([
      ['followUpDue', ['unit-tanwei']],
      ['followUpEscalated', ['unit-suxi']],
    ])
  })
})
