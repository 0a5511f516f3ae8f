import type { OrderAnswer, OrderItem, TransitionActionName } from '~types'
import { createHarness, type Harness } from './harness'

/**
 * Every order write answers with the caller's offer (actions, reasonRequired), so the app needs no order.get after
 * a tap; list items carry it too. Where the caller may still read the order, the offer is the one order.get gives.
 */

type Offer = { actions: TransitionActionName[]; reasonRequired: TransitionActionName[]; showsCheckinCode?: true }
const offerOf = (a: Offer): Offer => ({ actions: a.actions, reasonRequired: a.reasonRequired, ...(a.showsCheckinCode ? { showsCheckinCode: true as const } : {}) })

describe('every order write answers with the caller’s offer', () => {
  let h: Harness
  const answers: Record<string, { answer: OrderAnswer & { awards?: unknown[] }; get: Awaited<ReturnType<Harness['call']>> }> = {}

  beforeAll(async () => {
    h = await createHarness()
    const write = async (openid: string, action: string, payload: Record<string, unknown>) => {
      const answer = await h.ok<OrderAnswer>(openid, 'order', action, payload)
      // what order.get would have told the same caller right after the write
      answers[action] = { answer, get: await h.call(openid, 'order', 'get', { orderId: answer.order.id }) }
      return answer
    }
    const place = { menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组', phone: '13800001234', beneficiaryCount: 2, confirmDuplicate: true }
    const orderId = (await write('demo-resident-1', 'place', place)).order.id
    await write('demo-manager-tanwei', 'escalate', { orderId })
    await h.ok('demo-manager-suxi', 'order', 'dispatch', { orderId, teamIds: ['team-health', 'team-xiaolao'], capacity: 2 })
    await write('demo-manager-suxi', 'recall', { orderId })
    await write('demo-manager-suxi', 'dispatch', { orderId, teamIds: ['team-health', 'team-xiaolao'], capacity: 2 })
    await write('demo-leader-xiaolao', 'decline', { orderId, reason: '人手不足' })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId })
    await write('demo-volunteer-1', 'unclaim', { orderId })
    await write('demo-volunteer-1', 'claim', { orderId })
    await write('demo-volunteer-1', 'complete', { orderId, hours: 2, beneficiaryCount: 2 })
    await write('demo-resident-1', 'rate', { orderId, stars: 5 })
    const second = (await h.ok<OrderAnswer>('demo-resident-1', 'order', 'place', place)).order.id
    await write('demo-manager-tanwei', 'reject', { orderId: second, reason: '重复点单' })
    const third = (await h.ok<OrderAnswer>('demo-resident-1', 'order', 'place', place)).order.id
    await write('demo-resident-1', 'cancel', { orderId: third })
  })
  afterAll(() => h.close())

  /** What each caller may do next on the order their write left, written out by hand. */
  const EXPECTED: Array<[action: string, offer: Offer]> = [
    ['place', { actions: ['cancel'], reasonRequired: [] }],
    // escalated to 苏溪镇: the station's manager no longer handles it
    ['escalate', { actions: [], reasonRequired: [] }],
    ['recall', { actions: ['escalate', 'dispatch', 'reject'], reasonRequired: ['reject'] }],
    // dispatched: the manager may also show the check-in code (issue 10)
    ['dispatch', { actions: ['recall'], reasonRequired: [], showsCheckinCode: true }],
    // the declining team is off the order: its leader has nothing left to do on it
    ['decline', { actions: [], reasonRequired: [] }],
    ['unclaim', { actions: ['claim'], reasonRequired: [] }],
    ['claim', { actions: ['unclaim', 'complete', 'checkIn'], reasonRequired: [] }],
    ['complete', { actions: [], reasonRequired: [] }],
    ['rate', { actions: [], reasonRequired: [] }],
    ['reject', { actions: [], reasonRequired: [] }],
    ['cancel', { actions: [], reasonRequired: [] }],
  ]

  it.each(EXPECTED)('%s answers the order and the caller’s actions', async (action, expected) => {
    const { answer, get } = answers[action]
    const keys = action === 'rate' ? ['actions', 'awards', 'order', 'reasonRequired'] : ['actions', 'order', 'reasonRequired']
    expect(Object.keys(answer).sort()).toEqual(expected.showsCheckinCode ? [...keys, 'showsCheckinCode'].sort() : keys)
    expect(offerOf(answer)).toEqual(expected)
    if (get.ok) {
      expect(offerOf(get.data)).toEqual(offerOf(answer))
      expect(get.data.order).toEqual(answer.order)
    } else {
      expect(get.error.code).toBe('FORBIDDEN')
    }
  })

  it('rate also says what it paid', () => {
    expect(answers.rate.answer.awards).toHaveLength(1)
  })
})

describe('list items carry the caller’s offer', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  const offerOfItem = (items: OrderItem[], id: string): Offer => offerOf(items.find((o) => o.id === id)!)
  const offerOfGet = async (openid: string, orderId: string) => offerOf(await h.ok(openid, 'order', 'get', { orderId }))

  it('my orders (listMine): a dispatched order asks for a reason to cancel', async () => {
    const placed = await h.place()
    const dispatched = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: dispatched.id, teamIds: ['team-health'] })
    const { items } = await h.ok<{ items: OrderItem[] }>('demo-resident-1', 'order', 'listMine')
    expect(offerOfItem(items, placed.id)).toEqual({ actions: ['cancel'], reasonRequired: [] })
    // dispatched: the resident may show the check-in code where the service happens (issue 10)
    expect(offerOfItem(items, dispatched.id)).toEqual({ actions: ['cancel'], reasonRequired: ['cancel'], showsCheckinCode: true })
    expect(items.every((o) => Array.isArray(o.actions) && Array.isArray(o.reasonRequired))).toBe(true)
  })

  it('the queue (queue): a placed order offers escalate, dispatch and reject (with a reason)', async () => {
    const order = await h.place()
    const { items } = await h.ok<{ items: OrderItem[] }>('demo-manager-tanwei', 'order', 'queue')
    expect(offerOfItem(items, order.id)).toEqual({ actions: ['escalate', 'dispatch', 'reject'], reasonRequired: ['reject'] })
    expect(offerOfItem(items, order.id)).toEqual(await offerOfGet('demo-manager-tanwei', order.id))
  })

  it('the task hall (tasks): a member may claim; the leader may also decline, as order.get says', async () => {
    const order = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    const member = await h.ok<{ items: OrderItem[] }>('demo-volunteer-2', 'order', 'tasks')
    expect(offerOfItem(member.items, order.id)).toEqual({ actions: ['claim'], reasonRequired: [] })
    const leader = await h.ok<{ items: OrderItem[] }>('demo-leader-health', 'order', 'tasks')
    expect(offerOfItem(leader.items, order.id)).toEqual({ actions: ['decline', 'claim'], reasonRequired: ['decline'], showsCheckinCode: true })
    expect(offerOfItem(leader.items, order.id)).toEqual(await offerOfGet('demo-leader-health', order.id))
    // once claimed by someone else and full, the member has nothing to claim; the claimer's own task offers the rest
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: order.id })
    await h.ok('demo-volunteer-3', 'order', 'claim', { orderId: order.id })
    const full = await h.ok<{ items: OrderItem[] }>('demo-volunteer-2', 'order', 'tasks')
    expect(full.items.find((o) => o.id === order.id)?.actions ?? []).toEqual([])
    const claimer = await h.ok<{ items: OrderItem[] }>('demo-volunteer-1', 'order', 'tasks')
    expect(offerOfItem(claimer.items, order.id)).toEqual({ actions: ['unclaim', 'complete', 'checkIn'], reasonRequired: [] })
  })
})

describe('a retried requestId repeats the same answer, offer included', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness()
  })
  afterAll(() => h.close())

  it('claim', async () => {
    const order = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    const first = await h.call('demo-volunteer-1', 'order', 'claim', { orderId: order.id, requestId: 'tap-1' })
    // another volunteer fills the order meanwhile: the retry still answers what the first call answered
    await h.ok('demo-volunteer-2', 'order', 'claim', { orderId: order.id })
    const retry = await h.call('demo-volunteer-1', 'order', 'claim', { orderId: order.id, requestId: 'tap-1' })
    expect(first).toMatchObject({ ok: true, data: { actions: ['unclaim', 'complete', 'checkIn'], reasonRequired: [] } })
    expect(retry).toEqual(first)
  })

  it('cancel after dispatch, with its reason', async () => {
    const order = await h.place()
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'] })
    const payload = { orderId: order.id, reason: '已经看过了', requestId: 'tap-2' }
    const first = await h.call('demo-resident-1', 'order', 'cancel', payload)
    const retry = await h.call('demo-resident-1', 'order', 'cancel', payload)
    expect(first).toMatchObject({ ok: true, data: { order: { status: 'cancelled' }, actions: [], reasonRequired: [] } })
    expect(retry).toEqual(first)
  })

  it('place', async () => {
    const payload = { requestId: 'req-9', menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组', phone: '13800001234', confirmDuplicate: true }
    const first = await h.call('demo-resident-1', 'order', 'place', payload)
    const retry = await h.call('demo-resident-1', 'order', 'place', payload)
    expect(first).toMatchObject({ ok: true, data: { actions: ['cancel'], reasonRequired: [] } })
    expect(retry).toEqual(first)
  })
})
