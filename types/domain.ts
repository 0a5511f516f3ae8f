/** Domain types shared by the mini-program and the cloud functions. */

export const ROLES = ['resident', 'proxy', 'volunteer', 'leader', 'manager', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const UNIT_LEVELS = ['center', 'institute', 'station'] as const
export type UnitLevel = (typeof UNIT_LEVELS)[number]

export const ORDER_STATUSES = [
  'placed',
  'dispatched',
  'claimed',
  'completed',
  'rated',
  'closed',
  'rejected',
  'cancelled',
] as const
export type OrderStatus = (typeof ORDER_STATUSES)[number]

export const ORDER_ACTIONS = [
  'place',
  'escalate',
  'dispatch',
  'recall',
  'decline',
  'reject',
  'cancel',
  'claim',
  'unclaim',
  'complete',
  'rate',
  'autoClose',
  // issue 10: on-site check-in by code, and a manager's decision on hours not backed by it
  'checkIn',
  'checkOut',
  'approveHours',
  'rejectHours',
  // issue 11: 回访 of a poor rating, and a team leader's 申诉 of it
  'followUp',
  'appeal',
  'decideAppeal',
] as const
export type OrderAction = (typeof ORDER_ACTIONS)[number]

/** A unit of the 中心 → 所 → 站 tree. `path` lists the ids from the center down to this unit (inclusive). */
export interface OrgUnit {
  id: string
  name: string
  level: UnitLevel
  parentId: string | null
  path: string[]
  /** the unit's duty phone (值班电话), shown to residents on their orders as 联系站点; absent when none is set */
  phone?: string
}

export interface Theme {
  id: string
  name: string
  /** true for the five themes the pilot county named; false for defaults a county may rename */
  seedNamed: boolean
  sort: number
}

export interface MenuItem {
  id: string
  title: string
  description: string
  themeId: string
  orgUnitId: string
  /** base points a volunteer earns for delivering this item */
  points: number
  active: boolean
}

export interface Team {
  id: string
  name: string
  themeIds: string[]
  orgUnitId: string
  leaderId: string | null
  memberIds: string[]
  description: string
}

export type MembershipStatus = 'pending' | 'active'
export interface Membership {
  id: string
  teamId: string
  userId: string
  userName: string
  status: MembershipStatus
  appliedAt: string
  approvedAt: string | null
  approvedBy: string | null
}

export interface User {
  id: string
  openid: string
  name: string
  phone: string
  roles: Role[]
  /** where the person lives or works (their station); chosen by the person */
  orgUnitId: string | null
  /** path of orgUnitId, center first */
  unitPath: string[]
  /** unit a manager/admin manages; set only by an admin's grant */
  managedUnitId: string | null
  teamIds: string[]
  createdAt: string
  /** a proxy's people they order for, most recent first (at most PROXY_CLIENTS_MAX, core/config.ts) */
  proxyClients?: ProxyClient[]
}

/** Someone a proxy (代办员) orders for: kept in the proxy's profile to pick from on the next order. */
export interface ProxyClient {
  name: string
  address: string
  /** the person's own phone; '' when they have none (the proxy's own number is used then) */
  phone: string
}

/** What a client sees of the signed-in user. */
export interface Profile {
  id: string
  openid: string
  name: string
  phone: string
  roles: Role[]
  orgUnitId: string | null
  managedUnitId: string | null
  teamIds: string[]
  /** a proxy's people they order for (absent for everyone else) */
  proxyClients?: ProxyClient[]
}

/**
 * What became of a claimer's reported hours (issue 10, 志愿服务记录): `verified` 信用时长 (checked in and out on site
 * for at least the share of them core/hours.ts requires), `pending` 待核实 (reported, not backed by on-site time),
 * `approved` 补录 (a manager of the handling unit approved them, with a reason), `rejected` 不予认定.
 */
export const HOURS_STATUSES = ['verified', 'pending', 'approved', 'rejected'] as const
export type HoursStatus = (typeof HOURS_STATUSES)[number]

export interface ClaimHours {
  /** the hours reported for this volunteer at completion */
  reported: number
  status: HoursStatus
  /** the hours that count (verified or approved; 0 while pending or when rejected) */
  credited: number
  /** who approved or rejected them, when and why (approved / rejected only) */
  decidedBy?: string
  decidedAt?: string
  reason?: string
}

export interface Claim {
  volunteerId: string
  name: string
  at: string
  /** the volunteer's unit path when claiming; points earned count toward these units' leaderboards */
  unitPath: string[]
  /** on-site check-in and check-out by code (server time; the first check-in and the last check-out are kept) */
  checkInAt?: string | null
  checkOutAt?: string | null
  /** set at completion: this volunteer's reported hours and whether they count */
  hours?: ClaimHours | null
}

export interface TimelineEntry {
  at: string
  actorId: string
  actorName: string
  action: OrderAction
  from: OrderStatus | null
  to: OrderStatus
  note: string
}

export interface Completion {
  hours: number
  beneficiaryCount: number
  note: string
  by: string
  at: string
  /** 服务人次 (≥ people served), where it happened, and the activity's photos (file ids under the order's path) */
  visits?: number
  place?: string
  photos?: string[]
}

export interface Rating {
  stars: number
  comment: string
  at: string
}

/**
 * 回访 (issue 11): a requester rating at or below the unit's followUpStars opens a call-back by the managers of the
 * handling unit, due `followUpHours` after the rating. `overdue` is not stored: an open follow-up past its dueAt.
 * An 'unreachable' attempt keeps it open for one more try; the second one closes it.
 */
export const FOLLOW_UP_OUTCOMES = ['resolved', 'explained', 'unreachable'] as const
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number]
export const FOLLOW_UP_STATUSES = ['open', 'overdue', 'closed'] as const
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number]

export interface FollowUpAttempt {
  outcome: FollowUpOutcome
  note: string
  by: string
  byName: string
  at: string
}

export interface FollowUp {
  /** the unit that handled the order when it was rated: its managers call back */
  unitId: string
  /** the requester's stars that opened it */
  stars: number
  openedAt: string
  dueAt: string
  /** stored status: 'open' until closed (overdue is open past dueAt) */
  status: 'open' | 'closed'
  attempts: FollowUpAttempt[]
  closedAt: string | null
  /** the outcome that closed it */
  outcome: FollowUpOutcome | null
}

/**
 * 申诉 (issue 11): the leader of a dispatched team contests the requester's rating within APPEAL_DAYS of it; a manager
 * of the parent unit of the handling unit decides. An upheld appeal leaves the rating in the record and out of the
 * team's figures. One appeal per order.
 */
export const APPEAL_STATUSES = ['pending', 'upheld', 'dismissed'] as const
export type AppealStatus = (typeof APPEAL_STATUSES)[number]

export interface Appeal {
  teamId: string
  by: string
  byName: string
  reason: string
  at: string
  status: AppealStatus
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  note: string
}

/**
 * A team's quality over the last 12 months (issue 11), from rollups kept per team and day of placing (never from a
 * scan of the orders): what catalog.teams and order.recommend carry. Rates are shares in [0, 1], null without data.
 */
export interface TeamFigures {
  /** services: served orders (completed, rated or closed) dispatched to the team */
  services: number
  /** requester ratings counted (an upheld appeal takes its rating out) */
  rated: number
  avgStars: number | null
  /** share of counted requester ratings of GOOD_STARS or more */
  goodRate: number | null
  /** public ratings (社会评分), each person once per team and month */
  publicRated: number
  publicAvg: number | null
  /** 回访 opened, and closed by their dueAt */
  followUps: number
  followUpsOnTime: number
  followUpOnTimeRate: number | null
  /** served orders with a preferred time, and those completed by the end of that day (China time) */
  withPreferred: number
  onTime: number
  onTimeRate: number | null
}

export interface Order {
  id: string
  status: OrderStatus
  version: number
  title: string
  need: string
  themeId: string
  menuItemId: string | null
  /** base points captured from the menu item when the order was placed */
  basePoints: number
  phone: string
  /** true when a proxy order's phone is the proxy's own number (使用我的电话), not the person served's */
  phoneOfProxy?: boolean
  address: string
  beneficiaryCount: number
  preferredAt: string | null
  /** the account that placed the order and follows it (resident or proxy) */
  ownerId: string
  ownerName: string
  /** the resident a proxy ordered for, when there is one */
  onBehalfOf: { name: string } | null
  /** unit that handles the order now, and its path from the center */
  orgUnitId: string
  unitPath: string[]
  /** the resident's own unit path when the order was placed; used to rank nearby teams */
  originPath: string[]
  teamIds: string[]
  capacity: number
  claims: Claim[]
  completion: Completion | null
  rating: Rating | null
  /** 回访 opened by a poor requester rating (issue 11); absent or null when none */
  followUp?: FollowUp | null
  /** a team leader's appeal of the requester rating (issue 11); absent or null when none */
  appeal?: Appeal | null
  /** reason given for reject or cancel */
  reason: string
  timeline: TimelineEntry[]
  createdAt: string
  updatedAt: string
}

export interface LedgerEntry {
  id: string
  userId: string
  delta: number
  hours: number
  reason: string
  orderId: string | null
  /** unit path of the volunteer at the time of the entry, for leaderboards by unit */
  unitPath: string[]
  at: string
  by: string
}

export interface Balance {
  userId: string
  balance: number
  earned: number
  hours: number
}

/**
 * A unit's order figures over a period: the orders placed in [from, to) that the unit or a unit below it handles
 * (by unitPath, the same subtree rule as the 派单台 and every manager action: an escalated order counts for the unit
 * it was escalated to).
 */
export interface OrderStats {
  /** 点单数: orders placed */
  placed: number
  /** 接单数: orders taken on, that is claimed at least once */
  taken: number
  /** 服务场次: orders served (completed, rated or closed) */
  served: number
  /** 服务人数: people served, the sum of beneficiaryCount reported at completion of the served orders */
  people: number
  /** every status, zeros included */
  byStatus: Record<OrderStatus, number>
  /** themeId → orders; themes without orders are left out */
  byTheme: Record<string, number>
  /** child unit id → orders placed in its subtree; the unit's own id for orders placed at the unit itself */
  byUnit: Record<string, number>
}

export interface Page<T> {
  items: T[]
  /** pass back as `cursor` to get the next page; null when there is none */
  nextCursor: string | null
}

/**
 * A unit's time limits on waiting orders (see README, 时限). Stored per unit as overrides; a unit inherits every
 * value it does not set from its ancestors, and the center's values are the county defaults.
 */
export interface UnitLimits {
  /** hours an order may wait undispatched (派单) before the handling unit's managers are reminded */
  remindUndispatchedHours: number
  /** hours an order may wait undispatched before it escalates to the parent unit (never beyond the center) */
  escalateUndispatchedHours: number
  /** hours a dispatched order may wait unclaimed (接单) before the leaders of its teams are reminded */
  remindUnclaimedHours: number
  /** hours a dispatched order may wait unclaimed before it returns to the dispatching unit's queue */
  recallUnclaimedHours: number
  /** hours before the preferred time at which an order still short of volunteers alerts the managers (0: never) */
  alertBeforePreferredHours: number
  /** days a completed order may wait for a rating before it is closed and points are paid */
  autoCloseDays: number
  /** days a redemption (积分超市) may wait to be collected before it is cancelled and its points refunded */
  pickupDays: number
  /** hours after a poor requester rating within which the handling unit's managers call back (回访时限) */
  followUpHours: number
  /** a requester rating of this many stars or fewer opens a 回访 (评分不高于几星时回访) */
  followUpStars: number
}

export const LIMIT_KEYS = [
  'remindUndispatchedHours',
  'escalateUndispatchedHours',
  'remindUnclaimedHours',
  'recallUnclaimedHours',
  'alertBeforePreferredHours',
  'autoCloseDays',
  'pickupDays',
  'followUpHours',
  'followUpStars',
] as const satisfies ReadonlyArray<keyof UnitLimits>
export type LimitKey = (typeof LIMIT_KEYS)[number]

/** What one unit sets itself (its overrides); the rest it inherits. */
export interface UnitSettings {
  unitId: string
  limits: Partial<UnitLimits>
  updatedAt: string
  updatedBy: string
}

/** A unit's limits in force, and for each value the unit it comes from (null: the deployment's defaults). */
export interface EffectiveLimits {
  unitId: string
  limits: UnitLimits
  sources: Record<LimitKey, string | null>
  /** what this unit sets itself */
  own: Partial<UnitLimits>
}

export type NotificationKind =
  | 'remindUndispatched'
  | 'escalated'
  | 'remindUnclaimed'
  | 'recalled'
  | 'alertPreferred'
  // recorded by the order actions, in the same write as the transition (see core/notify.ts, who is told what)
  | 'dispatched'
  | 'newTask'
  | 'claimed'
  | 'completed'
  | 'cancelled'
  | 'taskCancelled'
  | 'rejected'
  /** to the resident: their order went up to the parent unit (by its manager or by the time limit) */
  | 'orderEscalated'
  /** 积分超市: a redemption not collected within the unit's pickupDays was cancelled and refunded (orderId: the redemption) */
  | 'redemptionExpired'
  /** issue 11: a poor rating opened a 回访 (to the handling unit's managers) */
  | 'followUpOpened'
  /** a 回访 reached its dueAt (handling unit's managers) / is past dueAt + FOLLOW_UP_ESCALATE_HOURS (parent unit's) */
  | 'followUpDue'
  | 'followUpEscalated'
  /** a team leader appealed the rating (parent unit's managers) / the appeal was decided (the appellant) */
  | 'appealed'
  | 'appealDecided'

/**
 * A notification owed to people, recorded by the scheduled job (and later by order actions) and delivered by the
 * notification port (subscribe message, in-app inbox). `id` is the deterministic key of the event, so recording the
 * same event twice records it once.
 */
export interface AppNotification {
  id: string
  kind: NotificationKind
  orderId: string
  /** the order's title, for the message text */
  title: string
  /** people told by id (for example team leaders) */
  userIds: string[]
  /** units whose managers are told; resolved to people at delivery, so a change of manager is followed */
  unitIds: string[]
  /** what to say, in the users' words */
  text: string
  /** when the event happened (the job's clock) */
  at: string
  /** the limit that fell due, when there was one */
  dueAt: string | null
  /** 'pending' until the delivery has put it in every recipient's inbox and recorded every send attempt */
  status: 'pending' | 'delivered'
  /** when it was delivered (absent while pending) */
  deliveredAt?: string
}

/**
 * The one-time subscribe-message templates the app asks for at the natural taps (after 点单, after 接单, after joining a
 * team). Each accepted request allows exactly one send of that template to that person.
 */
export const SUBSCRIBE_TEMPLATES = ['orderProgress', 'newTask', 'reminder'] as const
export type SubscribeTemplate = (typeof SUBSCRIBE_TEMPLATES)[number]

/** One notification as one person's inbox (消息) holds it. */
export interface InboxMessage {
  /** `${notificationId}:${userId}`: delivering the same notification twice puts it in the inbox once */
  id: string
  userId: string
  notificationId: string
  kind: NotificationKind
  orderId: string | null
  title: string
  text: string
  at: string
  readAt: string | null
}

/** Sends each subscribe-message template may still make to one person (one per accepted request). */
export type SubscribeGrants = Record<SubscribeTemplate, number>

/**
 * One attempt to send a notification to one person as a WeChat subscribe message, id `${notificationId}:${userId}`
 * (so one notification never spends a person's grant twice). 'reserved': a grant was spent and the send is under
 * way (a crash here never sends again: at most once); 'sent'; 'skipped' (nothing spent: no grant, no template
 * configured, no WeChat account, local host); 'failed' (the platform refused: errCode).
 */
export interface SubscribeSend {
  id: string
  notificationId: string
  userId: string
  template: SubscribeTemplate
  outcome: 'reserved' | 'sent' | 'skipped' | 'failed'
  /** why it was skipped or failed, in words a manager can read */
  reason: string | null
  errCode: number | null
  at: string
}
