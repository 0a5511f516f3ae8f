import type { OrderStatus } from '~types'
import { createHarness, type Harness } from './harness'

/**
 * Every cell of the lifecycle table, through the real handlers: for each action, each state an order can be in,
 * and each kind of person, the call is allowed exactly where the table says, and refused with FORBIDDEN or
 * CONFLICT elsewhere, leaving the order as it was. The expectations are written out here by hand, apart from
 * the table in core/lifecycle.ts, so that a mistake in the table shows up as a failure. The rules themselves are
 * checked one by one, without a store, in test/unit/lifecycle.test.ts; this is the same table through the handlers.
 */

type Who = 'owner' | 'manager' | 'member' | 'leader' | 'claimer'
const EXPECTED: Record<string, { from: OrderStatus[]; who: Who[]; unless?: Who; payload: Record<string, unknown> }> = {
  escalate: { from: ['placed'], who: ['manager'], payload: {} },
  dispatch: { from: ['placed'], who: ['manager'], payload: { teamIds: ['team-health'], capacity: 2 } },
  recall: { from: ['dispatched', 'claimed'], who: ['manager'], payload: {} },
  decline: { from: ['dispatched'], who: ['leader'], payload: { reason: '队员外出培训，人手不足' } },
  reject: { from: ['placed'], who: ['manager'], payload: { reason: '不属于志愿服务范围' } },
  cancel: { from: ['placed', 'dispatched', 'claimed'], who: ['owner'], payload: { reason: '家里人已经带老人去看过了' } },
  claim: { from: ['dispatched', 'claimed'], who: ['member'], unless: 'claimer', payload: {} },
  unclaim: { from: ['claimed'], who: ['claimer'], payload: {} },
  complete: { from: ['claimed'], who: ['claimer', 'leader'], payload: { hours: 2, beneficiaryCount: 2 } },
  rate: { from: ['completed'], who: ['owner'], payload: { stars: 4 } },
}

/** The people, and how each stands to an order dispatched to 县卫生健康志愿服务分队 and claimed by 张护士. */
const ACTORS: Record<string, { openid: string; relations: (s: OrderStatus) => Who[] }> = {
  owner: { openid: 'demo-resident-1', relations: () => ['owner'] },
  stationManager: { openid: 'demo-manager-tanwei', relations: () => ['manager'] },
  instituteManager: { openid: 'demo-manager-suxi', relations: () => ['manager'] },
  admin: { openid: 'demo-admin', relations: () => ['manager'] },
  otherManager: { openid: 'demo-manager-wushan', relations: () => [] },
  member: { openid: 'demo-volunteer-2', relations: (s) => (hasTeams(s) ? ['member'] : []) },
  leader: { openid: 'demo-leader-health', relations: (s) => (hasTeams(s) ? ['member', 'leader'] : []) },
  claimer: {
    openid: 'demo-volunteer-1',
    relations: (s) => (hasClaims(s) ? ['member', 'claimer'] : hasTeams(s) ? ['member'] : []),
  },
  stranger: { openid: 'demo-resident-2', relations: () => [] },
  otherTeamVolunteer: { openid: 'demo-volunteer-6', relations: () => [] },
}
const hasTeams = (s: OrderStatus) => ['dispatched', 'claimed', 'completed', 'rated', 'closed'].includes(s)
const hasClaims = (s: OrderStatus) => ['claimed', 'completed', 'rated', 'closed'].includes(s)

const STATES: OrderStatus[] = ['placed', 'dispatched', 'claimed', 'completed', 'rated', 'closed', 'rejected', 'cancelled']

/** Brings a fresh order into the given state through the real actions. */
async function orderIn(h: Harness, status: OrderStatus): Promise<string> {
  const { id } = await h.place('demo-resident-1')
  const m = 'demo-manager-tanwei'
  if (status === 'rejected') await h.ok(m, 'order', 'reject', { orderId: id, reason: '重复点单' })
  if (status === 'cancelled') await h.ok('demo-resident-1', 'order', 'cancel', { orderId: id })
  if (['placed', 'rejected', 'cancelled'].includes(status)) return id
  await h.ok(m, 'order', 'dispatch', { orderId: id, teamIds: ['team-health'], capacity: 2 })
  if (status === 'dispatched') return id
  await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: id })
  if (status === 'claimed') return id
  await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: id, hours: 1, beneficiaryCount: 1 })
  if (status === 'completed') return id
  if (status === 'rated') {
    await h.ok('demo-resident-1', 'order', 'rate', { orderId: id, stars: 5 })
    return id
  }
  h.setNow(new Date(h.now().getTime() + 1000))
  const res = await h.runCron(new Date(h.now().getTime() + 30 * 24 * 3600 * 1000))
  expect(res.ok).toBe(true)
  return id
}

describe('lifecycle table, cell by cell', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness()
  })
  afterAll(() => h.close())

  for (const [action, rule] of Object.entries(EXPECTED)) {
    describe(action, () => {
      for (const status of STATES) {
        it(`from ${status}`, async () => {
          // a refused call leaves the order as it was (asserted below), so the next person tries the same order;
          // only after an allowed call does the next one need a fresh order in this state
          let current: { orderId: string; before: any } | null = null
          for (const [name, actor] of Object.entries(ACTORS)) {
            if (!current) {
              const orderId = await orderIn(h, status)
              current = { orderId, before: (await h.ok('demo-admin', 'order', 'get', { orderId })).order }
            }
            const { orderId, before }: { orderId: string; before: any } = current
            expect(before.status).toBe(status)
            const relations = actor.relations(status)
            const allowed =
              rule.from.includes(status) &&
              relations.some((r) => rule.who.includes(r)) &&
              !(rule.unless && relations.includes(rule.unless))
            const res = await h.call(actor.openid, 'order', action, { orderId, ...rule.payload })
            const cell = `${action} from ${status} by ${name}`
            if (allowed) {
              expect({ cell, ok: res.ok, error: res.ok ? null : res.error }).toEqual({ cell, ok: true, error: null })
              expect(res.ok && res.data.order.version).toBe(before.version + 1)
              current = null
            } else {
              expect({ cell, ok: res.ok }).toEqual({ cell, ok: false })
              if (!res.ok) expect({ cell, code: ['FORBIDDEN', 'CONFLICT'].includes(res.error.code) }).toEqual({ cell, code: true })
              const after = (await h.ok('demo-admin', 'order', 'get', { orderId })).order
              expect(after).toEqual(before)
              current = { orderId, before: after }
            }
          }
        })
      }
    })
  }

  it('a claim beyond capacity is refused with a clear message', async () => {
    const orderId = await orderIn(h, 'claimed')
    await h.ok('demo-volunteer-2', 'order', 'claim', { orderId })
    const res = await h.call('demo-volunteer-3', 'order', 'claim', { orderId })
    expect(res).toEqual({ ok: false, error: { code: 'CONFLICT', message: '名额已满，这一单已被其他志愿者接走' } })
  })

  it('unclaiming the last claim puts the order back to 待接单; decline by the only team returns it to the queue', async () => {
    const orderId = await orderIn(h, 'claimed')
    const { order } = await h.ok('demo-volunteer-1', 'order', 'unclaim', { orderId })
    expect(order).toMatchObject({ status: 'dispatched', claims: [] })
    const declined = await h.ok('demo-leader-health', 'order', 'decline', { orderId, reason: '人手不足' })
    expect(declined.order).toMatchObject({ status: 'placed', teamIds: [], reason: '人手不足' })
  })

  it('cancelling after dispatch needs a reason', async () => {
    const orderId = await orderIn(h, 'dispatched')
    const res = await h.call('demo-resident-1', 'order', 'cancel', { orderId })
    expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '订单已派出，取消时请说明原因' } })
  })
})
