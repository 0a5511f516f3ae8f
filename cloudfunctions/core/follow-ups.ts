import type { Appeal, FollowUp, FollowUpOutcome, Order, Team, UnitLimits, UnitSettings } from '~types'
import { APPEAL_DAYS } from './config'
import { resolveLimits } from './limits'
import { type Actor, managedUnitOf } from './relations'

const HOUR_MS = 3_600_000
const DAY_MS = 24 * HOUR_MS

/** What the rate row needs to open a 回访: every unit's own settings (one read) and the deployment's defaults. */
export interface FollowUpLimitsInput {
  settings: readonly UnitSettings[]
  defaults: UnitLimits
}

/**
 * The 回访 a requester rating opens, or null: stars at or below followUpStars of the handling unit's limits in force
 * open one for that unit, due followUpHours after the rating.
 */
export function followUpFor(order: Order, stars: number, at: string, input: FollowUpLimitsInput): FollowUp | null {
  const { limits } = resolveLimits(order.unitPath, input.settings, input.defaults)
  if (stars > limits.followUpStars) return null
  return {
    unitId: order.orgUnitId,
    stars,
    openedAt: at,
    dueAt: new Date(Date.parse(at) + limits.followUpHours * HOUR_MS).toISOString(),
    status: 'open',
    attempts: [],
    closedAt: null,
    outcome: null,
  }
}

/** Whether the order has a 回访 still open. */
export const followUpOpen = (order: Order): boolean => order.followUp?.status === 'open'

/** Whether an open 回访 is past its dueAt at `now`. */
export const followUpOverdue = (f: FollowUp, now: string): boolean => f.status === 'open' && Date.parse(now) > Date.parse(f.dueAt)

/**
 * One call-back attempt: resolved and explained close it; the first unreachable keeps it open for one more try, the
 * second closes it with the outcome unreachable.
 */
export function withAttempt(f: FollowUp, outcome: FollowUpOutcome, note: string, by: { id: string; name: string }, at: string): FollowUp {
  const attempts = [...f.attempts, { outcome, note, by: by.id, byName: by.name, at }]
  const closes = outcome !== 'unreachable' || f.attempts.some((a) => a.outcome === 'unreachable')
  return closes ? { ...f, attempts, status: 'closed', closedAt: at, outcome } : { ...f, attempts }
}

/** The units whose managers decide an appeal: the parent unit of the handling unit and those above it (the center when at the center). */
export function appealDeciderPath(order: Order): string[] {
  return order.unitPath.length > 1 ? order.unitPath.slice(0, -1) : [...order.unitPath]
}

/** Whether this person may decide the order's appeal: a manager of the parent unit of the handling unit or above. */
export function decidesAppeal(order: Order, actor: Actor): boolean {
  if (actor.kind !== 'user') return false
  const unitId = managedUnitOf(actor.user)
  return unitId !== null && appealDeciderPath(order).includes(unitId)
}

/** The dispatched team this person leads, or null. */
export function ledTeamOf(order: Order, actor: Actor, teams: readonly Team[]): Team | null {
  if (actor.kind !== 'user') return null
  return teams.find((t) => order.teamIds.includes(t.id) && t.leaderId === actor.user.id) ?? null
}

/** When the appeal window of a rating ends (APPEAL_DAYS after it). */
export const appealEndsAt = (ratedAt: string): string => new Date(Date.parse(ratedAt) + APPEAL_DAYS * DAY_MS).toISOString()

/** Why this order's rating may not be appealed now, or null. */
export function appealProblem(order: Order, now: string): string | null {
  if (order.appeal) return '这一单已经申诉过了，每单只能申诉一次'
  if (!order.rating) return '这一单还没有评价，不能申诉'
  if (Date.parse(now) > Date.parse(appealEndsAt(order.rating.at))) return `评价已超过${APPEAL_DAYS}天，不能再申诉`
  return null
}

export function newAppeal(teamId: string, by: { id: string; name: string }, reason: string, at: string): Appeal {
  return { teamId, by: by.id, byName: by.name, reason, at, status: 'pending', decidedBy: null, decidedByName: null, decidedAt: null, note: '' }
}

export function decidedAppeal(a: Appeal, upheld: boolean, note: string, by: { id: string; name: string }, at: string): Appeal {
  return { ...a, status: upheld ? 'upheld' : 'dismissed', decidedBy: by.id, decidedByName: by.name, decidedAt: at, note }
}
