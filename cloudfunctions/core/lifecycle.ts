import { ACTION_LABELS, FOLLOW_UP_OUTCOME_LABELS, OPEN_STATUSES, STATUS_LABELS, shortHanded, shortHandedText } from '~types'
import type { AuditEntry, Claim, ErrorCode, FollowUpOutcome, LedgerEntry, Order, OrderAction, OrderOffer, OrderStatus, Team, TimelineEntry, TransitionActionName } from '~types'
import { hoursDecisionEntry } from './audit'
import {
  type FollowUpLimitsInput,
  appealDeciderPath,
  appealProblem,
  decidedAppeal,
  decidesAppeal,
  followUpFor,
  followUpOpen,
  ledTeamOf,
  newAppeal,
  withAttempt,
} from './follow-ups'
import { APPEAL_DAYS, type PolicyConfig } from './config'
import { chinaTime } from './deadlines'
import { fail } from './errors'
import { decidedHours, hoursAtCompletion, hoursPending } from './hours'
import { supplementaryEntry } from './points'
import type { NotificationRule } from './notify'
import {
  type Actor,
  type Relation,
  RELATION_LABELS,
  type UnitPaths,
  actorId,
  actorName,
  mayDispatchTo,
  relationsOf,
} from './relations'

/** What each lifecycle action needs besides the order (validated at the boundary by types/schemas). */
export interface TransitionInput {
  escalate: { note?: string }
  /** unitPaths: the unit tree (catalog.listUnits), to tell which teams the manager may dispatch to */
  dispatch: { teamIds: string[]; capacity: number; note?: string; unitPaths: UnitPaths }
  recall: { note?: string }
  decline: { reason: string }
  reject: { reason: string }
  cancel: { reason?: string }
  claim: object
  unclaim: { note?: string }
  /** visits default to the people served, place to the order's address (the activity record, issue 10) */
  complete: { hours: number; beneficiaryCount: number; note?: string; visits?: number; place?: string; photos?: string[] }
  /** followUps: what opens a 回访 (every unit's settings and the defaults; core/follow-ups.ts) */
  rate: { stars: number; comment: string; followUps: FollowUpLimitsInput }
  autoClose: object
  /** the code was checked by the caller (functions/order/check-in.ts) before the row is decided */
  checkIn: object
  checkOut: object
  approveHours: { volunteerId: string; hours: number; reason: string }
  rejectHours: { volunteerId: string; reason: string }
  followUp: { outcome: FollowUpOutcome; note: string }
  appeal: { reason: string }
  decideAppeal: { upheld: boolean; note: string }
}
export type TransitionAction = keyof TransitionInput

/**
 * How one actor stands to one order: the relations are computed once (relationsOf) and read by decide, the offer
 * and the view. `teams` must hold the teams the actor belongs to or leads (at least those among order.teamIds).
 */
export interface OrderContext {
  actor: Actor
  order: Order
  teams: readonly Team[]
  relations: ReadonlySet<Relation>
}

export function orderContext(actor: Actor, order: Order, teams: readonly Team[]): OrderContext {
  return { actor, order, teams, relations: relationsOf(actor, order, teams) }
}

interface StepContext {
  actor: Actor
  teams: readonly Team[]
  relations: ReadonlySet<Relation>
  now: string
}

/**
 * Why a row refuses this actor on this order now. A string is CONFLICT (the order's state stands in the way, and may
 * change); `{ code: 'FORBIDDEN', message }` is a refusal of the person, which no change of the order lifts.
 */
export type Refusal = string | { code: Extract<ErrorCode, 'CONFLICT' | 'FORBIDDEN'>; message: string }

const forbidden = (message: string): Refusal => ({ code: 'FORBIDDEN', message })

/**
 * Whether the person gains from the order themself: they placed it (the owner, who is also the proxy of an order
 * placed on someone's behalf), or they are the resident it was placed for (recorded by name, with the contact phone
 * the proxy gave). Such a person may not claim it, so no one earns points from their own order.
 */
export function gainsFromOwnOrder(order: Order, actor: Actor): boolean {
  if (actor.kind !== 'user') return false
  const { user } = actor
  if (order.ownerId === user.id) return true
  if (!order.onBehalfOf) return false
  return order.onBehalfOf.name.trim() === user.name.trim() || (user.phone !== '' && user.phone === order.phone)
}

/**
 * Whether this person has claimed and then dropped this order before (their 放弃接单 is on its timeline). Claim and
 * unclaim again and again would reveal nothing new, but would message the resident and fill the timeline each time
 * (issue 13's contact harvesting): the claim and unclaim rows treat such a cycle as a repeat.
 */
export function droppedBefore(order: Order, byId: string): boolean {
  return order.timeline.some((e) => e.action === 'unclaim' && e.actorId === byId)
}

/** The timeline without the latest entry of `action` by this person. */
function withoutLatest(timeline: readonly TimelineEntry[], action: TransitionAction, byId: string): TimelineEntry[] {
  let i = timeline.length - 1
  while (i >= 0 && !(timeline[i].action === action && timeline[i].actorId === byId)) i--
  return i < 0 ? [...timeline] : [...timeline.slice(0, i), ...timeline.slice(i + 1)]
}

interface Step {
  to: OrderStatus
  patch: Partial<Order>
  note: string
}

export interface Row {
  /** states the action may start from; empty for place, which creates the order */
  from: readonly OrderStatus[]
  /** states the action may end in (claim, unclaim and decline depend on the claims and teams left) */
  to: readonly OrderStatus[]
  /** relations to the order that may act; 'signedIn' is anyone with a profile */
  who: readonly (Relation | 'signedIn')[]
  /** what it requires, as a person would say it */
  requires: string
}

interface TransitionRow<A extends TransitionAction> extends Row {
  who: readonly Relation[]
  /**
   * Why this actor may not take the action on this order now although state and relation allow it, or null.
   * It does not depend on the action's input, so the UI hides the button when it says no. `now` is the caller's clock
   * (ISO), for the rows whose window closes (appeal).
   */
  refusal?(order: Order, actor: Actor, now: string): Refusal | null
  /** Whether the action on this order must carry a reason (the offer tells the UI to ask for one). */
  needsReason?(order: Order): boolean
  /** The loop closes here: the claimers are paid their points in the same write. */
  closesLoop?: true
  /** Whom the transition tells, recorded in the same write (core/notify.ts turns it into notifications). */
  notifies?: NotificationRule
  /**
   * When the action repeats what this person did on this order before: a repeat tells no one, and with `undoes` it
   * takes back the person's latest timeline entry of that action instead of adding its own.
   */
  repeat?: { when(order: Order, byId: string): boolean; undoes?: TransitionAction }
  apply(order: Order, input: TransitionInput[A], ctx: StepContext): Step
  /** Points the action pays besides the award that closes the loop (补录 hours after it closed), in the same write. */
  pays?(next: Order, input: TransitionInput[A], policy: PolicyConfig['points'], at: string, by: string): LedgerEntry[]
  /** What the action records in the audit log, in the same write. */
  audits?(order: Order, input: TransitionInput[A], ctx: StepContext): AuditEntry[]
}

const claimOf = (order: Order, volunteerId: string): Claim => order.claims.find((c) => c.volunteerId === volunteerId) ?? fail('NOT_FOUND', '这位志愿者没有接这一单')

/** The claims with one of them changed. */
const withClaim = (order: Order, volunteerId: string, change: (c: Claim) => Claim) =>
  order.claims.map((c) => (c.volunteerId === volunteerId ? change(c) : c))

/** The clock time of a check-in or check-out, as the timeline says it (09:30). */
const clockTime = (at: string) => chinaTime(at).replace(/^.*日/, '')

/** 认定时长 and 不予认定: only while some claimer's hours wait for a decision (the offer shows them then only). */
const noPendingHours = (order: Order): Refusal | null => (order.claims.some(hoursPending) ? null : '没有待核实的服务时长')

function pendingClaim(order: Order, volunteerId: string): Claim {
  const claim = claimOf(order, volunteerId)
  if (!hoursPending(claim)) fail('CONFLICT', `${claim.name}的服务时长不是待核实，已经认定过了`)
  return claim
}

const DECIDED_STATUSES: readonly OrderStatus[] = ['completed', 'rated', 'closed']

const hoursAudit = (approve: boolean) => (order: Order, input: { volunteerId: string; hours?: number; reason: string }, { actor, now }: StepContext) =>
  actor.kind === 'user'
    ? [hoursDecisionEntry({ by: actor.user, order, claim: claimOf(order, input.volunteerId), approve, hours: input.hours ?? 0, reason: input.reason, at: now })]
    : []

const always = () => true

/** Once dispatched, a cancellation affects volunteers and the unit: the resident says why. */
const cancelNeedsReason = (order: Order) => order.status !== 'placed'

const teamNames = (next: Order, teams: readonly Team[]) =>
  teams.filter((t) => next.teamIds.includes(t.id)).map((t) => t.name).join('、')

/**
 * The order lifecycle: for every action, where it may start, where it ends, who may do it and what it requires.
 * Handlers, the scheduled job, the UI's buttons and the tests all read this table.
 */
export const LIFECYCLE: { place: Row } & { [A in TransitionAction]: TransitionRow<A> } = {
  place: {
    from: [],
    to: ['placed'],
    who: ['signedIn'],
    requires: '需求、地址和手机号；代人点单须具备代办员身份',
  },
  escalate: {
    from: ['placed'],
    to: ['placed'],
    who: ['manager', 'system'],
    requires: '承办单位有上级单位；超过派单时限由系统自动上报',
    refusal: (order) => (order.unitPath.length < 2 ? '县级中心已是最高一级，不能再上报' : null),
    notifies: (_order, next) => [
      { kind: 'orderEscalated', userIds: [next.ownerId], text: `「${next.title}」已上报上级单位，由上级安排志愿服务队` },
    ],
    apply(order, input) {
      const unitPath = order.unitPath.slice(0, -1)
      return {
        to: 'placed',
        patch: { orgUnitId: unitPath[unitPath.length - 1], unitPath },
        note: input.note ?? '本级力量不足，上报上级单位',
      }
    },
  },
  dispatch: {
    from: ['placed'],
    to: ['dispatched'],
    who: ['manager'],
    requires: '1–3支本单位及下级、上级单位的志愿服务队，所需人数1–20',
    notifies: (_order, next, teams) => [
      { kind: 'dispatched', userIds: [next.ownerId], text: `「${next.title}」已派给${teamNames(next, teams)}，等待志愿者接单` },
      {
        kind: 'newTask',
        userIds: teams.filter((t) => next.teamIds.includes(t.id)).flatMap((t) => t.memberIds),
        text: `「${next.title}」派给了${teamNames(next, teams)}，需${next.capacity}人，请及时接单`,
      },
    ],
    apply(_order, input, { actor, teams }) {
      const chosen = input.teamIds.map((id) => teams.find((t) => t.id === id) ?? fail('NOT_FOUND', '所选志愿服务队不存在'))
      const outside = chosen.filter((t) => actor.kind !== 'user' || !mayDispatchTo(actor.user, t.orgUnitId, input.unitPaths))
      if (outside.length > 0) {
        fail('FORBIDDEN', `只能派给本单位及下级单位、上级单位的志愿服务队，「${outside.map((t) => t.name).join('、')}」属于其他单位`)
      }
      const names = chosen.map((t) => t.name).join('、')
      return {
        to: 'dispatched',
        patch: { teamIds: [...input.teamIds], capacity: input.capacity, claims: [] },
        note: `派给${names}，需${input.capacity}人${input.note ? `。${input.note}` : ''}`,
      }
    },
  },
  recall: {
    from: ['dispatched', 'claimed'],
    to: ['placed'],
    who: ['manager', 'system'],
    requires: '服务尚未完成；超过接单时限无人接单时由系统自动退回',
    apply(_order, input) {
      return { to: 'placed', patch: { teamIds: [], claims: [] }, note: input.note ?? '撤回派单，重新安排' }
    },
  },
  decline: {
    from: ['dispatched'],
    to: ['dispatched', 'placed'],
    who: ['leader'],
    requires: '退单原因；尚无人接单',
    needsReason: always,
    apply(order, input, { actor, teams }) {
      const leads = (teamId: string) => teams.some((t) => t.id === teamId && t.leaderId === actorId(actor))
      const teamIds = order.teamIds.filter((id) => !leads(id))
      return {
        to: teamIds.length === 0 ? 'placed' : 'dispatched',
        patch: { teamIds, reason: input.reason },
        note: input.reason,
      }
    },
  },
  reject: {
    from: ['placed'],
    to: ['rejected'],
    who: ['manager'],
    requires: '退回原因（会告知群众）',
    needsReason: always,
    notifies: (_order, next) => [{ kind: 'rejected', userIds: [next.ownerId], text: `「${next.title}」未被受理：${next.reason ?? ''}` }],
    apply(_order, input) {
      return { to: 'rejected', patch: { reason: input.reason }, note: input.reason }
    },
  },
  cancel: {
    from: OPEN_STATUSES,
    to: ['cancelled'],
    who: ['owner'],
    requires: '派单后取消须说明原因',
    needsReason: cancelNeedsReason,
    notifies: (order, next) => [
      { kind: 'cancelled', userIds: [next.ownerId], text: `「${next.title}」已取消` },
      {
        kind: 'taskCancelled',
        userIds: order.claims.map((c) => c.volunteerId),
        text: `您接下的「${next.title}」已被群众取消${next.reason ? `：${next.reason}` : ''}`,
      },
    ],
    apply(order, input) {
      if (cancelNeedsReason(order) && !input.reason) fail('INVALID_INPUT', '订单已派出，取消时请说明原因')
      const reason = input.reason ?? ''
      return { to: 'cancelled', patch: { reason }, note: reason || '群众取消点单' }
    },
  },
  claim: {
    from: ['dispatched', 'claimed'],
    to: ['claimed'],
    who: ['member'],
    requires: '尚有名额，本人未接过此单，且不是本人所点、代点或为本人代点的单',
    refusal(order, actor) {
      if (gainsFromOwnOrder(order, actor)) return forbidden('不能接本人点的单、本人代点的单或为本人代点的单')
      if (order.claims.some((c) => c.volunteerId === actorId(actor))) return '您已经接过这一单了'
      if (order.claims.length >= order.capacity) return '名额已满，这一单已被其他志愿者接走'
      return null
    },
    notifies: (_order, next) => {
      const claim = next.claims[next.claims.length - 1]
      const text = `「${next.title}」已由志愿者${claim?.name ?? ''}接单（${next.claims.length}/${next.capacity}）`
      return [{ kind: 'claimed', userIds: [next.ownerId], text }]
    },
    // a claim after dropping this order once tells the resident nothing again (they were told of the first claim)
    repeat: { when: droppedBefore },
    apply(order, _input, { actor, now }) {
      if (actor.kind !== 'user') return fail('FORBIDDEN')
      const { user } = actor
      const unitPath = user.unitPath.length > 0 ? user.unitPath : order.originPath
      const claims = [...order.claims, { volunteerId: user.id, name: user.name, at: now, unitPath }]
      return { to: 'claimed', patch: { claims }, note: `已接单（${claims.length}/${order.capacity}）` }
    },
  },
  unclaim: {
    from: ['claimed'],
    to: ['claimed', 'dispatched'],
    who: ['claimer'],
    requires: '服务尚未完成',
    // a second drop takes back the entry of the claim it drops: cycles leave the first 接单 and 放弃接单 in the timeline
    repeat: { when: droppedBefore, undoes: 'claim' },
    apply(order, input, { actor }) {
      const claims = order.claims.filter((c) => c.volunteerId !== actorId(actor))
      return {
        to: claims.length === 0 ? 'dispatched' : 'claimed',
        patch: { claims },
        note: input.note ?? '放弃接单，名额释放',
      }
    },
  },
  complete: {
    from: ['claimed'],
    to: ['completed'],
    who: ['claimer', 'leader'],
    requires: '服务时长0.5–24小时、服务人数',
    notifies: (_order, next) => [{ kind: 'completed', userIds: [next.ownerId], text: `「${next.title}」服务已完成，请评单` }],
    apply(order, input, { actor, now }) {
      const completion = {
        hours: input.hours,
        beneficiaryCount: input.beneficiaryCount,
        note: input.note ?? '',
        by: actorId(actor),
        at: now,
        visits: input.visits ?? input.beneficiaryCount,
        place: input.place ?? order.address.slice(0, 100),
        photos: input.photos ?? [],
      }
      // each claimer's hours: verified by their check-in and check-out, or 待核实 (core/hours.ts)
      const claims = order.claims.map((c) => ({ ...c, hours: hoursAtCompletion(c, input.hours) }))
      return {
        to: 'completed',
        patch: { completion, claims },
        note: `服务${input.hours}小时，服务${input.beneficiaryCount}人${shortHandedNote(order)}${input.note ? `。${input.note}` : ''}`,
      }
    },
  },
  rate: {
    from: ['completed'],
    to: ['rated'],
    who: ['owner'],
    requires: '1–5星，评价不超过200字',
    closesLoop: true,
    // a poor rating opens a 回访 in the same write: the handling unit's managers are told
    notifies: (_order, next) =>
      next.followUp
        ? [{ kind: 'followUpOpened', userIds: [], unitIds: [next.followUp.unitId], text: `「${next.title}」获${next.followUp.stars}星评价，请在${chinaTime(next.followUp.dueAt)}前回访` }]
        : [],
    apply(order, input, { now }) {
      const followUp = followUpFor(order, input.stars, now, input.followUps)
      return {
        to: 'rated',
        patch: { rating: { stars: input.stars, comment: input.comment, at: now }, ...(followUp ? { followUp } : {}) },
        note: `${input.stars}星${input.comment ? `：${input.comment}` : ''}`,
      }
    },
  },
  autoClose: {
    from: ['completed'],
    to: ['closed'],
    who: ['system'],
    requires: '完成后超过评单期限未评',
    closesLoop: true,
    apply() {
      return { to: 'closed', patch: {}, note: '超过评单期限，自动办结' }
    },
  },
  checkIn: {
    from: ['claimed'],
    to: ['claimed'],
    who: ['claimer'],
    requires: '现场出示的签到码（30秒一换）',
    // the first check-in stands: a repeat (a double tap, a second scan) changes nothing
    refusal(order, actor) {
      const at = order.claims.find((c) => c.volunteerId === actorId(actor))?.checkInAt
      return at ? `您已于${clockTime(at)}签到` : null
    },
    apply(order, _input, { actor, now }) {
      const claims = withClaim(order, actorId(actor), (c) => ({ ...c, checkInAt: now }))
      return { to: 'claimed', patch: { claims }, note: `${clockTime(now)}现场签到` }
    },
  },
  checkOut: {
    from: ['claimed'],
    to: ['claimed'],
    who: ['claimer'],
    requires: '已签到；现场出示的签到码',
    refusal(order, actor) {
      return order.claims.find((c) => c.volunteerId === actorId(actor))?.checkInAt ? null : '请先签到，再签退'
    },
    // the last check-out stands: signing out again later moves it
    apply(order, _input, { actor, now }) {
      const claims = withClaim(order, actorId(actor), (c) => ({ ...c, checkOutAt: now }))
      return { to: 'claimed', patch: { claims }, note: `${clockTime(now)}现场签退` }
    },
  },
  approveHours: {
    from: DECIDED_STATUSES,
    to: DECIDED_STATUSES,
    who: ['manager'],
    requires: '待核实的服务时长；认定的小时数不超过上报的，并说明理由',
    refusal: noPendingHours,
    needsReason: always,
    apply(order, input, { actor, now }) {
      const claim = pendingClaim(order, input.volunteerId)
      const reported = claim.hours!.reported
      if (input.hours > reported) fail('INVALID_INPUT', `认定时长不能超过上报的${reported}小时`)
      const hours = decidedHours(claim.hours!, { approve: true, hours: input.hours }, actorId(actor), now, input.reason)
      const claims = withClaim(order, claim.volunteerId, (c) => ({ ...c, hours }))
      return { to: order.status, patch: { claims }, note: `${claim.name}补录${input.hours}小时：${input.reason}` }
    },
    // approved after the loop closed: the hours' points now, once (core/points.ts supplementaryEntry)
    pays(next, input, policy, at, by) {
      const entry = supplementaryEntry(next, input.volunteerId, policy, at, by)
      return entry ? [entry] : []
    },
    audits: hoursAudit(true),
  },
  rejectHours: {
    from: DECIDED_STATUSES,
    to: DECIDED_STATUSES,
    who: ['manager'],
    requires: '待核实的服务时长，并说明理由',
    refusal: noPendingHours,
    needsReason: always,
    apply(order, input, { actor, now }) {
      const claim = pendingClaim(order, input.volunteerId)
      const hours = decidedHours(claim.hours!, { approve: false }, actorId(actor), now, input.reason)
      const claims = withClaim(order, claim.volunteerId, (c) => ({ ...c, hours }))
      return { to: order.status, patch: { claims }, note: `${claim.name}的${claim.hours!.reported}小时不予认定：${input.reason}` }
    },
    audits: hoursAudit(false),
  },
  followUp: {
    from: ['rated'],
    to: ['rated'],
    who: ['manager'],
    requires: '待回访；回访结果和回访情况（1–500字）；联系不上可再试一次，第二次仍联系不上即办结',
    refusal: (order) => (followUpOpen(order) ? null : '这一单没有待回访'),
    apply(order, input, { actor, now }) {
      const followUp = withAttempt(order.followUp!, input.outcome, input.note, { id: actorId(actor), name: actorName(actor) }, now)
      const tail = followUp.status === 'closed' ? '，回访办结' : '，待再次回访'
      return { to: 'rated', patch: { followUp }, note: `回访：${FOLLOW_UP_OUTCOME_LABELS[input.outcome]}${tail}。${input.note}` }
    },
  },
  appeal: {
    from: ['rated'],
    to: ['rated'],
    who: ['leader'],
    requires: `评价后${APPEAL_DAYS}天内，每单一次；申诉理由（1–500字）`,
    // once per order, on a rating, within APPEAL_DAYS of it (the offer hides 申诉 once the window closed)
    refusal: (order, _actor, now) => appealProblem(order, now),
    notifies: (_order, next) => [
      { kind: 'appealed', userIds: [], unitIds: [appealDeciderPath(next).at(-1)!], text: `「${next.title}」的服务队对评价提出申诉，请处理` },
    ],
    apply(order, input, { actor, teams, now }) {
      const team = ledTeamOf(order, actor, teams) ?? fail('FORBIDDEN', '只有受派志愿服务队队长可以申诉')
      const appeal = newAppeal(team.id, { id: actorId(actor), name: actorName(actor) }, input.reason, now)
      return { to: 'rated', patch: { appeal }, note: `${team.name}申诉：${input.reason}` }
    },
  },
  decideAppeal: {
    from: ['rated'],
    to: ['rated'],
    who: ['manager'],
    requires: '待处理的申诉；由承办单位的上级单位管理员处理，并写明处理意见（1–500字）',
    refusal(order, actor) {
      if (order.appeal?.status !== 'pending') return '这一单没有待处理的申诉'
      if (!decidesAppeal(order, actor)) return forbidden('申诉由承办单位的上级单位管理员处理，承办单位不能处理本单位的申诉')
      return null
    },
    notifies: (_order, next) => [
      {
        kind: 'appealDecided',
        userIds: next.appeal ? [next.appeal.by] : [],
        text: `您对「${next.title}」评价的申诉${next.appeal?.status === 'upheld' ? '成立' : '被驳回'}：${next.appeal?.note ?? ''}`,
      },
    ],
    apply(order, input, { actor, now }) {
      const appeal = decidedAppeal(order.appeal!, input.upheld, input.note, { id: actorId(actor), name: actorName(actor) }, now)
      return { to: 'rated', patch: { appeal }, note: `${input.upheld ? '申诉成立' : '驳回申诉'}：${input.note}` }
    },
  },
}

function whoLabel(who: readonly Relation[]): string {
  return who.map((r) => RELATION_LABELS[r]).join('或')
}

/** The row of a lifecycle action, with its consequences (closesLoop, notifies, needsReason). */
export function rowOf<A extends TransitionAction>(action: A): TransitionRow<A> {
  return LIFECYCLE[action] as TransitionRow<A>
}

/**
 * Decide a transition: check who may act and from which state, apply the action's rule,
 * and return the next order (version + 1, with its timeline entry). Throws AppError on refusal.
 */
export function decide<A extends TransitionAction>(action: A, ctx: OrderContext, input: TransitionInput[A], now: string): Order {
  const { order, actor, teams, relations } = ctx
  const row = rowOf(action)
  if (!row.who.some((r) => relations.has(r))) {
    fail('FORBIDDEN', `只有${whoLabel(row.who)}可以${ACTION_LABELS[action]}`)
  }
  if (!row.from.includes(order.status)) {
    fail('CONFLICT', `订单${STATUS_LABELS[order.status]}，不能${ACTION_LABELS[action]}`)
  }
  const refusal = row.refusal?.(order, actor, now)
  if (typeof refusal === 'string') fail('CONFLICT', refusal)
  if (refusal) fail(refusal.code, refusal.message)
  const step = row.apply(order, input, { actor, teams, relations, now })
  const by = actorId(actor)
  const undoes = row.repeat?.when(order, by) ? row.repeat.undoes : undefined
  const entry = { at: now, actorId: by, actorName: actorName(actor), action, from: order.status, to: step.to, note: step.note }
  return {
    ...order,
    ...step.patch,
    status: step.to,
    version: order.version + 1,
    updatedAt: now,
    timeline: undoes ? withoutLatest(order.timeline, undoes, by) : [...order.timeline, entry],
  }
}

/**
 * The actions this person may take on this order at `now` (the caller's clock, ISO), for the UI's buttons (the
 * system's own autoClose is never listed).
 */
export function availableActions({ order, actor, relations }: OrderContext, now: string): TransitionActionName[] {
  return (Object.keys(LIFECYCLE) as OrderAction[]).filter(
    (a): a is TransitionActionName =>
      a !== 'place' &&
      a !== 'autoClose' &&
      LIFECYCLE[a].from.includes(order.status) &&
      (LIFECYCLE[a] as Row).who.some((r) => r !== 'signedIn' && relations.has(r)) &&
      !rowOf(a as TransitionAction).refusal?.(order, actor, now),
  )
}

/** While volunteers may check in (dispatched, claimed), and who shows the code where the service happens. */
const CODE_STATUSES: readonly OrderStatus[] = ['dispatched', 'claimed']
const CODE_RELATIONS: readonly Relation[] = ['owner', 'manager', 'leader']

/**
 * Who may show the order's check-in code (order.checkinCode), and when: the order's owner (the resident, or the proxy
 * who placed it), the handling unit's managers and the dispatched teams' leaders, while it is dispatched or claimed.
 * Why not, as a refusal, or null.
 */
export function checkinCodeRefusal({ order, relations }: OrderContext): Refusal | null {
  if (!CODE_RELATIONS.some((r) => relations.has(r))) return forbidden('只有下单人、承办单位管理员和受派志愿服务队队长可以出示签到码')
  if (!CODE_STATUSES.includes(order.status)) return `订单${STATUS_LABELS[order.status]}，不需要签到码`
  return null
}

/** The offer: the actions available at `now` (ISO), and which of them must ask for a reason on this order. */
export function offerFor(ctx: OrderContext, now: string): OrderOffer {
  const actions = availableActions(ctx, now)
  const offer: OrderOffer = { actions, reasonRequired: actions.filter((a) => rowOf(a).needsReason?.(ctx.order) ?? false) }
  if (checkinCodeRefusal(ctx) === null) offer.showsCheckinCode = true
  return offer
}

/** '（需2名志愿者，实际1人完成）' on the completion of an order short of volunteers, '' otherwise (types/rules.ts). */
function shortHandedNote(order: Order): string {
  const gap = shortHanded(order)
  return gap ? `（${shortHandedText(gap)}）` : ''
}
