import type {
  AppNotification,
  Balance,
  InboxMessage,
  SubscribeGrants,
  SubscribeSend,
  SubscribeTemplate,
  LedgerEntry,
  Membership,
  MenuItem,
  Order,
  OrderStats,
  OrderStatus,
  OrgUnit,
  Page,
  Role,
  Team,
  Theme,
  UnitSettings,
  User,
} from '~types'

/**
 * The Store port: the domain operations the use cases need, never a generic query language.
 * Each method is one round trip for the caller. Adapters: SQLite (adapters/sqlite) and CloudBase (adapters/cloudbase).
 * Every method that writes more than one record is atomic: all or nothing.
 */
export interface Store {
  // ---- users
  getUserByOpenid(openid: string): Promise<User | null>
  getUsers(ids: string[]): Promise<User[]>
  /** Inserts the user; if a user with the same id already exists, returns the stored one unchanged. */
  createUser(user: User): Promise<User>
  /** Sets profile fields (name, phone, orgUnitId with its unitPath). Returns the updated user, or null if absent. */
  updateProfile(userId: string, patch: ProfilePatch): Promise<User | null>
  /** Adds or removes a role atomically; for manager/admin grants also sets managedUnitId (null on revoke of both). */
  setRole(userId: string, role: Role, grant: boolean, managedUnitId?: string | null): Promise<User | null>
  /** Only for the development login and demo tools. */
  listUsers(): Promise<User[]>

  // ---- organisation and catalog
  listUnits(): Promise<OrgUnit[]>
  getUnit(id: string): Promise<OrgUnit | null>
  listThemes(): Promise<Theme[]>
  /** Active and inactive items of the given units, sorted by theme sort, then title. */
  listMenuItems(unitIds: string[]): Promise<MenuItem[]>
  getMenuItem(id: string): Promise<MenuItem | null>
  /** Insert or replace by id. */
  saveMenuItem(item: MenuItem): Promise<MenuItem>
  /** Teams matching every given filter (ids: any of; unitIds: any of; themeId: serves it). Sorted by name. */
  listTeams(filter: TeamFilter): Promise<Team[]>
  /**
   * Insert or replace a team by id (memberIds of an existing team are kept and the leader is added to them).
   * If leaderId is set, atomically gives that user the roles leader and volunteer and adds the team to their teamIds.
   */
  saveTeam(team: Team): Promise<Team>
  /** Open load (dispatched or claimed orders) and rating (rated orders) per team id. Missing teams get zeros. */
  teamStats(teamIds: string[]): Promise<Record<string, TeamStats>>

  // ---- membership
  /** Inserts a pending membership with id `${teamId}:${userId}`; if it exists, returns the stored one. */
  applyMembership(m: Membership): Promise<Membership>
  getMembership(teamId: string, userId: string): Promise<Membership | null>
  listMemberships(teamIds: string[], status?: Membership['status']): Promise<Membership[]>
  /** One person's memberships (active and pending), oldest application first. */
  listMembershipsOfUser(userId: string): Promise<Membership[]>
  /**
   * Atomically: membership → active (approvedAt, approvedBy), team.memberIds ∪ userId, user.teamIds ∪ teamId,
   * user.roles ∪ volunteer. Idempotent: approving an active membership returns it unchanged. Null if no membership.
   */
  approveMembership(teamId: string, userId: string, approvedBy: string, at: string): Promise<Membership | null>
  /** Deletes a pending membership (an application turned down). Returns false if there was none pending. */
  declineMembership(teamId: string, userId: string): Promise<boolean>

  // ---- orders
  /** Inserts; if an order with the same id exists (a retried place), returns the stored one and created=false. */
  insertOrder(order: Order): Promise<{ order: Order; created: boolean }>
  /**
   * One read for an order action: the order, the requested teams, and the stored answer of an earlier request with
   * the same key (a retried write), if any.
   */
  loadOrder(orderId: string, opts?: { teamIds?: string[]; requestKey?: string }): Promise<LoadedOrder>
  /**
   * The conditional write of a lifecycle transition: replace the order with `next` only if the stored version is
   * `expectedVersion` (next.version must be expectedVersion + 1). In the same transaction, append the awards to the
   * ledger with their balances and store the request's answer under its key.
   * 'conflict': the order moved meanwhile (or is gone); 'duplicate': an award id already exists. Nothing is written
   * unless the answer is 'ok'.
   */
  transition(change: TransitionChange): Promise<'ok' | 'conflict' | 'duplicate'>
  listOrders(query: OrderQuery, page: PageRequest): Promise<Page<Order>>
  /**
   * Orders in `status` whose updatedAt is before `before`, oldest first (updatedAt, then id), at most `limit`,
   * strictly after the position `after` when given. For the scheduled job.
   */
  listStale(status: OrderStatus, before: string, limit: number, after?: StalePosition): Promise<Order[]>

  /**
   * Open orders (placed, dispatched or claimed) with a preferred time before `before`, soonest first (preferredAt,
   * then id), at most `limit`, strictly after `after` when given. For the scheduled job's alerts.
   */
  listPreferredDue(before: string, limit: number, after?: { preferredAt: string; id: string }): Promise<Order[]>

  /** Figures of the orders created in [from, to) whose unitPath contains unitId, as they stand now (see OrderStats). */
  orderStats(q: { unitId: string; from: string; to: string }): Promise<OrderStats>

  // ---- time limits and the scheduled job
  /** The settings of the given units that have any (units without are left out). */
  getUnitSettings(unitIds: string[]): Promise<UnitSettings[]>
  /** Every unit's settings (a county has at most a few hundred units). */
  listUnitSettings(): Promise<UnitSettings[]>
  /** Inserts or replaces the unit's settings. */
  saveUnitSettings(settings: UnitSettings): Promise<UnitSettings>
  /**
   * Records notifications by their deterministic id: one whose id is already stored is left as it was.
   * Returns the ids newly recorded.
   */
  recordNotifications(notifications: AppNotification[]): Promise<string[]>
  /** An order's notifications, oldest first. */
  listOrderNotifications(orderId: string): Promise<AppNotification[]>
  /** Pending notifications, oldest first (at, then id), at most `limit`: the delivery run's batch. */
  listPendingNotifications(limit: number): Promise<AppNotification[]>
  /** Marks these notifications delivered (status 'delivered', deliveredAt); ids not pending are left alone. */
  markNotificationsDelivered(ids: string[], at: string): Promise<void>
  /** The managers (and admins) whose managedUnitId is one of these units: who a unit's notifications reach. */
  listManagersOf(unitIds: string[]): Promise<User[]>

  // ---- inbox (消息) and subscribe messages
  /** Inserts the messages by id (`${notificationId}:${userId}`); one already stored is left alone. Returns the ids new. */
  insertInbox(messages: InboxMessage[]): Promise<string[]>
  /** One person's messages, newest first (at, then id). */
  listInbox(userId: string, page: PageRequest): Promise<Page<InboxMessage>>
  /** How many of one person's messages are unread. */
  countUnread(userId: string): Promise<number>
  /** Marks one person's messages read (ids: those of them; null: all), leaving read ones alone. Returns how many. */
  markRead(userId: string, ids: string[] | null, at: string): Promise<number>
  /** Sends left per template (zeros when the person never granted any). */
  getSubscribeGrants(userId: string): Promise<SubscribeGrants>
  /**
   * Adds one send per template (a template twice: two), atomically, and returns the sends left. With `requestKey`,
   * a repeated request adds nothing and returns the sends left now.
   */
  addSubscribeGrants(userId: string, templates: SubscribeTemplate[], requestKey?: string): Promise<SubscribeGrants>
  /**
   * Atomically: unless a send with this id is recorded ('duplicate', nothing changes), spend one of the person's
   * grants of send.template and record the send as 'reserved' ('reserved'); with no grant left, record it as skipped
   * (reason given in `noGrantReason`) and answer 'noGrant'.
   */
  reserveSend(send: SubscribeSend, noGrantReason: string): Promise<'reserved' | 'noGrant' | 'duplicate'>
  /** Records a send attempt that spends nothing (skipped); false if one with this id is recorded. */
  recordSend(send: SubscribeSend): Promise<boolean>
  /** Replaces a reserved send's outcome; with `refund`, gives the spent grant back in the same transaction. */
  settleSend(send: SubscribeSend, refund: boolean): Promise<void>
  /** The send attempts of one notification, by user id. */
  listSends(notificationId: string): Promise<SubscribeSend[]>

  /** The saved positions of a job's sweeps (empty when none); a position is an opaque string. */
  getCursors(job: string): Promise<Record<string, string>>
  /** Replaces the saved positions of a job's sweeps. */
  saveCursors(job: string, cursors: Record<string, string>): Promise<void>

  // ---- points ledger
  /**
   * Appends entries and updates each user's balance (balance += delta, earned += max(delta,0), hours += hours)
   * atomically. 'duplicate' if any entry id exists; 'insufficient' if a balance would go below zero.
   */
  appendLedger(entries: LedgerEntry[]): Promise<'ok' | 'duplicate' | 'insufficient'>
  getBalance(userId: string): Promise<Balance>
  /** Newest first. */
  listLedger(userId: string, page: PageRequest): Promise<Page<LedgerEntry>>
  /** Sum of deltas and hours per user over entries whose unitPath contains unitId and at ∈ [from, to). */
  leaderboard(q: { unitId: string; from: string; to: string; limit: number }): Promise<LeaderboardEntry[]>
  /** Checks balance = Σ entries (and earned, hours) for every user; lists the users where it does not hold. */
  reconcile(): Promise<{ checked: number; mismatches: Array<{ userId: string; balance: number; sum: number }> }>

  // ---- bulk load of a demo or migrated county into an empty store
  isEmpty(): Promise<boolean>
  importData(data: ImportData): Promise<void>
}

export interface ProfilePatch {
  name?: string
  phone?: string
  orgUnitId?: string
  unitPath?: string[]
}

export interface TeamFilter {
  ids?: string[]
  unitIds?: string[]
  themeId?: string
}

export interface TeamStats {
  openLoad: number
  ratingSum: number
  ratingCount: number
}

export interface LoadedOrder {
  order: Order | null
  teams: Team[]
  /** the stored answer of an earlier request with the same key; undefined when there was none */
  replay: unknown
}

export interface TransitionChange {
  orderId: string
  expectedVersion: number
  next: Order
  awards?: LedgerEntry[]
  request?: { key: string; response: unknown }
  /** recorded in the same transaction, as recordNotifications does (an id already stored is left alone) */
  notifications?: AppNotification[]
}

/** A position in the oldest-first order of listStale. */
export interface StalePosition {
  updatedAt: string
  id: string
}

export type OrderQuery =
  /** orders placed by this account, newest first */
  | { kind: 'owner'; ownerId: string }
  /** orders whose unitPath contains unitId and status is one of statuses, oldest first */
  | { kind: 'queue'; unitId: string; statuses: OrderStatus[] }
  /**
   * a volunteer's tasks, newest first: orders dispatched or claimed whose teamIds meet teamIds,
   * together with every order (any status) the volunteer has claimed
   */
  | { kind: 'tasks'; teamIds: string[]; volunteerId: string }

export interface PageRequest {
  cursor?: string
  limit: number
}

export interface LeaderboardEntry {
  userId: string
  points: number
  hours: number
}

export interface ImportData {
  units: OrgUnit[]
  themes: Theme[]
  menuItems: MenuItem[]
  teams: Team[]
  users: User[]
  memberships: Membership[]
  /** the center's seeded limits (the county defaults), and any unit's own */
  settings?: UnitSettings[]
}
