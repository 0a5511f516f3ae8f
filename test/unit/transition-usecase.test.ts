/**
 * The one lifecycle use case (usecases/transition.ts) over a store double: what it reads and writes, what the
 * consequences of a row are (points, notifications), the answer for the caller, and how it treats a lost race.
 */
import { DEFAULT_POLICY } from '~core/config'
import { AppError } from '~core/errors'
import type { LoadedOrder, TransitionChange } from '~core/ports'
import type { AppNotification, LedgerEntry, Order } from '~types'
import { applyTransition, type TransitionStores } from '~usecases/transition'
import { ACTORS, CLAIM, TEAMS, orderIn } from './lifecycle-world'

/** no unit sets its own limits: the county defaults open a 回访 at 3 stars or fewer */
const NO_SETTINGS = { settings: [], defaults: DEFAULT_POLICY.limits }

const NOW = '2026-03-02T09:00:00.000Z'
const points = DEFAULT_POLICY.points

/** A store double: holds one order, answers the use case's two port calls, and records them. */
function storeWith(
  order: Order | null,
  opts: { replay?: unknown; outcomes?: Array<'ok' | 'conflict' | 'duplicate'>; pay?: (awards: LedgerEntry[]) => LedgerEntry[] } = {},
) {
  const calls: string[] = []
  const writes: TransitionChange[] = []
  const loads: Array<{ teamIds?: string[]; requestKey?: string }> = []
  const storedAnswers: Array<{ key: string; response: unknown }> = []
  let stored = order
  const outcomes = [...(opts.outcomes ?? [])]
  const orders: TransitionStores['orders'] = {
    async loadOrder(_id, o = {}): Promise<LoadedOrder> {
      calls.push('loadOrder')
      loads.push(o)
      return { order: stored, teams: TEAMS.filter((t) => o.teamIds?.includes(t.id)), replay: opts.replay }
    },
    async transition(change) {
      calls.push('transition')
      writes.push(change)
      const outcome = outcomes.shift() ?? 'ok'
      if (outcome === 'conflict' && stored) stored = { ...stored, version: stored.version + 1 } // someone else moved it
      if (outcome === 'ok') {
        stored = change.next
        // the port makes the answer from the awards as paid (a real adapter cuts them by the daily cap)
        const paid = (opts.pay ?? ((a) => a))(change.awards ?? [])
        const response = change.answer ? change.answer(paid) : change.request?.response
        if (change.request) storedAnswers.push({ key: change.request.key, response })
      }
      return outcome
    },
  }
  return { store: { orders }, calls, writes, loads, storedAnswers }
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e) => (e instanceof AppError ? { code: e.code, message: e.message } : Promise.reject(e)),
  )

describe('applyTransition', () => {
  it('by id: one read (with the teams and the request key), one conditional write, the answer with the offer', async () => {
    const s = storeWith(orderIn('dispatched'))
    const answer = await applyTransition(s.store, {
      action: 'claim', actor: ACTORS.claimer, input: {}, order: { id: 'o-1' }, teamIds: ['t-1', 't-1'], requestKey: 'k-1', now: NOW, points,
    })
    expect(s.calls).toEqual(['loadOrder', 'transition'])
    expect(s.loads).toEqual([{ teamIds: ['t-1'], requestKey: 'k-1' }])
    expect(s.writes[0]).toMatchObject({ orderId: 'o-1', expectedVersion: 5, next: { version: 6, status: 'claimed' }, awards: [] })
    // the claimer now sees the contact, and may unclaim, complete or check in on site
    expect(answer.order).toMatchObject({ status: 'claimed', phone: '13800001234', contactVisible: true })
    expect({ actions: answer.actions, reasonRequired: answer.reasonRequired, awards: answer.awards }).toEqual({
      actions: ['unclaim', 'complete', 'checkIn'],
      reasonRequired: [],
      awards: [],
    })
    // the stored answer is the client's; the order as it was comes back beside it, never stored
    const { previous, ...sent } = answer
    expect(previous).toMatchObject({ id: 'o-1', version: 5, status: 'dispatched' })
    expect(s.writes[0].request).toEqual({ key: 'k-1' })
    expect(s.storedAnswers).toEqual([{ key: 'k-1', response: sent }])
    expect(s.writes[0].notifications?.map((n) => n.kind)).toEqual(['claimed'])
    // the claim shows the claimer the contact: its reveal rides in the same write
    expect(s.writes[0].audit).toEqual([expect.objectContaining({ kind: 'contactRevealed', targetId: 'o-1', actorRole: '已接单志愿者' })])
  })

  it('the answer is the view of the order after the action: contact masked for whom it is not visible', async () => {
    const s = storeWith(orderIn('claimed'))
    const answer = await applyTransition(s.store, { action: 'recall', actor: ACTORS.system, input: {}, order: { id: 'o-1' }, now: NOW, points })
    expect(answer.order).toMatchObject({ status: 'placed', phone: '138****1234', contactVisible: false })
    expect(s.writes[0].request).toBeUndefined()
  })

  it('rate closes the loop: each claimer is paid, by the resident who rated', async () => {
    const verified = orderIn('completed').claims[0]
    const two = orderIn('completed', { claims: [verified, { ...CLAIM, volunteerId: 'vol', name: '李志愿', hours: { reported: 2, status: 'pending', credited: 0 } }] })
    const s = storeWith(two)
    const answer = await applyTransition(s.store, { action: 'rate', actor: ACTORS.owner, input: { stars: 5, comment: '', followUps: NO_SETTINGS }, order: { id: 'o-1' }, now: NOW, points })
    // base 10 + 2 verified hours × 5 + five-star bonus 5; 待核实 hours pay nothing (yet)
    expect(answer.awards.map((a) => [a.id, a.userId, a.delta, a.by])).toEqual([
      ['award:o-1:claimer', 'claimer', 25, 'owner'],
      ['award:o-1:vol', 'vol', 15, 'owner'],
    ])
    expect(s.writes[0].awards).toEqual(answer.awards)
  })

  it('asks the write for the daily cap and answers (and stores) the awards as the write paid them', async () => {
    const cut = (a: LedgerEntry[]) => a.map((e) => ({ ...e, delta: 3, reason: `${e.reason}（已达每日上限100分，本次计3分）` }))
    const s = storeWith(orderIn('completed'), { pay: cut })
    const answer = await applyTransition(s.store, { action: 'rate', actor: ACTORS.owner, input: { stars: 4, comment: '', followUps: NO_SETTINGS }, order: { id: 'o-1' }, requestKey: 'k-r', now: NOW, points })
    expect(s.writes[0].dailyCap).toBe(points.dailyCap)
    expect(s.writes[0].awards!.map((a) => a.delta)).toEqual([20])
    expect(answer.awards.map((a) => [a.delta, a.reason])).toEqual([[3, '完成「健康义诊」：基础10分，服务2小时计10分（已达每日上限100分，本次计3分）']])
    const { previous: _previous, ...sent } = answer
    expect(s.storedAnswers).toEqual([{ key: 'k-r', response: sent }])
  })

  it('autoClose closes the loop too, paid by the system; complete pays nothing', async () => {
    const closed = storeWith(null)
    const { awards } = await applyTransition(closed.store, {
      action: 'autoClose', actor: ACTORS.system, input: {}, order: { snapshot: orderIn('completed') }, now: NOW, points,
    })
    expect(awards.map((a) => [a.userId, a.delta, a.by])).toEqual([['claimer', 20, 'system']])
    const completed = storeWith(orderIn('claimed'))
    const done = await applyTransition(completed.store, {
      action: 'complete', actor: ACTORS.claimer, input: { hours: 2, beneficiaryCount: 1 }, order: { id: 'o-1' }, now: NOW, points,
    })
    expect(done.awards).toEqual([])
  })

  it('a snapshot is written without a read; the caller’s notifications ride with the row’s', async () => {
    const reminder = { id: 'escalate:o-1:v5', kind: 'escalated' } as AppNotification
    const s = storeWith(null)
    await applyTransition(s.store, {
      action: 'escalate', actor: ACTORS.system, input: { note: '超过派单时限' }, order: { snapshot: orderIn('placed') }, notifications: [reminder], now: NOW, points,
    })
    expect(s.calls).toEqual(['transition'])
    expect(s.writes[0].notifications?.map((n) => n.id)).toEqual(['escalate:o-1:v5', 'orderEscalated:o-1:v6'])
  })

  it('a snapshot that lost the race is a CONFLICT, not decided again (the caller judged that version)', async () => {
    const s = storeWith(orderIn('placed'), { outcomes: ['conflict'] })
    const res = await refusal(applyTransition(s.store, { action: 'escalate', actor: ACTORS.system, input: {}, order: { snapshot: orderIn('placed') }, now: NOW, points }))
    expect(res?.code).toBe('CONFLICT')
    expect(s.calls).toEqual(['transition'])
  })

  it('by id, a lost race is decided again on a fresh read', async () => {
    const s = storeWith(orderIn('dispatched'), { outcomes: ['conflict', 'ok'] })
    const answer = await applyTransition(s.store, { action: 'claim', actor: ACTORS.member, input: {}, order: { id: 'o-1' }, now: NOW, points })
    expect(s.calls).toEqual(['loadOrder', 'transition', 'loadOrder', 'transition'])
    expect(s.writes.map((w) => w.expectedVersion)).toEqual([5, 6])
    expect(answer.order.version).toBe(7)
  })

  it('by id, a storm of lost races ends in a CONFLICT after a bounded number of attempts', async () => {
    const s = storeWith(orderIn('dispatched'), { outcomes: Array(20).fill('conflict') })
    const res = await refusal(applyTransition(s.store, { action: 'claim', actor: ACTORS.member, input: {}, order: { id: 'o-1' }, now: NOW, points }))
    expect(res).toEqual({ code: 'CONFLICT', message: '同时操作的人较多，请稍后再试' })
    expect(s.calls.filter((c) => c === 'transition')).toHaveLength(8)
  })

  it('a retried request gets its first answer again, with no decision and no write', async () => {
    const first = { order: { id: 'o-1' }, actions: ['unclaim'], reasonRequired: [], awards: [] }
    const s = storeWith(orderIn('claimed'), { replay: first })
    const answer = await applyTransition(s.store, { action: 'claim', actor: ACTORS.claimer, input: {}, order: { id: 'o-1' }, requestKey: 'k', now: NOW, points })
    expect(answer).toBe(first)
    expect(s.calls).toEqual(['loadOrder'])
  })

  it('a requestId whose stored answer is for another order is INVALID_INPUT, with no decision and no write', async () => {
    const first = { order: { id: 'o-1' }, actions: ['unclaim'], reasonRequired: [], awards: [] }
    const s = storeWith(orderIn('dispatched'), { replay: first })
    const res = await refusal(applyTransition(s.store, { action: 'claim', actor: ACTORS.claimer, input: {}, order: { id: 'o-2' }, requestKey: 'k', now: NOW, points }))
    expect(res).toEqual({ code: 'INVALID_INPUT', message: '该请求编号已用于另一张订单，请刷新页面后重新操作' })
    expect(s.calls).toEqual(['loadOrder'])
  })

  it('refusals: a missing order, the table’s own, and an award already paid', async () => {
    const missing = storeWith(null)
    expect(await refusal(applyTransition(missing.store, { action: 'claim', actor: ACTORS.member, input: {}, order: { id: 'o-9' }, now: NOW, points }))).toEqual({
      code: 'NOT_FOUND',
      message: '订单不存在',
    })
    const placed = storeWith(orderIn('placed'))
    expect((await refusal(applyTransition(placed.store, { action: 'claim', actor: ACTORS.member, input: {}, order: { id: 'o-1' }, now: NOW, points })))?.code).toBe('FORBIDDEN')
    expect(placed.calls).toEqual(['loadOrder'])
    const paid = storeWith(orderIn('completed'), { outcomes: ['duplicate'] })
    expect(await refusal(applyTransition(paid.store, { action: 'rate', actor: ACTORS.owner, input: { stars: 3, comment: '', followUps: NO_SETTINGS }, order: { id: 'o-1' }, now: NOW, points }))).toEqual({
      code: 'CONFLICT',
      message: '积分已经发放过了',
    })
  })
})
