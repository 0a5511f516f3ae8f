import { AUDIT_KIND_LABELS, LIMIT_RANGES, ROLE_LABELS, type AuditEntry, type Claim, type LimitKey, type Order, type Role, type Team, type User } from '~types'
import type { OrderContext } from './lifecycle'
import { RELATION_LABELS, canSeeContact } from './relations'

/**
 * What the audit log records (issue 13): one builder per kind of entry, pure, so the handlers only decide when and
 * the store only stores. Ids are deterministic where the event is: a retried request or a second reveal the same day
 * lands on the stored entry instead of adding one.
 */

/** The China-time calendar day of an instant, as 2026-03-02: a reveal is recorded once per viewer, order and day. */
export function chinaDay(at: string): string {
  return new Date(Date.parse(at) + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

/** The id of a viewer's reveal of an order's contact on the day of `at`. */
export function revealId(orderId: string, viewerId: string, at: string): string {
  return `reveal:${orderId}:${viewerId}:${chinaDay(at)}`
}

/**
 * The reveal an answer makes: the order's phone and exact address shown (privacy.ts: contactVisible) to someone who
 * is not its owner (the resident, or the proxy who placed it). Null when nothing is revealed or the viewer owns it.
 */
export function contactRevealOf(ctx: OrderContext, at: string): AuditEntry | null {
  const { actor, order, relations } = ctx
  if (actor.kind !== 'user' || relations.has('owner') || !canSeeContact(relations)) return null
  const { user } = actor
  const role = relations.has('claimer') ? RELATION_LABELS.claimer : '管理员'
  return {
    id: revealId(order.id, user.id, at),
    kind: 'contactRevealed',
    actorId: user.id,
    actorName: user.name,
    actorRole: role,
    targetId: order.id,
    targetName: order.title,
    unitId: order.orgUnitId,
    at,
    summary: `${role}${user.name}查看了「${order.title}」的联系电话和地址`,
  }
}

const roleOf = (user: User) => (user.roles.includes('admin') ? ROLE_LABELS.admin : user.roles.includes('manager') ? ROLE_LABELS.manager : ROLE_LABELS[user.roles[0] ?? 'resident'])

/** A role granted or revoked by an admin (user.grantRole). */
export function roleChangeEntry(p: { id: string; by: User; target: User; role: Role; grant: boolean; unitId: string | null; at: string }): AuditEntry {
  const kind = p.grant ? 'roleGranted' : 'roleRevoked'
  const where = p.grant && p.unitId ? `（管理单位${p.unitId}）` : ''
  return {
    id: p.id,
    kind,
    actorId: p.by.id,
    actorName: p.by.name,
    actorRole: roleOf(p.by),
    targetId: p.target.id,
    targetName: p.target.name,
    unitId: p.unitId ?? p.target.orgUnitId,
    at: p.at,
    summary: `${AUDIT_KIND_LABELS[kind]}：${p.target.name}「${ROLE_LABELS[p.role]}」${where}`,
  }
}

/** A team's leader named, replaced or cleared (catalog.upsertTeam); names of the people as stored, or 无. */
export function leaderChangeEntry(p: { id: string; by: User; team: Team; from: User | null; to: User | null; at: string }): AuditEntry {
  const name = (u: User | null) => u?.name ?? '无'
  return {
    id: p.id,
    kind: 'leaderChanged',
    actorId: p.by.id,
    actorName: p.by.name,
    actorRole: roleOf(p.by),
    targetId: p.team.id,
    targetName: p.team.name,
    unitId: p.team.orgUnitId,
    at: p.at,
    summary: `「${p.team.name}」队长：${name(p.from)} → ${name(p.to)}`,
  }
}

/** A unit's own time limits set or cleared (catalog.updateLimits): each key changed, with its new value or 继承上级. */
export function limitsChangeEntry(p: {
  id: string
  by: User
  unit: { id: string; name: string }
  change: Partial<Record<LimitKey, number | null | undefined>>
  at: string
}): AuditEntry {
  const parts = (Object.keys(LIMIT_RANGES) as LimitKey[])
    .filter((k) => p.change[k] !== undefined)
    .map((k) => `${LIMIT_RANGES[k].label}${p.change[k] === null ? '改为继承上级' : `改为${p.change[k]}`}`)
  return {
    id: p.id,
    kind: 'limitsChanged',
    actorId: p.by.id,
    actorName: p.by.name,
    actorRole: roleOf(p.by),
    targetId: p.unit.id,
    targetName: p.unit.name,
    unitId: p.unit.id,
    at: p.at,
    summary: `${p.unit.name}：${parts.join('，')}`,
  }
}

/**
 * A sign-in from a device this person has not signed in from before (the local host's sign-in): `device` is what the
 * sign-in knows of it (a stable device key, e.g. a hash of the client's device token or user agent), `label` how a
 * person would name it. One entry per person and device: signing in again from it adds nothing.
 */
export function signInEntry(p: { user: User; deviceKey: string; label: string; at: string }): AuditEntry {
  return {
    id: `signin:${p.user.id}:${p.deviceKey}`,
    kind: 'signInNewDevice',
    actorId: p.user.id,
    actorName: p.user.name,
    actorRole: roleOf(p.user),
    targetId: p.user.id,
    targetName: p.user.name,
    unitId: p.user.managedUnitId ?? p.user.orgUnitId,
    at: p.at,
    summary: `${p.user.name}在新设备上登录：${p.label}`,
  }
}

/** A certificate revoked by a manager of the center (certificate.revoke); one entry per certificate. */
export function certificateRevokedEntry(p: { by: User; serial: string; holderId: string; holderName: string; unitId: string; reason: string; at: string }): AuditEntry {
  return {
    id: `certificateRevoked:${p.serial}`,
    kind: 'certificateRevoked',
    actorId: p.by.id,
    actorName: p.by.name,
    actorRole: roleOf(p.by),
    targetId: p.holderId,
    targetName: p.holderName,
    unitId: p.unitId,
    at: p.at,
    summary: `撤销${p.holderName}的志愿服务证明${p.serial}：${p.reason}`,
  }
}

/**
 * A manager's decision on a claimer's 待核实 hours (order.approveHours / rejectHours). The id names the order and the
 * volunteer: hours are decided once, so a second entry for the same claim cannot exist.
 */
export function hoursDecisionEntry(p: { by: User; order: Order; claim: Claim; approve: boolean; hours: number; reason: string; at: string }): AuditEntry {
  const kind = p.approve ? 'hoursApproved' : 'hoursRejected'
  const what = p.approve ? `补录${p.hours}小时` : `不予认定（上报${p.claim.hours?.reported ?? 0}小时）`
  return {
    id: `hours:${p.order.id}:${p.claim.volunteerId}`,
    kind,
    actorId: p.by.id,
    actorName: p.by.name,
    actorRole: roleOf(p.by),
    targetId: p.order.id,
    targetName: p.order.title,
    unitId: p.order.orgUnitId,
    at: p.at,
    summary: `「${p.order.title}」志愿者${p.claim.name}${what}：${p.reason}`,
  }
}
