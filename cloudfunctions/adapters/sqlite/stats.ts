import type { Order } from '~types'
import type { DayRepair, RollupSums, StatsStore } from '~core/ports'
import {
  cellKey,
  chinaDay,
  type Counters,
  dayStart,
  nextDay,
  OTHER_REASON,
  periodParts,
  periodPartsByYear,
  type ReasonCount,
  REASONS_TRACKED,
  recountDay,
  ROLLUP_COUNTERS,
  type RollupCell,
  type RollupDelta,
  TEAM_COUNTERS,
  type TeamCell,
  type TeamCounters,
  zeroCounters,
  zeroTeamCounters,
} from '~core/figures'
import { all, type Database, one, parseDocs, perDatabase, prepareAll, writeTx } from './db'

const COLS = ROLLUP_COUNTERS.join(', ')
const TEAM_COLS = TEAM_COUNTERS.join(', ')

export const STATS_SQL = {
  addCell: `
    INSERT INTO stat_cells (unit_id, day, child_id, theme_id, ${COLS})
    VALUES (@unitId, @day, @childId, @themeId, ${ROLLUP_COUNTERS.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (unit_id, day, child_id, theme_id) DO UPDATE SET
      ${ROLLUP_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
  addMonthCell: `
    INSERT INTO stat_cells_month (unit_id, month, child_id, theme_id, ${COLS})
    VALUES (@unitId, @month, @childId, @themeId, ${ROLLUP_COUNTERS.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (unit_id, month, child_id, theme_id) DO UPDATE SET
      ${ROLLUP_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
  reasonExists: `SELECT 1 AS found FROM stat_reasons WHERE unit_id = @unitId AND day = @day AND fate = @fate AND reason = @reason`,
  reasonsTracked: `SELECT count(*) AS n FROM stat_reasons WHERE unit_id = @unitId AND day = @day AND fate = @fate`,
  addReason: `
    INSERT INTO stat_reasons (unit_id, day, fate, reason, n) VALUES (@unitId, @day, @fate, @reason, @n)
    ON CONFLICT (unit_id, day, fate, reason) DO UPDATE SET n = n + excluded.n`,
  addVolunteerDay: `INSERT OR IGNORE INTO stat_vol_days (unit_id, day, volunteer_id) VALUES (@unitId, @day, @volunteerId)`,
  addVolunteerMonth: `INSERT OR IGNORE INTO stat_vol_months (unit_id, month, volunteer_id) VALUES (@unitId, @month, @volunteerId)`,
  addVolunteerYear: `INSERT OR IGNORE INTO stat_vol_years (unit_id, year, volunteer_id) VALUES (@unitId, @year, @volunteerId)`,
  addTeamCell: `
    INSERT INTO stat_team_cells (team_id, day, ${TEAM_COLS})
    VALUES (@teamId, @day, ${TEAM_COUNTERS.map((c) => `@${c}`).join(', ')})
    ON CONFLICT (team_id, day) DO UPDATE SET
      ${TEAM_COUNTERS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
  teamSums: `
    SELECT team_id AS teamId, ${TEAM_COUNTERS.map((c) => `TOTAL(${c}) AS ${c}`).join(', ')} FROM stat_team_cells
    WHERE team_id IN (SELECT value FROM json_each(@teamIds)) AND day >= @fromDay AND day < @toDay GROUP BY team_id`,
  teamCellsOfDay: `SELECT team_id AS teamId, ${TEAM_COLS} FROM stat_team_cells WHERE day = @day`,
  deleteTeamCellsOfDay: `DELETE FROM stat_team_cells WHERE day = @day`,
  teamServed: `
    INSERT INTO stat_team_served (team_id, last_at) VALUES (@teamId, @at)
    ON CONFLICT (team_id) DO UPDATE SET last_at = max(last_at, excluded.last_at)`,
  // the summary: the month rows of the period's whole months and the day rows of its edges, folded by the adapter
  // (no GROUP BY: a month row is already one per child unit and theme); the center's year reads 12 × children × themes rows
  sums: `
    SELECT child_id AS childId, theme_id AS themeId, month, ${COLS} FROM stat_cells_month
    WHERE unit_id = @unitId AND month IN (SELECT value FROM json_each(@months))
    UNION ALL
    SELECT child_id, theme_id, substr(day, 1, 7), ${COLS} FROM stat_cells WHERE unit_id = @unitId AND day >= @headFrom AND day < @headTo
    UNION ALL
    SELECT child_id, theme_id, substr(day, 1, 7), ${COLS} FROM stat_cells WHERE unit_id = @unitId AND day >= @tailFrom AND day < @tailTo`,
  reasonSums: `
    SELECT fate, reason, TOTAL(n) AS n FROM stat_reasons
    WHERE unit_id = @unitId AND day >= @fromDay AND day < @toDay GROUP BY fate, reason`,
  // distinct volunteers: one set alone is counted by its key range; several are united (the year sets of the whole
  // years, the month sets of the whole months, the day sets of up to four edge ranges)
  volunteersOfYear: `SELECT count(*) AS n FROM stat_vol_years WHERE unit_id = @unitId AND year = @year`,
  volunteersOfMonth: `SELECT count(*) AS n FROM stat_vol_months WHERE unit_id = @unitId AND month = @month`,
  volunteers: `
    SELECT count(*) AS n FROM (
      SELECT volunteer_id FROM stat_vol_years WHERE unit_id = @unitId AND year IN (SELECT value FROM json_each(@years))
      UNION
      SELECT volunteer_id FROM stat_vol_months WHERE unit_id = @unitId AND month IN (SELECT value FROM json_each(@months))
      UNION
      SELECT volunteer_id FROM stat_vol_days WHERE unit_id = @unitId AND day >= @d0 AND day < @d1
      UNION
      SELECT volunteer_id FROM stat_vol_days WHERE unit_id = @unitId AND day >= @d2 AND day < @d3
      UNION
      SELECT volunteer_id FROM stat_vol_days WHERE unit_id = @unitId AND day >= @d4 AND day < @d5
      UNION
      SELECT volunteer_id FROM stat_vol_days WHERE unit_id = @unitId AND day >= @d6 AND day < @d7)`,
  overdueWaiting: `
    SELECT count(*) AS n FROM stat_open
    WHERE unit_id = @unitId AND status = @status AND updated_at < @before AND created_at >= @from AND created_at < @to`,
  overdueClaimed: `
    SELECT count(*) AS n FROM stat_open INDEXED BY stat_open_by_preferred
    WHERE unit_id = @unitId AND status = 'claimed' AND preferred_at IS NOT NULL AND preferred_at < @before
      AND created_at >= @from AND created_at < @to`,
  dropOpen: `DELETE FROM stat_open WHERE order_id = @orderId`,
  putOpen: `
    INSERT INTO stat_open (unit_id, status, updated_at, order_id, created_at, preferred_at)
    SELECT value, @status, @updatedAt, @orderId, @createdAt, @preferredAt FROM json_each(@units) WHERE true
    ON CONFLICT DO NOTHING`,
  anyOpen: `SELECT 1 AS found FROM stat_open LIMIT 1`,
  teamsLastServed: `SELECT team_id AS teamId, last_at AS at FROM stat_team_served WHERE team_id IN (SELECT value FROM json_each(@teamIds))`,
  firstOrder: `SELECT created_at AS at FROM orders ORDER BY created_at LIMIT 1`,
  anyCell: `SELECT 1 AS found FROM stat_cells LIMIT 1`,
  ordersOfDay: `SELECT doc FROM orders WHERE created_at >= @from AND created_at < @to`,
  allOrders: `SELECT doc FROM orders`,
  cellsOfDay: `SELECT unit_id AS unitId, child_id AS childId, theme_id AS themeId, ${COLS} FROM stat_cells WHERE day = @day`,
  reasonsOfDay: `SELECT unit_id AS unitId, fate, reason, n FROM stat_reasons WHERE day = @day`,
  volunteersOfDay: `SELECT unit_id AS unitId, volunteer_id AS volunteerId FROM stat_vol_days WHERE day = @day`,
  deleteCellsOfDay: `DELETE FROM stat_cells WHERE day = @day`,
  // a month's rows against the sum of its day rows (the day rows are what the repair recounts)
  monthCells: `SELECT unit_id AS unitId, child_id AS childId, theme_id AS themeId, ${COLS} FROM stat_cells_month WHERE month = @month`,
  daysOfMonth: `
    SELECT unit_id AS unitId, child_id AS childId, theme_id AS themeId, ${ROLLUP_COUNTERS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
    FROM stat_cells WHERE day >= @from AND day < @to GROUP BY unit_id, child_id, theme_id`,
  deleteMonthCells: `DELETE FROM stat_cells_month WHERE month = @month`,
  putMonthCell: `
    INSERT INTO stat_cells_month (unit_id, month, child_id, theme_id, ${COLS})
    VALUES (@unitId, @month, @childId, @themeId, ${ROLLUP_COUNTERS.map((c) => `@${c}`).join(', ')})`,
  deleteReasonsOfDay: `DELETE FROM stat_reasons WHERE day = @day`,
  deleteVolunteersOfDay: `DELETE FROM stat_vol_days WHERE day = @day`,
}

type Row = Counters & { childId: string; themeId: string; month: string }

/** The rollup rows, for the ports whose writes keep them in step (orders: insertOrder and transition). */
export const statsRows = perDatabase((db) => {
  const s = prepareAll(db, STATS_SQL)

  /** Adds a cell's counters to its day row and to its month row. */
  function addCell(day: string, cell: RollupCell): void {
    const key = { unitId: cell.unitId, childId: cell.childId, themeId: cell.themeId, ...cell.counters }
    s.addCell.run({ ...key, day })
    s.addMonthCell.run({ ...key, month: day.slice(0, 7) })
  }

  /** A reason beyond the REASONS_TRACKED of its unit, day and fate is counted under OTHER_REASON. */
  function addReason(day: string, r: ReasonCount): void {
    const key = { unitId: r.unitId, day, fate: r.fate }
    const known = one(s.reasonExists, { ...key, reason: r.reason })
    const room = known || one<{ n: number }>(s.reasonsTracked, key)!.n < REASONS_TRACKED - 1
    s.addReason.run({ ...key, reason: room ? r.reason : OTHER_REASON, n: r.n })
  }

  function addVolunteer(day: string, month: string, v: { unitId: string; volunteerId: string }): void {
    s.addVolunteerDay.run({ ...v, day })
    s.addVolunteerMonth.run({ ...v, month })
    s.addVolunteerYear.run({ ...v, year: month.slice(0, 4) })
  }

  const OPEN = new Set(['placed', 'dispatched', 'claimed'])
  /** The order's rows in stat_open as it stands now (none once it is no longer open). */
  function trackOpen(o: Order, fresh = false): void {
    if (!fresh) s.dropOpen.run({ orderId: o.id })
    if (!OPEN.has(o.status)) return
    const units = JSON.stringify([...new Set(o.unitPath)])
    s.putOpen.run({ units, status: o.status, updatedAt: o.updatedAt, orderId: o.id, createdAt: o.createdAt, preferredAt: o.preferredAt })
  }

  return {
    s,
    trackOpen,
    /** Applies a delta; call inside the write transaction of the order change it comes from. */
    apply(delta: RollupDelta): void {
      for (const cell of delta.cells) addCell(delta.day, cell)
      for (const r of delta.reasons) addReason(delta.day, r)
      for (const v of delta.volunteers) addVolunteer(delta.day, delta.month, v)
      if (delta.teamsServed) for (const teamId of delta.teamsServed.teamIds) s.teamServed.run({ teamId, at: delta.teamsServed.at })
      for (const t of delta.teamCells) s.addTeamCell.run({ teamId: t.teamId, day: delta.day, ...t.counters })
    },
    addCell,
    addReason,
    addVolunteer,
  }
})

const teamCountersOfRow = (r: Partial<TeamCounters>): TeamCounters => {
  const c = zeroTeamCounters()
  for (const k of TEAM_COUNTERS) c[k] = Number(r[k] ?? 0)
  return c
}

/** Team cells as "team:counter → value"; zero counters do not count. */
function flatTeamCells(cells: readonly TeamCell[]): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of cells) for (const k of TEAM_COUNTERS) if (c.counters[k] !== 0) out.set(`team|${c.teamId}:${k}`, c.counters[k])
  return out
}

const countersOfRow = (r: Counters): Counters => {
  const c = zeroCounters()
  for (const k of ROLLUP_COUNTERS) c[k] = r[k] ?? 0
  return c
}

function addInto(into: Record<string, Counters>, key: string, c: Counters): void {
  const target = (into[key] ??= zeroCounters())
  for (const k of ROLLUP_COUNTERS) target[k] += c[k]
}

/** Cells and reasons as "key → value" for comparison; zero cells do not count. */
function flatCells(cells: ReadonlyArray<Pick<RollupCell, 'unitId' | 'childId' | 'themeId' | 'counters'>>): Map<string, number> {
  const out = new Map<string, number>()
  for (const c of cells) for (const k of ROLLUP_COUNTERS) if (c.counters[k] !== 0) out.set(`${cellKey(c)}:${k}`, c.counters[k])
  return out
}

/** The entries of two flat maps that differ (at most `max`), and how many did. */
export function differences(stored: Map<string, number>, counted: Map<string, number>, kind: DayRepair['drift'][number]['kind']) {
  const out: DayRepair['drift'] = []
  for (const key of new Set([...stored.keys(), ...counted.keys()])) {
    const a = stored.get(key) ?? 0
    const b = counted.get(key) ?? 0
    if (a !== b) out.push({ kind, key, stored: a, counted: b })
  }
  return out
}

export function createStatsStore(db: Database.Database): StatsStore {
  const rows = statsRows(db)
  const s = rows.s

  /** Writes the recount of one day in place of what is stored; returns the drift. Inside a write transaction. */
  function replaceDay(day: string, orders: Order[]): DayRepair {
    const counted = recountDay(orders)
    const storedCells = all<Counters & { unitId: string; childId: string; themeId: string }>(s.cellsOfDay, { day }).map(
      (r) => ({ unitId: r.unitId, childId: r.childId, themeId: r.themeId, counters: countersOfRow(r) }),
    )
    const storedReasons = all<ReasonCount>(s.reasonsOfDay, { day })
    const storedVolunteers = all<{ unitId: string; volunteerId: string }>(s.volunteersOfDay, { day })
    const drift = [
      ...differences(flatCells(storedCells), flatCells(counted.cells), 'cell'),
      ...differences(
        new Map(storedReasons.map((r) => [`${r.unitId}|${r.fate}|${r.reason}`, r.n])),
        new Map(counted.reasons.map((r) => [`${r.unitId}|${r.fate}|${r.reason}`, r.n])),
        'reason',
      ),
      ...differences(
        new Map(storedVolunteers.map((v) => [`${v.unitId}|${v.volunteerId}`, 1])),
        new Map(counted.volunteers.map((v) => [`${v.unitId}|${v.volunteerId}`, 1])),
        'volunteer',
      ),
    ]
    const storedTeams = all<TeamCounters & { teamId: string }>(s.teamCellsOfDay, { day }).map((r) => ({ teamId: r.teamId, counters: teamCountersOfRow(r) }))
    const teamDrift = differences(flatTeamCells(storedTeams), flatTeamCells(counted.teamCells), 'cell')
    if (teamDrift.length > 0) {
      s.deleteTeamCellsOfDay.run({ day })
      for (const t of counted.teamCells) s.addTeamCell.run({ teamId: t.teamId, day, ...t.counters })
    }
    if (drift.length > 0) {
      s.deleteCellsOfDay.run({ day })
      s.deleteReasonsOfDay.run({ day })
      s.deleteVolunteersOfDay.run({ day })
      for (const c of counted.cells) s.addCell.run({ unitId: c.unitId, day, childId: c.childId, themeId: c.themeId, ...c.counters })
      for (const r of counted.reasons) s.addReason.run({ unitId: r.unitId, day, fate: r.fate, reason: r.reason, n: r.n })
      // the month sets gain what the day's recount holds (a served order stays served, so they never shrink)
      for (const v of counted.volunteers) rows.addVolunteer(day, day.slice(0, 7), v)
    }
    drift.push(...teamDrift, ...repairMonth(day.slice(0, 7)))
    for (const o of orders) rows.trackOpen(o)
    return { day, orders: orders.length, drift }
  }

  /** The month's rows made the sum of its day rows again, where they are not; the drift found. */
  function repairMonth(month: string): DayRepair['drift'] {
    type CellRow = Counters & { unitId: string; childId: string; themeId: string }
    const asCells = (list: CellRow[]) => list.map((r) => ({ unitId: r.unitId, childId: r.childId, themeId: r.themeId, counters: countersOfRow(r) }))
    const days = asCells(all<CellRow>(s.daysOfMonth, { from: `${month}-01`, to: `${month}-99` }))
    const stored = asCells(all<CellRow>(s.monthCells, { month }))
    const drift = differences(flatCells(stored), flatCells(days), 'cell').map((d) => ({ ...d, key: `${month}|${d.key}` }))
    if (drift.length > 0) {
      s.deleteMonthCells.run({ month })
      for (const c of days) s.putMonthCell.run({ unitId: c.unitId, month, childId: c.childId, themeId: c.themeId, ...c.counters })
    }
    return drift
  }

  function distinctVolunteers(unitId: string, fromDay: string, toDay: string): number {
    const p = periodPartsByYear(fromDay, toDay)
    const count = (stmt: typeof s.volunteers, params: object) => one<{ n: number }>(stmt, { unitId, ...params })!.n
    if (p.years.length === 1 && p.months.length === 0 && p.days.length === 0) return count(s.volunteersOfYear, { year: p.years[0] })
    if (p.years.length === 0 && p.months.length === 1 && p.days.length === 0) return count(s.volunteersOfMonth, { month: p.months[0] })
    const d = [...p.days, ['', ''], ['', ''], ['', ''], ['', '']].slice(0, 4).flat()
    const ranges = Object.fromEntries(d.map((v, i) => [`d${i}`, v]))
    return count(s.volunteers, { years: JSON.stringify(p.years), months: JSON.stringify(p.months), ...ranges })
  }

  const repairDay = writeTx(db, (day: string): DayRepair => {
    const orders = parseDocs<Order>(all(s.ordersOfDay, { from: dayStart(day), to: dayStart(nextDay(day)) }))
    return replaceDay(day, orders)
  })

  /** A database made before the rollups existed: every day rebuilt from its orders, once, on opening. */
  const backfill = writeTx(db, () => {
    if (one(s.anyCell) || !one(s.firstOrder)) return
    const byDay = new Map<string, Order[]>()
    for (const o of parseDocs<Order>(all(s.allOrders))) {
      const day = chinaDay(o.createdAt)
      byDay.set(day, [...(byDay.get(day) ?? []), o])
    }
    for (const [day, orders] of byDay) replaceDay(day, orders)
  })
  backfill()

  return {
    async sums(q) {
      const params = { unitId: q.unitId, fromDay: q.fromDay, toDay: q.toDay }
      const out: RollupSums = { total: zeroCounters(), byTheme: {}, byChild: {}, byMonth: {}, reasons: [], volunteers: 0 }
      const p = periodParts(q.fromDay, q.toDay)
      const parts = { unitId: q.unitId, months: JSON.stringify(p.months), headFrom: p.head[0], headTo: p.head[1], tailFrom: p.tail[0], tailTo: p.tail[1] }
      const total = { total: out.total }
      for (const r of all<Row>(s.sums, parts)) {
        // a row holds every counter as a column: added as it is
        addInto(total, 'total', r)
        addInto(out.byTheme, r.themeId, r)
        addInto(out.byChild, r.childId, r)
        addInto(out.byMonth, r.month, r)
      }
      out.reasons = all<{ fate: 'rejected' | 'cancelled'; reason: string; n: number }>(s.reasonSums, params)
      out.volunteers = distinctVolunteers(q.unitId, q.fromDay, q.toDay)
      return out
    },
    async countOverdue(q) {
      const base = { unitId: q.unitId, from: q.from, to: q.to }
      const n = (stmt: typeof s.overdueWaiting, params: object) => one<{ n: number }>(stmt, { ...base, ...params })!.n
      return {
        placed: n(s.overdueWaiting, { status: 'placed', before: q.placedBefore }),
        dispatched: n(s.overdueWaiting, { status: 'dispatched', before: q.dispatchedBefore }),
        claimed: n(s.overdueClaimed, { before: q.preferredBefore }),
      }
    },
    async teamsLastServed(teamIds) {
      const out: Record<string, string | null> = Object.fromEntries(teamIds.map((id) => [id, null]))
      for (const r of all<{ teamId: string; at: string }>(s.teamsLastServed, { teamIds: JSON.stringify(teamIds) })) out[r.teamId] = r.at
      return out
    },
    async teamSums(teamIds, fromDay, toDay) {
      const out: Record<string, TeamCounters> = Object.fromEntries(teamIds.map((id) => [id, zeroTeamCounters()]))
      if (teamIds.length === 0) return out
      for (const r of all<TeamCounters & { teamId: string }>(s.teamSums, { teamIds: JSON.stringify(teamIds), fromDay, toDay })) out[r.teamId] = teamCountersOfRow(r)
      return out
    },
    async firstDay() {
      const row = one<{ at: string }>(s.firstOrder)
      return row ? chinaDay(row.at) : null
    },
    async repairDay(day) {
      // one write transaction: no transition can land between the recount and the replacement
      return repairDay(day)
    },
  }
}
