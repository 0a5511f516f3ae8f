import { CHINA_OFFSET_MS, type FigureRow, GOOD_STARS, type LookBackReason, type Order, ORDER_STATUSES, type OrderStatus, type SummaryStats } from '~types'
import { orderCreditedHours } from './hours'
import { childOn, isServed, isTaken, peopleServed } from './stats'

/**
 * The figures a center reports, defined once (issue 9). Every figure counts the orders PLACED in the period (China
 * time, whole days) that the unit or a unit below it handles now (by unitPath, as the 派单台 does). Each has the
 * sentence a center director reads under it (`FIGURES`, listed in the README); the rollups (`rollupOf`) and the
 * recount in the scheduled job both come from the functions here, and the export may use them too.
 */

export { FIGURES, GOOD_STARS, type FigureDefinition, type FigureKey } from '~types'

/** Distinct reasons kept per unit, day and fate (more go to OTHER_REASON); each normalised to at most REASON_KEY_MAX characters. */
export const REASONS_TRACKED = 20
export const REASON_KEY_MAX = 20
export const OTHER_REASON = '其他'
export const NO_REASON = '未说明'
/** How many reasons a summary shows per fate. */
export const TOP_REASONS = 5
/** Longest period a summary covers (days); the API refuses longer ones. */
export const MAX_PERIOD_DAYS = 3 * 366
/** A team with no served order for this many days is listed as idle (无服务队伍). */
export const IDLE_TEAM_DAYS = 30

/** Each order of a period is in exactly one fate. */
export const FATES = ['served', 'open', 'rejected', 'cancelled'] as const
export type Fate = (typeof FATES)[number]

export function fateOf(status: OrderStatus): Fate {
  if (isServed(status)) return 'served'
  if (status === 'rejected') return 'rejected'
  if (status === 'cancelled') return 'cancelled'
  return 'open'
}

// ---------------------------------------------------------------- rollups

/** Counters kept per (unit, China day of placing, child unit, theme). `s_<status>` counts the orders in each status now. */
export const ROLLUP_COUNTERS = [
  'placed',
  'dispatched',
  'taken',
  'rated',
  'people',
  'hours',
  'volunteerTimes',
  'stars',
  'good',
  'escalated',
  'recalled',
  'followUpOpen',
  's_placed',
  's_dispatched',
  's_claimed',
  's_completed',
  's_rated',
  's_closed',
  's_rejected',
  's_cancelled',
] as const
export type RollupCounter = (typeof ROLLUP_COUNTERS)[number]
export type Counters = Record<RollupCounter, number>

export const zeroCounters = (): Counters => Object.fromEntries(ROLLUP_COUNTERS.map((k) => [k, 0])) as Counters

/** One rollup cell: what one order adds under one unit of its path. */
export interface RollupCell {
  unitId: string
  childId: string
  themeId: string
  counters: Counters
}

export interface ReasonCount {
  unitId: string
  fate: 'rejected' | 'cancelled'
  reason: string
  n: number
}

/** What one order contributes to the rollups of its day, as it stands. */
export interface OrderRollup {
  day: string
  month: string
  cells: RollupCell[]
  reasons: ReasonCount[]
  /** (unit, volunteer) pairs of a served order: the distinct-volunteer sets of its day and month */
  volunteers: Array<{ unitId: string; volunteerId: string }>
  /** one cell per team of a served order (issue 11) */
  teamCells: TeamCell[]
}

// ---------------------------------------------------------------- team cells (issue 11)

/** Counters kept per (team, China day of placing) over the served orders dispatched to the team: what TeamFigures reads. */
export const TEAM_COUNTERS = ['services', 'rated', 'stars', 'good', 'followUps', 'followUpsOnTime', 'withPreferred', 'onTime'] as const
export type TeamCounter = (typeof TEAM_COUNTERS)[number]
export type TeamCounters = Record<TeamCounter, number>
export const zeroTeamCounters = (): TeamCounters => Object.fromEntries(TEAM_COUNTERS.map((k) => [k, 0])) as TeamCounters

export interface TeamCell {
  teamId: string
  counters: TeamCounters
}

/** Completed by the end of the preferred China day. */
export const completedOnTime = (o: Pick<Order, 'preferredAt' | 'completion'>): boolean =>
  o.preferredAt !== null && o.completion !== null && chinaDay(o.completion.at) <= chinaDay(o.preferredAt)

/** A 回访 closed by its dueAt. */
export const followUpOnTime = (f: NonNullable<Order['followUp']>): boolean => f.status === 'closed' && f.closedAt !== null && f.closedAt <= f.dueAt

/**
 * What a served order adds to each of its teams: the requester's rating counts for every team except the one whose
 * appeal of it was upheld (appeal.teamId), which keeps the rating in the record and out of its figures.
 */
export function teamCellsOf(o: Order): TeamCell[] {
  if (!isServed(o.status)) return []
  return [...new Set(o.teamIds)].map((teamId) => {
    const c = zeroTeamCounters()
    c.services = 1
    const appealed = o.appeal?.status === 'upheld' && o.appeal.teamId === teamId
    if (o.rating && !appealed) {
      c.rated = 1
      c.stars = o.rating.stars
      c.good = o.rating.stars >= GOOD_STARS ? 1 : 0
    }
    if (o.followUp) {
      c.followUps = 1
      c.followUpsOnTime = followUpOnTime(o.followUp) ? 1 : 0
    }
    if (o.preferredAt !== null) {
      c.withPreferred = 1
      c.onTime = completedOnTime(o) ? 1 : 0
    }
    return { teamId, counters: c }
  })
}

/** Team cells summed per team; non-zero cells only when `nonZero`. */
function sumTeamCells(list: ReadonlyArray<readonly [TeamCell, number]>, nonZero: boolean): TeamCell[] {
  const out = new Map<string, TeamCell>()
  for (const [cell, sign] of list) {
    const into = out.get(cell.teamId) ?? { teamId: cell.teamId, counters: zeroTeamCounters() }
    for (const k of TEAM_COUNTERS) into.counters[k] += sign * cell.counters[k]
    out.set(cell.teamId, into)
  }
  return [...out.values()].filter((c) => !nonZero || TEAM_COUNTERS.some((k) => c.counters[k] !== 0))
}

/** China-time day `YYYY-MM-DD` of an instant. */
export function chinaDay(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** The instant a China-time day starts, as a UTC ISO string. */
export function dayStart(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS).toISOString()
}

/** The day `n` days after `day`. */
export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10)

/** Whole days from `a` to `b` (b after a: positive). */
export const daysBetween = (a: string, b: string): number => Math.round((Date.parse(`${b}T00:00:00.000Z`) - Date.parse(`${a}T00:00:00.000Z`)) / 86_400_000)

export const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10)

/** Reason text as counted: spaces collapsed, end punctuation and the characters a document key cannot hold removed, cut short. */
export function reasonKey(text: string): string {
  const cleaned = text
    .normalize('NFKC')
    .replace(/[.$]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\p{Cc}/gu, '')
    .trim()
    .replace(/[。，,；;！!？?、\s]+$/u, '')
  return cleaned.length === 0 ? NO_REASON : [...cleaned].slice(0, REASON_KEY_MAX).join('')
}

const ever = (o: Order, action: string) => o.timeline.some((t) => t.action === action)

/** The counters of one order, the same under every unit of its path. */
export function countersOf(o: Order): Counters {
  const c = zeroCounters()
  c.placed = 1
  c[`s_${o.status}` as RollupCounter] = 1
  c.dispatched = ever(o, 'dispatch') ? 1 : 0
  c.taken = isTaken(o) ? 1 : 0
  c.escalated = ever(o, 'escalate') ? 1 : 0
  c.recalled = ever(o, 'recall') ? 1 : 0
  c.followUpOpen = o.followUp?.status === 'open' ? 1 : 0
  if (isServed(o.status)) {
    c.people = peopleServed(o)
    c.volunteerTimes = o.claims.length
    c.hours = orderCreditedHours(o)
    if (o.rating) {
      c.rated = 1
      c.stars = o.rating.stars
      c.good = o.rating.stars >= GOOD_STARS ? 1 : 0
    }
  }
  return c
}

export function rollupOf(o: Order): OrderRollup {
  const path = [...new Set(o.unitPath)]
  const counters = countersOf(o)
  const fate = fateOf(o.status)
  const day = chinaDay(o.createdAt)
  return {
    day,
    month: day.slice(0, 7),
    cells: path.map((unitId) => ({ unitId, childId: childOn(path, unitId), themeId: o.themeId, counters: { ...counters } })),
    reasons:
      fate === 'rejected' || fate === 'cancelled'
        ? path.map((unitId) => ({ unitId, fate, reason: reasonKey(o.reason), n: 1 }))
        : [],
    volunteers: isServed(o.status)
      ? path.flatMap((unitId) => [...new Set(o.claims.map((c) => c.volunteerId))].map((volunteerId) => ({ unitId, volunteerId })))
      : [],
    teamCells: teamCellsOf(o),
  }
}

export const cellKey = (c: Pick<RollupCell, 'unitId' | 'childId' | 'themeId'>) => `${c.unitId}|${c.childId}|${c.themeId}`
const reasonKeyOf = (r: Pick<ReasonCount, 'unitId' | 'fate' | 'reason'>) => `${r.unitId}|${r.fate}|${r.reason}`

/** What a change of one order (prev → next; prev null for a new order) adds to the rollups: non-zero cells only. */
export interface RollupDelta {
  day: string
  month: string
  cells: RollupCell[]
  reasons: ReasonCount[]
  /** pairs to add to the distinct sets (a served order stays served, so the sets only grow) */
  volunteers: Array<{ unitId: string; volunteerId: string }>
  /** the teams of an order that became served, with when (their last service) */
  teamsServed: { teamIds: string[]; at: string } | null
  /** what the order's teams' cells of its day gain (or lose) */
  teamCells: TeamCell[]
}

export function rollupDelta(prev: Order | null, next: Order): RollupDelta {
  const after = rollupOf(next)
  const before = prev ? rollupOf(prev) : null
  if (before && before.day !== after.day) throw new Error('rollupDelta: an order keeps its creation time')
  const cells = new Map<string, RollupCell>()
  const add = (cell: RollupCell, sign: number) => {
    const key = cellKey(cell)
    const into = cells.get(key) ?? { unitId: cell.unitId, childId: cell.childId, themeId: cell.themeId, counters: zeroCounters() }
    for (const k of ROLLUP_COUNTERS) into.counters[k] += sign * cell.counters[k]
    cells.set(key, into)
  }
  for (const c of before?.cells ?? []) add(c, -1)
  for (const c of after.cells) add(c, 1)
  const reasons = new Map<string, ReasonCount>()
  for (const [list, sign] of [
    [before?.reasons ?? [], -1],
    [after.reasons, 1],
  ] as const) {
    for (const r of list) {
      const key = reasonKeyOf(r)
      const into = reasons.get(key) ?? { ...r, n: 0 }
      into.n += sign * r.n
      reasons.set(key, into)
    }
  }
  const had = new Set((before?.volunteers ?? []).map((v) => `${v.unitId}|${v.volunteerId}`))
  return {
    day: after.day,
    month: after.month,
    cells: [...cells.values()].filter((c) => ROLLUP_COUNTERS.some((k) => c.counters[k] !== 0)),
    reasons: [...reasons.values()].filter((r) => r.n !== 0),
    volunteers: after.volunteers.filter((v) => !had.has(`${v.unitId}|${v.volunteerId}`)),
    teamsServed:
      isServed(next.status) && !(prev && isServed(prev.status))
        ? { teamIds: [...new Set(next.teamIds)], at: next.completion?.at ?? next.updatedAt }
        : null,
    teamCells: sumTeamCells([...(before?.teamCells ?? []).map((c) => [c, -1] as const), ...after.teamCells.map((c) => [c, 1] as const)], true),
  }
}

export const isEmptyDelta = (d: RollupDelta) =>
  d.cells.length === 0 && d.reasons.length === 0 && d.volunteers.length === 0 && d.teamsServed === null && d.teamCells.length === 0

/** The rollups of a whole day recounted from its orders (the scheduled job's repair): summed cells and reasons, the volunteer pairs. */
export function recountDay(orders: readonly Order[]): {
  cells: RollupCell[]
  reasons: ReasonCount[]
  volunteers: Array<{ unitId: string; volunteerId: string }>
  teamCells: TeamCell[]
} {
  const cells = new Map<string, RollupCell>()
  const reasons = new Map<string, ReasonCount>()
  const volunteers = new Map<string, { unitId: string; volunteerId: string }>()
  for (const o of orders) {
    const r = rollupOf(o)
    for (const c of r.cells) {
      const key = cellKey(c)
      const into = cells.get(key) ?? { ...c, counters: zeroCounters() }
      for (const k of ROLLUP_COUNTERS) into.counters[k] += c.counters[k]
      cells.set(key, into)
    }
    for (const x of r.reasons) {
      const key = reasonKeyOf(x)
      const into = reasons.get(key) ?? { ...x, n: 0 }
      into.n += x.n
      reasons.set(key, into)
    }
    for (const v of r.volunteers) volunteers.set(`${v.unitId}|${v.volunteerId}`, v)
  }
  return {
    cells: [...cells.values()],
    reasons: capReasons([...reasons.values()]),
    volunteers: [...volunteers.values()],
    teamCells: sumTeamCells(orders.flatMap((o) => teamCellsOf(o).map((c) => [c, 1] as const)), true),
  }
}

/** At most REASONS_TRACKED reasons per unit and fate: the most frequent, the rest summed under OTHER_REASON. */
export function capReasons(list: readonly ReasonCount[]): ReasonCount[] {
  const groups = new Map<string, ReasonCount[]>()
  for (const r of list) {
    const key = `${r.unitId}|${r.fate}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  const out: ReasonCount[] = []
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => b.n - a.n || (a.reason < b.reason ? -1 : 1))
    const kept = sorted.filter((r) => r.reason !== OTHER_REASON).slice(0, REASONS_TRACKED - 1)
    const keptKeys = new Set(kept.map((r) => r.reason))
    const rest = sorted.filter((r) => !keptKeys.has(r.reason)).reduce((n, r) => n + r.n, 0)
    out.push(...kept)
    if (rest > 0) out.push({ ...group[0], reason: OTHER_REASON, n: rest })
  }
  return out
}

// ---------------------------------------------------------------- overdue

/** 超时未办 of one open order, under the limits of the unit asked about (see FIGURES.overdue). */
export function isOverdue(
  o: Pick<Order, 'status' | 'updatedAt' | 'preferredAt'>,
  limits: { remindUndispatchedHours: number; remindUnclaimedHours: number },
  now: Date,
): boolean {
  const b = overdueBounds(limits, now)
  if (o.status === 'placed') return o.updatedAt < b.placedBefore
  if (o.status === 'dispatched') return o.updatedAt < b.dispatchedBefore
  if (o.status === 'claimed') return o.preferredAt !== null && o.preferredAt < b.preferredBefore
  return false
}

/** The bounds an overdue count queries with: updated before these instants (placed, dispatched), preferred before now (claimed). */
export function overdueBounds(limits: { remindUndispatchedHours: number; remindUnclaimedHours: number }, now: Date) {
  return {
    placedBefore: new Date(now.getTime() - limits.remindUndispatchedHours * 3_600_000).toISOString(),
    dispatchedBefore: new Date(now.getTime() - limits.remindUnclaimedHours * 3_600_000).toISOString(),
    preferredBefore: now.toISOString(),
  }
}

// ---------------------------------------------------------------- periods

const monthAfter = (month: string): string => {
  const [y, m] = month.split('-').map(Number)
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`
}

/**
 * Splits the days [fromDay, toDay) into the whole months inside it and the days at either edge, so that distinct
 * volunteers are counted from the month sets of the whole months and the day sets of the edges: exact for any
 * period, and the center's year reads 12 month sets. An empty range is `['', '']`.
 */
export function periodParts(fromDay: string, toDay: string): { months: string[]; head: [string, string]; tail: [string, string] } {
  const months: string[] = []
  let m = fromDay.endsWith('-01') ? fromDay.slice(0, 7) : monthAfter(fromDay.slice(0, 7))
  const firstFull = `${m}-01`
  while (`${monthAfter(m)}-01` <= toDay) {
    months.push(m)
    m = monthAfter(m)
  }
  if (months.length === 0) return { months, head: [fromDay, toDay], tail: ['', ''] }
  return { months, head: [fromDay, firstFull], tail: [`${monthAfter(months[months.length - 1])}-01`, toDay] }
}

// ---------------------------------------------------------------- the summary

/** The rollup sums as the port answers them (core/ports/stats.ts RollupSums; restated to keep this file free of ports). */
interface Sums {
  total: Counters
  byTheme: Record<string, Counters>
  byChild: Record<string, Counters>
  byMonth: Record<string, Counters>
  reasons: Array<{ fate: 'rejected' | 'cancelled'; reason: string; n: number }>
  volunteers: number
}

const servedOf = (c: Counters) => c.s_completed + c.s_rated + c.s_closed

const rowOf = (c: Counters): FigureRow => ({
  placed: c.placed,
  served: servedOf(c),
  people: c.people,
  volunteerTimes: c.volunteerTimes,
  hours: Math.round(c.hours * 10) / 10,
})

function topReasons(sums: Sums, fate: 'rejected' | 'cancelled') {
  return sums.reasons
    .filter((r) => r.fate === fate && r.n > 0)
    .sort((a, b) => b.n - a.n || (a.reason < b.reason ? -1 : 1))
    .slice(0, TOP_REASONS)
    .map(({ reason, n }) => ({ reason, n }))
}

/** The China-time months that the days [fromDay, toDay) touch, oldest first. */
export function monthsOf(fromDay: string, toDay: string): string[] {
  const out: string[] = []
  if (fromDay >= toDay) return out
  let m = fromDay.slice(0, 7)
  const last = new Date(Date.parse(`${toDay}T00:00:00.000Z`) - 86_400_000).toISOString().slice(0, 7)
  while (m <= last) {
    out.push(m)
    m = monthAfter(m)
  }
  return out
}

/** 回头看's groups (issue 11) counted from the rollups and the live overdue count: none grows with the orders. */
export function lookBackCounts(t: Counters, overdue: { placed: number; dispatched: number; claimed: number }): Record<LookBackReason, number> {
  return {
    overdue: overdue.placed + overdue.dispatched + overdue.claimed,
    rejected: t.s_rejected,
    cancelled: t.s_cancelled,
    followUp: t.followUpOpen,
  }
}

/** 待回头看: the orders of every group (the groups never overlap). */
export const lookBackTotal = (counts: Record<LookBackReason, number>): number => Object.values(counts).reduce((a, b) => a + b, 0)

/** Every figure of stats.summary from the rollup sums and the overdue counts. */
export function summaryOf(
  sums: Sums,
  overdue: { placed: number; dispatched: number; claimed: number },
  period: { fromDay: string; toDay: string },
): SummaryStats {
  const t = sums.total
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, t[`s_${s}` as RollupCounter]])) as Record<OrderStatus, number>
  const count = (m: Record<string, Counters>) => Object.fromEntries(Object.entries(m).filter(([, c]) => c.placed > 0).map(([k, c]) => [k, c.placed]))
  const served = servedOf(t)
  const overdueTotal = overdue.placed + overdue.dispatched + overdue.claimed
  return {
    placed: t.placed,
    taken: t.taken,
    served,
    people: t.people,
    byStatus,
    byTheme: count(sums.byTheme),
    byUnit: count(sums.byChild),
    dispatched: t.dispatched,
    rated: t.rated,
    volunteers: sums.volunteers,
    volunteerTimes: t.volunteerTimes,
    hours: Math.round(t.hours * 10) / 10,
    avgStars: t.rated > 0 ? Math.round((t.stars / t.rated) * 100) / 100 : null,
    goodRate: t.rated > 0 ? Math.round((t.good / t.rated) * 1000) / 1000 : null,
    followUpOpen: t.followUpOpen,
    lookBack: lookBackTotal(lookBackCounts(t, overdue)),
    fate: {
      served,
      open: {
        total: t.s_placed + t.s_dispatched + t.s_claimed,
        placed: t.s_placed,
        dispatched: t.s_dispatched,
        claimed: t.s_claimed,
        overdue: overdueTotal,
      },
      rejected: { total: t.s_rejected, reasons: topReasons(sums, 'rejected') },
      cancelled: { total: t.s_cancelled, reasons: topReasons(sums, 'cancelled') },
      escalated: t.escalated,
      recalled: t.recalled,
    },
    byMonth: monthsOf(period.fromDay, period.toDay).map((month) => ({ month, ...rowOf(sums.byMonth[month] ?? zeroCounters()) })),
    themes: Object.entries(sums.byTheme)
      .filter(([, c]) => c.placed > 0)
      .map(([themeId, c]) => ({ themeId, ...rowOf(c) })),
    units: Object.entries(sums.byChild)
      .filter(([, c]) => c.placed > 0)
      .map(([unitId, c]) => ({ unitId, ...rowOf(c) })),
  }
}

/**
 * periodParts with whole calendar years first: the years inside [fromDay, toDay), then whole months and edge days
 * of what is left before and after them (at most two day ranges on each side). For the distinct-volunteer count.
 */
export function periodPartsByYear(fromDay: string, toDay: string): { years: string[]; months: string[]; days: Array<[string, string]> } {
  const years: string[] = []
  let y = Number(fromDay.slice(0, 4)) + (fromDay.endsWith('-01-01') ? 0 : 1)
  while (`${y + 1}-01-01` <= toDay) years.push(String(y++))
  const sides: Array<[string, string]> = years.length ? [[fromDay, `${years[0]}-01-01`], [`${Number(years[years.length - 1]) + 1}-01-01`, toDay]] : [[fromDay, toDay]]
  const months: string[] = []
  const days: Array<[string, string]> = []
  for (const [a, b] of sides) {
    if (a >= b) continue
    const p = periodParts(a, b)
    months.push(...p.months)
    for (const r of [p.head, p.tail]) if (r[0] < r[1]) days.push(r)
  }
  return { years, months, days }
}
