import type {
  Balance,
  EffectiveLimits,
  LedgerEntry,
  Membership,
  MenuItem,
  Order,
  OrderAction,
  OrderStats,
  OrderStatus,
  OrgUnit,
  Page,
  Profile,
  Team,
  TeamFigures,
  Theme,
  InboxMessage,
  SubscribeTemplate,
} from './domain'
import type { FollowUpOutcome, FollowUpStatus } from './domain'
import type { AuditEntry, ContactReveal } from './audit'
import type { CertificateAnswer, CertificateListing, CertificateStatus, CertificateVerification, ServiceRecord, ServiceTotals } from './certificates'
import type { UploadAnswer } from './uploads'
import type { ActionInput, ActionName, FunctionName } from './schemas'
import type { Goods, Honours, Redemption } from './mall'
import type { LikeAnswer, PublicRateAnswer, WallItem } from './social'
import type { LookBackAnswer } from './look-back'

/** Lifecycle actions a person can take on an existing order (every OrderAction but place and autoClose). */
export type TransitionActionName = Exclude<OrderAction, 'place' | 'autoClose'>

/** An order as a given viewer may see it: phone and address are masked unless `contactVisible`. */
export type OrderView = Omit<Order, 'originPath'> & { contactVisible: boolean }

/**
 * What the caller may do with an order now, read from the lifecycle table on the server: the buttons to show, and
 * which of them must ask for a reason (退回, 队伍退单, and 取消 once the order was dispatched). The app never
 * re-decides either.
 */
export interface OrderOffer {
  actions: TransitionActionName[]
  reasonRequired: TransitionActionName[]
  /** present (true) when the caller may show the order's check-in code (order.checkinCode) now */
  showsCheckinCode?: true
}

/** order.checkinCode: the code volunteers enter or scan now, until `expiresAt` (a new one every `periodSeconds`). */
export interface CheckinCodeAnswer {
  code: string
  expiresAt: string
  periodSeconds: number
}

/**
 * Who handles an order and how to reach them, for the resident's order page (order.get, for the order's owner): the
 * handling unit with its phone, and while the order waits on the staff (待派单, or 待接单 with nobody yet), by when
 * the unit's limit says it should move on (core/overview.ts dueAtOf, the same clock as 超时 and the reminders).
 */
export interface OrderHandling {
  unitId: string
  unitName: string
  /** the unit's duty phone, '' when it has none */
  phone: string
  /** the status the deadline is about; the page shows it only while the order is still in it */
  status: OrderStatus
  /** what is to happen by dueAt: 派单 or 接单; null when the order waits on no one */
  next: 'dispatch' | 'claim' | null
  dueAt: string | null
  limitHours: number | null
}

/** The answer of order.get and of every order write: the order as the caller sees it, and what they may do next. */
export type OrderAnswer = { order: OrderView; handling?: OrderHandling } & OrderOffer

/** An order in a list: the view with the caller's offer beside its fields. */
export type OrderItem = OrderView & OrderOffer

/**
 * An order in 订单总览 (order.overview): the list item with what a manager's card shows beside it, decided on the
 * server (core/overview.ts).
 */
export type OverviewItem = OrderItem & {
  /** the name of the unit handling the order now */
  unitName: string
  /** the names of the teams it was dispatched to, in the order's order */
  teamNames: string[]
  /** the handling unit's limit on the wait in the current status (hours), or null when the status waits on no one */
  limitHours: number | null
  /** when that limit passes (from the last transition), or null */
  dueAt: string | null
  /** waiting past its limit now (超时) */
  overdue: boolean
  /** id of another open order that looks like the same request (疑似重复), or null */
  duplicateOf: string | null
}

/**
 * A 回访 in the managers' list (order.followUps, issue 11): the rating that opened it and where it stands, the person
 * served masked (no phone or address).
 */
export interface FollowUpItem {
  orderId: string
  title: string
  stars: number
  comment: string
  /** the person served, masked as on the wall (core/social.ts maskedResident) */
  resident: string
  unitId: string
  unitName: string
  openedAt: string
  dueAt: string
  /** 'overdue': open past dueAt now */
  status: FollowUpStatus
  overdue: boolean
  attempts: number
  outcome: FollowUpOutcome | null
}

/** A person as the admins' 人员与角色 search lists them. */
export type PersonListing = Profile & { unitPath: string[] }

/**
 * A team as catalog.teams lists it: `memberIds` only for an admin, a manager of the team's unit or above, and the
 * team's leader (core/team-view.ts); absent for everyone else.
 */
/**
 * A team as catalog.teams lists it: member ids only for those who may see them, and (in the answer, always) its figures
 * of the last 12 months with their one line (issue 11; optional only for the core's own listings).
 */
export type TeamListing = Omit<Team, 'memberIds'> & { memberIds?: string[]; figures?: TeamFigures; figuresLine?: string }

export interface TeamRecommendation {
  team: Team
  score: number
  reasons: string[]
  openLoad: number
  rating: { average: number; count: number } | null
  /** the team's size (队员) and the orders it has served (completed, rated or closed) */
  memberCount: number
  served: number
  /** the team's figures over the last 12 months (issue 11; always in the answer); their line is among the reasons */
  figures?: TeamFigures
}

export interface LeaderboardRow {
  rank: number
  userId: string
  name: string
  points: number
  hours: number
}

/** What one run of the scheduled job did (zeros when nothing was due). */
export interface CronReport {
  now: string
  autoClosed: number
  escalated: number
  /** dispatched orders nobody claimed in time, returned to the dispatching unit's queue */
  recalled: number
  /** reminders newly recorded (undispatched, unclaimed) */
  reminded: number
  /** preferred-time alerts newly recorded */
  alerted: number
  /** orders read, per sweep (its round) and per deadline in force (`placed:escalateUndispatchedHours=48`) */
  read: Record<string, number>
  /** notifications delivered by this run (inbox, and subscribe message where granted) */
  delivered: number
  /** inbox messages newly put in */
  inboxed: number
  /** WeChat subscribe messages sent */
  sent: number
  /** expired rate-limit buckets deleted */
  purged: number
  /** exports older than EXPORT_TTL_HOURS deleted with their files */
  exportsDeleted: number
  /** the statistics rollups of one day recounted from its orders (issue 9); drift = figures found wrong and repaired */
  statsRepair?: { day: string; orders: number; drift: number; skipped?: true }
  /** 积分超市 redemptions not collected within their unit's pickupDays, cancelled and refunded */
  redemptionsExpired: number
}

/** One reason and how many orders gave it (normalised text, core/figures.ts reasonKey). */
export interface ReasonFigure {
  reason: string
  n: number
}

/** Where every order of a period stands now: each is in exactly one of served, open, rejected, cancelled. */
export interface FateFigures {
  served: number
  open: { total: number; placed: number; dispatched: number; claimed: number; overdue: number }
  rejected: { total: number; reasons: ReasonFigure[] }
  cancelled: { total: number; reasons: ReasonFigure[] }
  /** flags, not fates: orders escalated (recalled) at least once */
  escalated: number
  recalled: number
}

export interface FigureRow {
  placed: number
  served: number
  people: number
  volunteerTimes: number
  hours: number
}

/** stats.summary's figures (definitions in cloudfunctions/core/figures.ts FIGURES and the README). */
export interface SummaryStats extends OrderStats {
  dispatched: number
  rated: number
  volunteers: number
  volunteerTimes: number
  hours: number
  /** null when nothing was rated */
  avgStars: number | null
  /** 0–1; null when nothing was rated */
  goodRate: number | null
  /** rated 3 stars or fewer with a 回访 not yet closed (issue 11) */
  followUpOpen: number
  /** 待回头看: overdue + rejected + cancelled + followUpOpen, the orders of stats.lookBack */
  lookBack: number
  fate: FateFigures
  /** the period's China-time months, oldest first, each with its figures */
  byMonth: Array<FigureRow & { month: string }>
  /** per theme and per child unit, with more than the placed counts of byTheme and byUnit */
  themes: Array<FigureRow & { themeId: string }>
  units: Array<FigureRow & { unitId: string }>
}

export interface IdleTeam {
  id: string
  name: string
  orgUnitId: string
  /** when the team last served, null if never */
  lastServedAt: string | null
}

/** What each action answers with. */
export interface ApiResponses {
  user: {
    login: { user: Profile }
    updateProfile: { user: Profile }
    applyTeam: { membership: Membership }
    approveMember: { membership: Membership }
    /** the caller's own memberships, active and pending */
    memberships: { items: Membership[] }
    /** pending applications to the teams the caller leads, or (manager) to the teams of their unit and below */
    applications: { items: Membership[] }
    search: Page<PersonListing>
    grantRole: { user: Profile }
    /** the audit log, newest first */
    audit: Page<AuditEntry>
    /** the code to hand to the invited person (stored upper case, without dashes) and when it stops working */
    invite: { code: string; expiresAt: string }
    /** sends each template may still make to this person */
    grantSubscribe: { grants: Record<SubscribeTemplate, number> }
  }
  catalog: {
    tree: OrgUnit[]
    themes: Theme[]
    menu: { themes: Theme[]; items: MenuItem[] }
    teams: TeamListing[]
    upsertMenuItem: { item: MenuItem }
    upsertTeam: { team: Team }
    limits: EffectiveLimits
    updateLimits: EffectiveLimits
  }
  order: {
    place: OrderAnswer
    /** with the lifecycle actions the caller may take on it now (read from the lifecycle table) */
    get: OrderAnswer
    /** who has seen the order's phone and address, newest first */
    reveals: { items: ContactReveal[] }
    listMine: Page<OrderItem>
    queue: Page<OrderItem>
    tasks: Page<OrderItem>
    overview: Page<OverviewItem>
    followUps: Page<FollowUpItem>
    recommend: { recommendations: TeamRecommendation[] }
    dispatch: OrderAnswer
    escalate: OrderAnswer
    recall: OrderAnswer
    decline: OrderAnswer
    reject: OrderAnswer
    cancel: OrderAnswer
    claim: OrderAnswer
    unclaim: OrderAnswer
    complete: OrderAnswer
    /** the photo as an upload of the order, to name in complete's photos */
    attachPhoto: UploadAnswer
    /** the wxa_media_check push (system only): whether a pending photo took the verdict */
    mediaVerdict: { applied: boolean }
    rate: OrderAnswer & { awards: LedgerEntry[] }
    checkinCode: CheckinCodeAnswer
    checkIn: OrderAnswer
    checkOut: OrderAnswer
    approveHours: OrderAnswer & { awards: LedgerEntry[] }
    rejectHours: OrderAnswer
    followUp: OrderAnswer
    appeal: OrderAnswer
    decideAppeal: OrderAnswer
  }
  points: {
    balance: Balance
    ledger: Page<LedgerEntry>
    leaderboard: { unitId: string; month: string; rows: LeaderboardRow[] }
    serviceRecords: { services: ServiceRecord[]; totals: ServiceTotals; certificates: CertificateListing[] }
    honors: Honours
  }
  mall: {
    /** with the caller's balance, so the page shows both from one request */
    goods: { items: Goods[]; balance: number }
    upsertGoods: { goods: Goods }
    /** the picture as an upload of the unit, to name in upsertGoods' pictureId */
    attachPicture: UploadAnswer
    redeem: { redemption: Redemption; balance: number }
    mine: Page<Redemption>
    pending: Page<Redemption>
    fulfil: { redemption: Redemption }
    /** balance: the caller's, when the caller is the person who redeemed (a manager is not shown another's) */
    cancel: { redemption: Redemption; balance?: number }
  }
  cron: {
    run: CronReport
  }
  inbox: {
    list: Page<InboxMessage> & { unread: number }
    unread: { unread: number }
    read: { unread: number }
  }
  stats: {
    summary: { unitId: string; from: string; to: string; stats: SummaryStats }
    idleTeams: { unitId: string; since: string; teams: IdleTeam[] }
    lookBack: LookBackAnswer
  }
  export: {
    create: ExportAnswer
  }
  certificate: {
    issue: CertificateAnswer
    revoke: { serial: string; status: CertificateStatus; revokedAt: string; revokeReason: string }
  }
  public: {
    verifyCertificate: CertificateVerification
    wall: Page<WallItem>
    like: LikeAnswer
    unlike: LikeAnswer
    rate: PublicRateAnswer
  }
}

/** A file made by export.create: where to fetch it until it expires (a temporary URL on WeChat, /api/exports/<id> locally). */
export interface ExportAnswer {
  exportId: string
  fileName: string
  url: string
  expiresAt: string
  /** data rows written (report14534: figures) */
  rows: number
}

export type ApiRequest<F extends FunctionName, A extends ActionName<F>> = { action: A } & ActionInput<F, A>
export type ApiResponse<F extends FunctionName, A extends ActionName<F>> = A extends keyof ApiResponses[F]
  ? ApiResponses[F][A]
  : never

/** What POST /api/auth/register and /api/auth/login answer (the local host's own sign-in). */
export interface SignInAnswer {
  /** send as `Authorization: Bearer <token>` */
  token: string
  expiresAt: string
}

/** The field of the register or login form a sign-in refusal is about (its error carries it as `field`). */
export const SIGN_IN_FIELDS = ['phone', 'password', 'name', 'orgUnitId', 'invite'] as const
export type SignInField = (typeof SIGN_IN_FIELDS)[number]

/** GET /api/auth/methods: which sign-ins this host offers to this request. */
export interface SignInMethods {
  /** the development login (pick a demo user), only on a loopback host with it on */
  devLogin: boolean
  /** phone and password (register, login) */
  password: boolean
}
