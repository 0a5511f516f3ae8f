/**
 * The lifecycle rules, one by one, at the level of core/lifecycle.ts: who may take each action from which state, where
 * it ends, what refuses it, which actions are offered and which of them ask for a reason. Every expectation is written
 * out here by hand, apart from LIFECYCLE, so that a mistake in the table fails with the name of the rule it breaks.
 */
import { AppError } from '~core/errors'
import { type TransitionAction, decide, droppedBefore, offerFor, orderContext, rowOf } from '~core/lifecycle'
import { notificationsFor } from '~core/notify'
import type { Relation } from '~core/relations'
import type { Appeal, FollowUp, Order, OrderStatus } from '~types'
import { DEFAULT_POLICY } from '~core/config'
import { NOW } from '~test/support/order-fixture'
import { ACTORS, type ActorName, CLAIM, RELATIONS, STATES, TEAMS, UNIT_PATHS, orderIn } from './lifecycle-world'

const LATER = '2026-03-02T09:00:00.000Z'
const NO_SETTINGS = { settings: [], defaults: DEFAULT_POLICY.limits }
const OPEN_FOLLOW_UP: FollowUp = { unitId: 'st', stars: 2, openedAt: NOW, dueAt: '2026-03-04T08:00:00.000Z', status: 'open', attempts: [], closedAt: null, outcome: null }
const PENDING_APPEAL: Appeal = { teamId: 't-1', by: 'lead', byName: '赵队长', reason: '已按约定完成', at: NOW, status: 'pending', decidedBy: null, decidedByName: null, decidedAt: null, note: '' }
const NOW_IN = '2026-03-02T07:00:00.000Z'
/** the claims as completion leaves them without check-in: 待核实 */
const pending = (o: Order): Partial<Order> => ({ claims: o.claims.map((c) => ({ ...c, hours: { reported: 2, status: 'pending' as const, credited: 0 } })) })

/** Each action's rule, by hand: where it starts, who may take it, where it ends on the orders of lifecycle-world. */
const RULES: Record<TransitionAction, { from: OrderStatus[]; who: Relation[]; to: OrderStatus; input: object; over?: (o: Order) => Partial<Order> }> = {
  escalate: { from: ['placed'], who: ['manager', 'system'], to: 'placed', input: {} },
  dispatch: { from: ['placed'], who: ['manager'], to: 'dispatched', input: { teamIds: ['t-1'], capacity: 2, unitPaths: UNIT_PATHS } },
  recall: { from: ['dispatched', 'claimed'], who: ['manager', 'system'], to: 'placed', input: {} },
  // the only team dispatched declines: back to the queue
  decline: { from: ['dispatched'], who: ['leader'], to: 'placed', input: { reason: '人手不足' } },
  reject: { from: ['placed'], who: ['manager'], to: 'rejected', input: { reason: '不属于志愿服务范围' } },
  cancel: { from: ['placed', 'dispatched', 'claimed'], who: ['owner'], to: 'cancelled', input: { reason: '家里人已经带老人去看过了' } },
  // the claimer is refused (already claimed): see the refusals below
  claim: { from: ['dispatched', 'claimed'], who: ['member'], to: 'claimed', input: {} },
  // the only claimer unclaims: waiting for volunteers again
  unclaim: { from: ['claimed'], who: ['claimer'], to: 'dispatched', input: {} },
  complete: { from: ['claimed'], who: ['claimer', 'leader'], to: 'completed', input: { hours: 2, beneficiaryCount: 3 } },
  rate: { from: ['completed'], who: ['owner'], to: 'rated', input: { stars: 4, comment: '', followUps: NO_SETTINGS } },
  autoClose: { from: ['completed'], who: ['system'], to: 'closed', input: {} },
  // issue 10: the code is checked before the row; check-out after a check-in; decisions on 待核实 hours
  checkIn: { from: ['claimed'], who: ['claimer'], to: 'claimed', input: {} },
  checkOut: { from: ['claimed'], who: ['claimer'], to: 'claimed', input: {}, over: (o) => ({ claims: o.claims.map((c) => ({ ...c, checkInAt: NOW_IN })) }) },
  approveHours: { from: ['completed', 'rated', 'closed'], who: ['manager'], to: 'completed', input: { volunteerId: 'claimer', hours: 2, reason: '队长证明' }, over: pending },
  rejectHours: { from: ['completed', 'rated', 'closed'], who: ['manager'], to: 'completed', input: { volunteerId: 'claimer', reason: '未到场' }, over: pending },
  // issue 11: on a rated order with an open 回访 / within the appeal window / with a pending appeal
  followUp: { from: ['rated'], who: ['manager'], to: 'rated', input: { outcome: 'resolved', note: '已电话致歉' }, over: () => ({ followUp: OPEN_FOLLOW_UP }) },
  appeal: { from: ['rated'], who: ['leader'], to: 'rated', input: { reason: '当天已按约定完成' } },
  decideAppeal: { from: ['rated'], who: ['manager'], to: 'rated', input: { upheld: true, note: '核实属实' }, over: () => ({ appeal: PENDING_APPEAL }) },
}

const DECIDED: TransitionAction[] = ['approveHours', 'rejectHours']

function attempt(action: TransitionAction, order: Order, actor: ActorName, input: object = RULES[action].input) {
  try {
    return { next: decide(action, orderContext(ACTORS[actor], order, TEAMS), input as never, LATER) }
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message }
    throw e
  }
}

describe('decide: every action, state and actor', () => {
  for (const [action, rule] of Object.entries(RULES) as [TransitionAction, (typeof RULES)[TransitionAction]][]) {
    describe(action, () => {
      for (const status of STATES) {
        it(`from ${status}`, () => {
          for (const actor of Object.keys(ACTORS) as ActorName[]) {
            const cell = `${action} from ${status} by ${actor}`
            const relations = RELATIONS[actor](status)
            const permitted = relations.some((r) => rule.who.includes(r))
            const alreadyClaimed = action === 'claim' && relations.includes('claimer')
            const base = orderIn(status)
            const order = { ...base, ...rule.over?.(base) }
            const result = attempt(action, order, actor)
            if (!permitted) {
              expect({ cell, code: result.code }).toEqual({ cell, code: 'FORBIDDEN' })
            } else if (!rule.from.includes(status) || alreadyClaimed) {
              expect({ cell, code: result.code }).toEqual({ cell, code: 'CONFLICT' })
            } else {
              // approveHours and rejectHours keep the status they start from
              const to = DECIDED.includes(action) ? status : rule.to
              expect({ cell, error: result.message, to: result.next?.status }).toEqual({ cell, error: undefined, to })
              expect({ cell, version: result.next?.version, updatedAt: result.next?.updatedAt }).toEqual({ cell, version: 6, updatedAt: LATER })
              expect({ cell, entry: result.next?.timeline.at(-1) }).toMatchObject({ cell, entry: { at: LATER, action, from: status, to } })
            }
          }
        })
      }
    })
  }
})

describe('decide: what each action changes and when it refuses', () => {
  const refused = (action: TransitionAction, order: Order, actor: ActorName, input?: object) => attempt(action, order, actor, input)

  it('a FORBIDDEN refusal names who may act', () => {
    expect(refused('dispatch', orderIn('placed'), 'member')).toEqual({ code: 'FORBIDDEN', message: '只有承办单位（或上级）管理员可以派单' })
    expect(refused('complete', orderIn('claimed'), 'owner')).toEqual({ code: 'FORBIDDEN', message: '只有已接单志愿者或受派志愿服务队队长可以完成服务' })
  })

  it('a CONFLICT from the wrong state names the state', () => {
    expect(refused('dispatch', orderIn('dispatched'), 'manager')).toEqual({ code: 'CONFLICT', message: '订单待接单，不能派单' })
  })

  it('escalate moves the order to the parent unit, and the county center cannot escalate', () => {
    const { next } = attempt('escalate', orderIn('placed'), 'manager')
    expect(next).toMatchObject({ orgUnitId: 'in', unitPath: ['c', 'in'], status: 'placed' })
    expect(next?.timeline.at(-1)?.note).toBe('本级力量不足，上报上级单位')
    const atCounty = orderIn('placed', { unitPath: ['c'], orgUnitId: 'c' })
    expect(refused('escalate', atCounty, 'system')).toEqual({ code: 'CONFLICT', message: '县级中心已是最高一级，不能再上报' })
  })

  it('dispatch records the teams and capacity, and refuses a team that does not exist', () => {
    const { next } = attempt('dispatch', orderIn('placed'), 'manager', { teamIds: ['t-1', 't-2'], capacity: 3, note: '带血压计', unitPaths: UNIT_PATHS })
    expect(next).toMatchObject({ teamIds: ['t-1', 't-2'], capacity: 3, claims: [] })
    expect(next?.timeline.at(-1)?.note).toBe('派给测试队、第二队，需3人。带血压计')
    expect(refused('dispatch', orderIn('placed'), 'manager', { teamIds: ['t-9'], capacity: 1, unitPaths: UNIT_PATHS })).toEqual({ code: 'NOT_FOUND', message: '所选志愿服务队不存在' })
  })

  // the 所 manager (mgr, of in) and the county admin (mgr-c, of c) dispatch an order of station st (under in)
  it.each([
    ['所 manager → a team of a station below', 'manager', ['t-1'], true],
    ['所 manager → the county’s team (above)', 'manager', ['t-county'], true],
    ['所 manager → a team of another 所’s station', 'manager', ['t-far'], false],
    ['所 manager → one allowed and one outside', 'manager', ['t-1', 't-far'], false],
    ['county admin → a team of any 所', 'countyManager', ['t-far', 't-1'], true],
  ] as const)('dispatch only to teams of the own subtree or above: %s', (_label, actor, teamIds, allowed) => {
    const result = attempt('dispatch', orderIn('placed'), actor, { teamIds, capacity: 1, unitPaths: UNIT_PATHS })
    expect(result.next ? 'dispatched' : result).toEqual(
      allowed ? 'dispatched' : { code: 'FORBIDDEN', message: '只能派给本单位及下级单位、上级单位的志愿服务队，「外所村队」属于其他单位' },
    )
  })

  it('recall clears the teams and claims', () => {
    expect(attempt('recall', orderIn('claimed'), 'manager').next).toMatchObject({ status: 'placed', teamIds: [], claims: [] })
  })

  it('decline by one of two teams keeps the order dispatched to the other', () => {
    const { next } = attempt('decline', orderIn('dispatched', { teamIds: ['t-1', 't-2'] }), 'leader')
    expect(next).toMatchObject({ status: 'dispatched', teamIds: ['t-2'], reason: '人手不足' })
  })

  it('claim adds the volunteer; refuses a second claim by the same volunteer and a claim beyond capacity', () => {
    const { next } = attempt('claim', orderIn('dispatched'), 'member')
    expect(next?.claims.map((c) => c.volunteerId)).toEqual(['vol'])
    expect(next?.timeline.at(-1)?.note).toBe('已接单（1/2）')
    expect(refused('claim', orderIn('claimed'), 'claimer')).toEqual({ code: 'CONFLICT', message: '您已经接过这一单了' })
    expect(refused('claim', orderIn('claimed', { capacity: 1 }), 'member')).toEqual({ code: 'CONFLICT', message: '名额已满，这一单已被其他志愿者接走' })
  })

  it('the system never claims', () => {
    // the table gives claim to members only; the rule itself also refuses an actor without a profile
    expect(refused('claim', orderIn('dispatched'), 'system').code).toBe('FORBIDDEN')
  })

  it('unclaim by one of two claimers keeps the order claimed', () => {
    const two = orderIn('claimed', { claims: [CLAIM, { ...CLAIM, volunteerId: 'vol', name: '李志愿' }] })
    expect(attempt('unclaim', two, 'claimer').next).toMatchObject({ status: 'claimed', claims: [{ volunteerId: 'vol' }] })
  })

  it('complete records the hours and who completed; rate records the stars', () => {
    // the activity record: visits default to the people served, place to the order's address, no photos
    expect(attempt('complete', orderIn('claimed'), 'leader').next?.completion).toEqual({ hours: 2, beneficiaryCount: 3, note: '', by: 'lead', at: LATER, visits: 3, place: '苏溪镇滩尾村三组12号', photos: [] })
    expect(attempt('complete', orderIn('claimed'), 'leader', { hours: 2, beneficiaryCount: 3, visits: 7, place: '滩尾村文化礼堂', photos: ['f_1'] }).next?.completion).toMatchObject({ visits: 7, place: '滩尾村文化礼堂', photos: ['f_1'] })
    expect(attempt('rate', orderIn('completed'), 'owner', { stars: 5, comment: '很好', followUps: NO_SETTINGS }).next?.rating).toEqual({ stars: 5, comment: '很好', at: LATER })
  })

  it('cancelling after dispatch needs a reason; before dispatch it does not', () => {
    const message = '订单已派出，取消时请说明原因'
    expect(refused('cancel', orderIn('dispatched'), 'owner', {})).toEqual({ code: 'INVALID_INPUT', message })
    expect(refused('cancel', orderIn('claimed'), 'owner', {})).toEqual({ code: 'INVALID_INPUT', message })
    const { next } = attempt('cancel', orderIn('placed'), 'owner', {})
    expect(next).toMatchObject({ status: 'cancelled', reason: '' })
    expect(next?.timeline.at(-1)?.note).toBe('群众取消点单')
  })

  it('the timeline names the actor, also the system', () => {
    expect(attempt('autoClose', orderIn('completed'), 'system').next?.timeline.at(-1)).toEqual({
      at: LATER, actorId: 'system', actorName: '系统', action: 'autoClose', from: 'completed', to: 'closed', note: '超过评单期限，自动办结',
    })
    expect(attempt('rate', orderIn('completed'), 'owner').next?.timeline.at(-1)).toMatchObject({ actorId: 'owner', actorName: '王大爷' })
  })
})

describe('the offer: the actions a person may take now, and which ask for a reason', () => {
  type Case = [label: string, order: Order, actor: ActorName, actions: string[], reasonRequired: string[]]
  const CASES: Case[] = [
    ['owner, placed', orderIn('placed'), 'owner', ['cancel'], []],
    ['manager, placed', orderIn('placed'), 'manager', ['escalate', 'dispatch', 'reject'], ['reject']],
    ['county manager, placed at the station', orderIn('placed'), 'countyManager', ['escalate', 'dispatch', 'reject'], ['reject']],
    ['county manager, placed at the county', orderIn('placed', { unitPath: ['c'], orgUnitId: 'c' }), 'countyManager', ['dispatch', 'reject'], ['reject']],
    ['manager of another subtree, placed', orderIn('placed'), 'otherManager', [], []],
    ['member, placed', orderIn('placed'), 'member', [], []],
    ['owner, dispatched', orderIn('dispatched'), 'owner', ['cancel'], ['cancel']],
    ['manager, dispatched', orderIn('dispatched'), 'manager', ['recall'], []],
    ['member, dispatched', orderIn('dispatched'), 'member', ['claim'], []],
    ['leader, dispatched', orderIn('dispatched'), 'leader', ['decline', 'claim'], ['decline']],
    ['volunteer of another team, dispatched', orderIn('dispatched'), 'otherTeamVolunteer', [], []],
    ['owner, claimed', orderIn('claimed'), 'owner', ['cancel'], ['cancel']],
    ['manager, claimed', orderIn('claimed'), 'manager', ['recall'], []],
    ['member, claimed with room', orderIn('claimed'), 'member', ['claim'], []],
    ['member, claimed and full', orderIn('claimed', { capacity: 1 }), 'member', [], []],
    ['leader, claimed with room', orderIn('claimed'), 'leader', ['claim', 'complete'], []],
    ['leader, claimed and full', orderIn('claimed', { capacity: 1 }), 'leader', ['complete'], []],
    ['claimer, claimed', orderIn('claimed'), 'claimer', ['unclaim', 'complete', 'checkIn'], []],
    ['claimer, claimed, checked in', orderIn('claimed', { claims: [{ ...CLAIM, checkInAt: NOW_IN }] }), 'claimer', ['unclaim', 'complete', 'checkOut'], []],
    ['manager, completed, hours pending', { ...orderIn('completed'), ...pending(orderIn('completed')) }, 'manager', ['approveHours', 'rejectHours'], ['approveHours', 'rejectHours']],
    ['manager, closed, hours pending', { ...orderIn('closed'), ...pending(orderIn('closed')) }, 'manager', ['approveHours', 'rejectHours'], ['approveHours', 'rejectHours']],
    ['owner, completed', orderIn('completed'), 'owner', ['rate'], []],
    ['claimer, completed', orderIn('completed'), 'claimer', [], []],
    ['manager, completed', orderIn('completed'), 'manager', [], []],
    ['owner, rated', orderIn('rated'), 'owner', [], []],
    ['owner, closed', orderIn('closed'), 'owner', [], []],
    ['manager, rejected', orderIn('rejected'), 'manager', [], []],
    ['owner, cancelled', orderIn('cancelled'), 'owner', [], []],
    ['stranger, dispatched', orderIn('dispatched'), 'stranger', [], []],
  ]
  it.each(CASES)('%s', (_label, order, actor, actions, reasonRequired) => {
    const offer = offerFor(orderContext(ACTORS[actor], order, TEAMS), LATER)
    const sorted = (xs: readonly string[]) => [...xs].sort()
    expect({ actions: sorted(offer.actions), reasonRequired: sorted(offer.reasonRequired) }).toEqual({
      actions: sorted(actions),
      reasonRequired: sorted(reasonRequired),
    })
  })

  it('an actor who is not a person is offered neither autoClose nor place', () => {
    const offer = offerFor(orderContext(ACTORS.system, orderIn('completed'), []), LATER)
    expect(offer.actions).toEqual([])
  })
})

describe('the appeal window: 申诉 is offered to the leader within 7 days of the rating only, once', () => {
  // the rating of orderIn('rated') is at NOW; the offer and decide read the same clock, so they agree
  const after = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString()
  const MINUTE = 60_000
  const HOUR = 60 * MINUTE
  const DAY = 24 * HOUR
  const CLOSED = { code: 'CONFLICT', message: '评价已超过7天，不能再申诉' }
  const TWICE = { code: 'CONFLICT', message: '这一单已经申诉过了，每单只能申诉一次' }
  type Case = [label: string, order: Order, at: string, offered: boolean, refusal: { code: string; message: string } | null]
  const CASES: Case[] = [
    ['6 days 23 hours after the rating', orderIn('rated'), after(6 * DAY + 23 * HOUR), true, null],
    ['7 days + 1 minute after the rating', orderIn('rated'), after(7 * DAY + MINUTE), false, CLOSED],
    ['already appealed, within the window', orderIn('rated', { appeal: PENDING_APPEAL }), after(HOUR), false, TWICE],
  ]
  it.each(CASES)('%s', (_label, order, at, offered, refusal) => {
    const ctx = orderContext(ACTORS.leader, order, TEAMS)
    expect(offerFor(ctx, at).actions.includes('appeal')).toBe(offered)
    let result: { status: string } | { code: string; message: string }
    try {
      result = { status: decide('appeal', ctx, { reason: '当天已按约定完成' }, at).status }
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      result = { code: e.code, message: e.message }
    }
    expect(result).toEqual(refusal ?? { status: 'rated' })
  })
})

describe('needsReason, per action and state', () => {
  const NEEDS: Array<[TransitionAction, OrderStatus, boolean]> = [
    ['reject', 'placed', true],
    ['decline', 'dispatched', true],
    ['cancel', 'placed', false],
    ['cancel', 'dispatched', true],
    ['cancel', 'claimed', true],
    ['escalate', 'placed', false],
    ['dispatch', 'placed', false],
    ['recall', 'dispatched', false],
    ['recall', 'claimed', false],
    ['claim', 'dispatched', false],
    ['unclaim', 'claimed', false],
    ['complete', 'claimed', false],
    ['rate', 'completed', false],
    ['autoClose', 'completed', false],
    ['checkIn', 'claimed', false],
    ['checkOut', 'claimed', false],
    ['approveHours', 'completed', true],
    ['rejectHours', 'closed', true],
  ]
  it.each(NEEDS)('%s from %s: %s', (action, status, needed) => {
    expect(rowOf(action).needsReason?.(orderIn(status)) ?? false).toBe(needed)
  })
})

describe('closesLoop: the loop closes, and points are paid, on rate and autoClose only', () => {
  const CLOSES: Array<[TransitionAction, boolean]> = [
    ['escalate', false],
    ['dispatch', false],
    ['recall', false],
    ['decline', false],
    ['reject', false],
    ['cancel', false],
    ['claim', false],
    ['unclaim', false],
    ['complete', false],
    ['rate', true],
    ['autoClose', true],
    ['checkIn', false],
    ['checkOut', false],
    ['approveHours', false],
    ['rejectHours', false],
  ]
  it.each(CLOSES)('%s: %s', (action, closes) => {
    expect(rowOf(action).closesLoop ?? false).toBe(closes)
  })
})

describe('no one claims an order they gain from', () => {
  // 李志愿 (vol) is a member of 测试队 (t-1), to which every order below is dispatched
  const vol = { ...(ACTORS.member as Extract<typeof ACTORS.member, { kind: 'user' }>).user, phone: '13900002222' }
  const actor = { kind: 'user' as const, user: vol }
  const FORBIDDEN = { code: 'FORBIDDEN', message: '不能接本人点的单、本人代点的单或为本人代点的单' }
  type Case = [label: string, over: Partial<Order>, refused: boolean]
  const CASES: Case[] = [
    ['the owner (placed it for themself)', { ownerId: 'vol', ownerName: '李志愿' }, true],
    ['the proxy (placed it for a resident)', { ownerId: 'vol', ownerName: '李志愿', onBehalfOf: { name: '王奶奶' } }, true],
    ['the resident it was placed for, by name', { onBehalfOf: { name: '李志愿' } }, true],
    ['the resident it was placed for, by the contact phone', { onBehalfOf: { name: '李大妈' }, phone: '13900002222' }, true],
    ['someone whose phone an owner gave as their own contact (no one was named)', { phone: '13900002222' }, false],
    ['a member with no stake in it', {}, false],
  ]
  const claim = (over: Partial<Order>) => {
    try {
      return decide('claim', orderContext(actor, orderIn('dispatched', over), TEAMS), {}, LATER).status
    } catch (e) {
      if (e instanceof AppError) return { code: e.code, message: e.message }
      throw e
    }
  }
  it.each(CASES)('%s: refused %s, and 接单 is offered only when allowed', (_label, over, isRefused) => {
    expect(claim(over)).toEqual(isRefused ? FORBIDDEN : 'claimed')
    const offer = offerFor(orderContext(actor, orderIn('dispatched', over), TEAMS), LATER)
    expect(offer.actions.includes('claim')).toBe(!isRefused)
  })

  it('the owner refusal wins over a full order: it is about the person, not the places left', () => {
    expect(claim({ ownerId: 'vol', capacity: 1, claims: [CLAIM], status: 'claimed' })).toEqual(FORBIDDEN)
  })
})

describe('claim/unclaim cycles by one volunteer: one pair on the timeline, one message (issue 13)', () => {
  const member = ACTORS.member
  /** Runs the steps from a dispatched order, each a minute later; the actions on the timeline, and who was told. */
  function cycle(steps: Array<'claim' | 'unclaim'>) {
    let order = orderIn('dispatched', { timeline: [] })
    const told: string[] = []
    steps.forEach((action, i) => {
      const at = new Date(Date.parse(LATER) + i * 60_000).toISOString()
      const next = decide(action, orderContext(member, order, TEAMS), {} as never, at)
      told.push(...notificationsFor(action, order, next, TEAMS, 'vol', at).map((n) => n.kind))
      order = next
    })
    return { timeline: order.timeline.map((e) => `${e.action}@${e.at.slice(11, 16)}`), told, status: order.status }
  }
  const CASES: Array<[label: string, steps: Array<'claim' | 'unclaim'>, timeline: string[], told: string[]]> = [
    ['one claim', ['claim'], ['claim@09:00'], ['claimed']],
    ['a claim dropped', ['claim', 'unclaim'], ['claim@09:00', 'unclaim@09:01'], ['claimed']],
    ['claimed again after a drop: recorded, nobody told', ['claim', 'unclaim', 'claim'], ['claim@09:00', 'unclaim@09:01', 'claim@09:02'], ['claimed']],
    ['dropped again: the repeat claim is taken back', ['claim', 'unclaim', 'claim', 'unclaim'], ['claim@09:00', 'unclaim@09:01'], ['claimed']],
    [
      'five cycles, then a claim that stays',
      [...Array.from({ length: 5 }, () => ['claim', 'unclaim'] as const).flat(), 'claim'],
      ['claim@09:00', 'unclaim@09:01', 'claim@09:10'],
      ['claimed'],
    ],
  ]
  it.each(CASES)('%s', (_label, steps, timeline, told) => {
    expect(cycle(steps)).toMatchObject({ timeline, told })
  })

  it('droppedBefore reads the person’s own 放弃接单 only', () => {
    const dropped = orderIn('dispatched', { timeline: [{ at: LATER, actorId: 'vol-2', actorName: '钱志愿', action: 'unclaim', from: 'claimed', to: 'dispatched', note: '' }] })
    expect(droppedBefore(dropped, 'vol')).toBe(false)
    expect(droppedBefore(dropped, 'vol-2')).toBe(true)
    expect(rowOf('claim').repeat?.undoes).toBeUndefined()
    expect(rowOf('unclaim').repeat?.undoes).toBe('claim')
  })
})
