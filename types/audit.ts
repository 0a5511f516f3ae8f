/**
 * The audit log of sensitive actions (issue 13): who did what to whom, when. Entries are written by the server only
 * and never edited; admins read them (user.audit), and the people an order concerns read who saw its contact
 * (order.reveals).
 */
export const AUDIT_KINDS = [
  'roleGranted',
  'roleRevoked',
  'leaderChanged',
  'limitsChanged',
  'pointsCorrected',
  'contactRevealed',
  'signInNewDevice',
  'certificateRevoked',
  'hoursApproved',
  'hoursRejected',
] as const
export type AuditKind = (typeof AUDIT_KINDS)[number]

export const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  roleGranted: '授予角色',
  roleRevoked: '撤销角色',
  leaderChanged: '更换队长',
  limitsChanged: '修改时限',
  pointsCorrected: '积分更正',
  contactRevealed: '查看联系方式',
  signInNewDevice: '新设备登录',
  certificateRevoked: '撤销志愿服务证明',
  hoursApproved: '补录时长',
  hoursRejected: '不予认定时长',
}

export interface AuditEntry {
  /** deterministic where the event is (a reveal: viewer, order and China-time day), so a repeat is not stored twice */
  id: string
  kind: AuditKind
  /** who acted (a person's id), and their name and role as they acted (e.g. 管理员, 已接单志愿者) */
  actorId: string
  actorName: string
  actorRole: string
  /** what it concerns: a user, a team, a unit or an order, by id, and how a person names it */
  targetId: string
  targetName: string
  /** the unit it belongs to (the team's, the order's handling unit, the unit whose limits changed), for filtering */
  unitId: string | null
  at: string
  /** a short Chinese sentence for the log */
  summary: string
}

/** Who saw an order's phone and address, and when (order.reveals): at most one per viewer per China-time day. */
export interface ContactReveal {
  viewerName: string
  viewerRole: string
  at: string
}
