import { type Order, ORDER_STATUSES } from '~types'
import type { DayRepair, RollupSums, StatsStore } from '~core/ports'
import {
  capReasons,
  chinaDay,
  type Counters,
  dayStart,
  nextDay,
  periodParts,
  type ReasonCount,
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
import type { DocData } from './db-types'
import { type Conn, sdk } from './db'
import { toOrder } from './orders'

/**
 * The rollups on CloudBase: one document per (unit, China day of placing) in `stat_days`
 * (`{ unitId, day, cells: { "<child>~<theme>": counters }, reasons: { rejected | cancelled: { reason: n } }, vol: [volunteer ids], rev }`),
 * one per (unit, month) in `stat_months` (`{ vol }`), one per team in `stat_teams` (`{ lastServedAt }`).
 *
 * A transition's change (core/figures.ts rollupDelta) is applied right after the order's conditional write that made
 * it, one `_.inc`/`_.addToSet` update per unit document touched, in parallel (orders.ts). The order write stays one
 * conditional update (a transaction over the order and three rollup documents would be 6–8 requests and would make
 * every transition of a day conflict on its hot documents); the price is that a crash between the two writes leaves
 * the day's rollups short until the scheduled job's recount (repairDay) puts them right.
 */

type DayDoc = DocData & {
  unitId: string
  day: string
  cells?: Record<string, Partial<Counters>>
  reasons?: Partial<Record<'rejected' | 'cancelled', Record<string, number>>>
  vol?: string[]
  rev?: number
}

/** A key inside a document: ids and reasons never hold '.', '$' or '~' there (core/figures reasonKey strips them). */
const safe = (s: string) => s.replace(/[.$~]/g, '_')
const cellField = (childId: string, themeId: string) => `${safe(childId)}~${safe(themeId)}`
const dayDocId = (unitId: string, day: string) => `${unitId}|${day}`
const monthDocId = (unitId: string, month: string) => `${unitId}|${month}`
/** issue 11: one document per (team, China day of placing) in `stat_team_days`: `{ teamId, day, c: TeamCounters, rev }`. */
const teamDayDocId = (teamId: string, day: string) => `${teamId}|${day}`
type TeamDayDoc = DocData & { teamId: string; day: string; c?: Partial<TeamCounters>; rev?: number }
const teamCountersOf = (partial: Partial<TeamCounters> | undefined): TeamCounters => {
  const out = zeroTeamCounters()
  for (const k of TEAM_COUNTERS) out[k] = Number(partial?.[k] ?? 0)
  return out
}
const sameTeamCounters = (a: TeamCounters, b: TeamCounters) => TEAM_COUNTERS.every((k) => a[k] === b[k])

/** Update where the document exists, else insert it whole, else (inserted meanwhile) update again. */
async function upsert(c: Conn, name: 'stat_days' | 'stat_months' | 'stat_teams' | 'stat_team_days', id: string, data: object, fresh: () => { id: string }) {
  const update = () => sdk(c.col(name).where({ _id: id }).update({ data }))
  if ((await update()).stats.updated > 0) return
  if (await c.insert(name, fresh())) return
  await update()
}

function byUnit(delta: RollupDelta) {
  const units = new Map<string, { cells: RollupCell[]; reasons: ReasonCount[]; vol: string[] }>()
  const of = (unitId: string) => {
    let u = units.get(unitId)
    if (!u) units.set(unitId, (u = { cells: [], reasons: [], vol: [] }))
    return u
  }
  for (const cell of delta.cells) of(cell.unitId).cells.push(cell)
  for (const r of delta.reasons) of(r.unitId).reasons.push(r)
  for (const v of delta.volunteers) of(v.unitId).vol.push(v.volunteerId)
  return units
}

/** Applies a rollup change: one request per unit document touched, one per month set gaining volunteers, one per team that served. */
export async function applyRollup(c: Conn, delta: RollupDelta): Promise<void> {
  const _ = c._
  const units = byUnit(delta)
  const writes: Array<Promise<unknown>> = []
  for (const [unitId, u] of units) {
    const data: Record<string, unknown> = { rev: _.inc(1) }
    for (const cell of u.cells) {
      const field = cellField(cell.childId, cell.themeId)
      for (const k of ROLLUP_COUNTERS) if (cell.counters[k] !== 0) data[`cells.${field}.${k}`] = _.inc(cell.counters[k])
    }
    for (const r of u.reasons) data[`reasons.${r.fate}.${safe(r.reason)}`] = _.inc(r.n)
    if (u.vol.length > 0) data.vol = _.addToSet({ $each: u.vol })
    const fresh = () => freshDay(unitId, delta.day, u.cells, u.reasons, u.vol)
    writes.push(upsert(c, 'stat_days', dayDocId(unitId, delta.day), data, fresh))
    if (u.vol.length > 0) {
      const id = monthDocId(unitId, delta.month)
      // rev moves on every write, so that stats.updated tells a missing document from a set that already held them
      writes.push(upsert(c, 'stat_months', id, { vol: _.addToSet({ $each: u.vol }), rev: _.inc(1) }, () => ({ id, unitId, month: delta.month, vol: u.vol, rev: 1 })))
    }
  }
  for (const t of delta.teamCells) {
    const id = teamDayDocId(t.teamId, delta.day)
    const data: Record<string, unknown> = { rev: _.inc(1) }
    for (const k of TEAM_COUNTERS) if (t.counters[k] !== 0) data[`c.${k}`] = _.inc(t.counters[k])
    writes.push(upsert(c, 'stat_team_days', id, data, () => ({ id, teamId: t.teamId, day: delta.day, c: t.counters, rev: 1 })))
  }
  const served = delta.teamsServed
  for (const teamId of served?.teamIds ?? []) {
    writes.push(
      (async () => {
        const later = await sdk(c.col('stat_teams').where({ _id: teamId, lastServedAt: _.lt(served!.at) }).update({ data: { lastServedAt: served!.at } }))
        // not updated: missing (insert it) or already as late (the insert is then a duplicate, which is fine)
        if (later.stats.updated === 0) await c.insert('stat_teams', { id: teamId, lastServedAt: served!.at } as { id: string })
      })(),
    )
  }
  await Promise.all(writes)
}

function freshDay(unitId: string, day: string, cells: RollupCell[], reasons: ReasonCount[], vol: string[]) {
  const doc = { id: dayDocId(unitId, day), unitId, day, cells: {} as Record<string, Counters>, reasons: {} as Record<string, Record<string, number>>, vol: [...new Set(vol)], rev: 1 }
  for (const cell of cells) {
    const field = cellField(cell.childId, cell.themeId)
    const into = (doc.cells[field] ??= zeroCounters())
    for (const k of ROLLUP_COUNTERS) into[k] += cell.counters[k]
  }
  for (const r of reasons) {
    const into = (doc.reasons[r.fate] ??= {})
    into[safe(r.reason)] = (into[safe(r.reason)] ?? 0) + r.n
  }
  return doc
}

const countersOf = (partial: Partial<Counters> | undefined): Counters => {
  const c = zeroCounters()
  for (const k of ROLLUP_COUNTERS) c[k] = Number(partial?.[k] ?? 0)
  return c
}

function addInto(into: Record<string, Counters>, key: string, c: Counters): void {
  const target = (into[key] ??= zeroCounters())
  for (const k of ROLLUP_COUNTERS) target[k] += c[k]
}

/** The comparable content of a day document: non-zero counters, reasons (capped as the recount caps them), volunteers. */
function flatDoc(doc: Pick<DayDoc, 'unitId' | 'cells' | 'reasons' | 'vol'>): Map<string, number> {
  const out = new Map<string, number>()
  for (const [field, counters] of Object.entries(doc.cells ?? {})) {
    for (const k of ROLLUP_COUNTERS) {
      const n = Number(counters?.[k] ?? 0)
      if (n !== 0) out.set(`cell:${doc.unitId}|${field}:${k}`, n)
    }
  }
  const reasons: ReasonCount[] = []
  for (const fate of ['rejected', 'cancelled'] as const) {
    for (const [reason, n] of Object.entries(doc.reasons?.[fate] ?? {})) if (n !== 0) reasons.push({ unitId: doc.unitId, fate, reason, n })
  }
  for (const r of capReasons(reasons)) out.set(`reason:${r.unitId}|${r.fate}|${r.reason}`, r.n)
  for (const v of doc.vol ?? []) out.set(`volunteer:${doc.unitId}|${v}`, 1)
  return out
}

export function createStatsStore(c: Conn): StatsStore {
  const _ = c._
  /** The team documents of a day made the recount again where they differ (each only if unchanged since read); drift noted. */
  function repairTeams(day: string, stored: TeamDayDoc[], counted: TeamCell[], drift: DayRepair['drift']): Array<Promise<unknown>> {
    const have = new Map(stored.map((d) => [d.teamId, d]))
    const want = new Map(counted.map((t) => [t.teamId, t.counters]))
    const writes: Array<Promise<unknown>> = []
    for (const teamId of new Set([...have.keys(), ...want.keys()])) {
      const doc = have.get(teamId)
      const a = teamCountersOf(doc?.c)
      const b = want.get(teamId) ?? zeroTeamCounters()
      if (sameTeamCounters(a, b)) continue
      for (const k of TEAM_COUNTERS) if (a[k] !== b[k]) drift.push({ kind: 'cell', key: `team|${teamId}:${k}`, stored: a[k], counted: b[k] })
      writes.push(
        doc
          ? sdk(c.col('stat_team_days').where({ _id: doc._id, rev: doc.rev ?? 0 }).update({ data: { c: _.set(b), rev: _.inc(1) } }))
          : c.insert('stat_team_days', { id: teamDayDocId(teamId, day), teamId, day, c: b, rev: 1 } as { id: string }),
      )
    }
    return writes
  }
  /** Every order, as a query on the index unitPath + status + createdAt: each order's path starts at a root unit. */
  const everyOrder = async () => {
    const roots = (await c.readAll('units', null)).filter((u) => !u.parentId).map((u) => String(u._id))
    return { unitPath: _.in(roots), status: _.in([...ORDER_STATUSES]) }
  }
  return {
    /** The unit's day documents of the period (index unitId + day, PAGE a request), plus the month sets of its whole months. */
    async sums(q) {
      const p = periodParts(q.fromDay, q.toDay)
      const [docs, months] = await Promise.all([
        c.readAll('stat_days', { unitId: q.unitId, day: _.gte(q.fromDay).and(_.lt(q.toDay)) }) as Promise<DayDoc[]>,
        c.readIds('stat_months', p.months.map((m) => monthDocId(q.unitId, m))),
      ])
      const out: RollupSums = { total: zeroCounters(), byTheme: {}, byChild: {}, byMonth: {}, reasons: [], volunteers: 0 }
      const reasons = new Map<string, { fate: 'rejected' | 'cancelled'; reason: string; n: number }>()
      const volunteers = new Set<string>()
      for (const m of months) for (const v of (m.vol as string[] | undefined) ?? []) volunteers.add(v)
      const inEdge = (day: string) => (day >= p.head[0] && day < p.head[1]) || (day >= p.tail[0] && day < p.tail[1])
      for (const doc of docs) {
        for (const [field, partial] of Object.entries(doc.cells ?? {})) {
          const [childId, themeId] = field.split('~')
          const counters = countersOf(partial)
          addInto({ total: out.total }, 'total', counters)
          addInto(out.byTheme, themeId, counters)
          addInto(out.byChild, childId, counters)
          addInto(out.byMonth, doc.day.slice(0, 7), counters)
        }
        for (const fate of ['rejected', 'cancelled'] as const) {
          for (const [reason, n] of Object.entries(doc.reasons?.[fate] ?? {})) {
            const key = `${fate}|${reason}`
            const into = reasons.get(key) ?? { fate, reason, n: 0 }
            into.n += n
            reasons.set(key, into)
          }
        }
        if (inEdge(doc.day)) for (const v of doc.vol ?? []) volunteers.add(v)
      }
      out.reasons = [...reasons.values()].filter((r) => r.n !== 0)
      out.volunteers = volunteers.size
      return out
    },

    /**
     * The overdue open orders of the unit, three reads in parallel (indexes unitPath + status + updatedAt, and + preferredAt;
     * an index serves one range, so the period's bounds on createdAt are applied here): the reads grow with the orders
     * overdue now, which the scheduled job's reminders, escalations and recalls keep few.
     */
    async countOverdue(q) {
      const inPeriod = (d: DocData) => String(d.createdAt) >= q.from && String(d.createdAt) < q.to
      const count = async (where: object) => (await c.readAll('orders', { unitPath: q.unitId, ...where })).filter(inPeriod).length
      const [placed, dispatched, claimed] = await Promise.all([
        count({ status: 'placed', updatedAt: _.lt(q.placedBefore) }),
        count({ status: 'dispatched', updatedAt: _.lt(q.dispatchedBefore) }),
        count({ status: 'claimed', preferredAt: _.gt('').and(_.lt(q.preferredBefore)) }),
      ])
      return { placed, dispatched, claimed }
    },

    async teamsLastServed(teamIds) {
      const out: Record<string, string | null> = Object.fromEntries(teamIds.map((id) => [id, null]))
      for (const d of await c.readIds('stat_teams', teamIds)) out[String(d._id)] = String(d.lastServedAt)
      return out
    },

    /** The teams' day documents of the period (index teamId + day, PAGE a request), summed per team. */
    async teamSums(teamIds, fromDay, toDay) {
      const out: Record<string, TeamCounters> = Object.fromEntries(teamIds.map((id) => [id, zeroTeamCounters()]))
      if (teamIds.length === 0) return out
      const docs = (await c.readAll('stat_team_days', { teamId: _.in([...new Set(teamIds)]), day: _.gte(fromDay).and(_.lt(toDay)) })) as TeamDayDoc[]
      for (const d of docs) {
        const into = out[d.teamId]
        if (!into) continue
        const counters = teamCountersOf(d.c)
        for (const k of TEAM_COUNTERS) into[k] += counters[k]
      }
      return out
    },

    async firstDay() {
      const [first] = await c.readSorted('orders', await everyOrder(), 'createdAt', 'asc', 1, null)
      return first ? chinaDay(String(first.createdAt)) : null
    },

    /**
     * Reads the day's rollup documents, then its orders (index createdAt); leaves the day for a later run if an order
     * changed since `quietSince` (its rollup write may still be on its way). Each document that differs from the
     * recount is replaced only if no change landed on it since it was read (`rev`), so a change applied meanwhile is
     * never lost: it is recounted next time.
     */
    async repairDay(day, quietSince) {
      const [stored, storedTeams] = (await Promise.all([c.readAll('stat_days', { day }), c.readAll('stat_team_days', { day })])) as [DayDoc[], TeamDayDoc[]]
      const docs = await c.readAll('orders', { ...(await everyOrder()), createdAt: _.gte(dayStart(day)).and(_.lt(dayStart(nextDay(day)))) })
      const orders: Order[] = docs.map(toOrder)
      if (orders.some((o) => o.updatedAt >= quietSince)) return { day, orders: orders.length, drift: [], skipped: true }
      const counted = recountDay(orders)
      const want = new Map<string, ReturnType<typeof freshDay>>()
      const units = new Set([...counted.cells.map((x) => x.unitId), ...counted.reasons.map((x) => x.unitId), ...counted.volunteers.map((x) => x.unitId)])
      for (const unitId of units) {
        want.set(
          unitId,
          freshDay(
            unitId,
            day,
            counted.cells.filter((x) => x.unitId === unitId),
            counted.reasons.filter((x) => x.unitId === unitId),
            counted.volunteers.filter((x) => x.unitId === unitId).map((x) => x.volunteerId),
          ),
        )
      }
      const byUnitStored = new Map(stored.map((d) => [d.unitId, d]))
      const drift: DayRepair['drift'] = []
      const writes: Array<Promise<unknown>> = []
      for (const unitId of new Set([...want.keys(), ...byUnitStored.keys()])) {
        const have = byUnitStored.get(unitId)
        const target = want.get(unitId) ?? freshDay(unitId, day, [], [], [])
        const a = have ? flatDoc(have) : new Map<string, number>()
        const b = flatDoc(target)
        const diff = [...new Set([...a.keys(), ...b.keys()])].filter((k) => (a.get(k) ?? 0) !== (b.get(k) ?? 0))
        if (diff.length === 0) continue
        for (const key of diff) {
          const [kind, rest] = key.split(/:(.*)/s)
          drift.push({ kind: kind as 'cell' | 'reason' | 'volunteer', key: rest, stored: a.get(key) ?? 0, counted: b.get(key) ?? 0 })
        }
        const replace = { cells: _.set(target.cells), reasons: _.set(target.reasons), vol: target.vol, rev: _.inc(1) }
        writes.push(
          have
            ? sdk(c.col('stat_days').where({ _id: have._id, rev: have.rev ?? 0 }).update({ data: replace }))
            : c.insert('stat_days', target),
        )
        if (target.vol.length > 0) {
          const id = monthDocId(unitId, day.slice(0, 7))
          writes.push(upsert(c, 'stat_months', id, { vol: _.addToSet({ $each: target.vol }), rev: _.inc(1) }, () => ({ id, unitId, month: day.slice(0, 7), vol: target.vol, rev: 1 })))
        }
      }
      writes.push(...repairTeams(day, storedTeams, counted.teamCells, drift))
      await Promise.all(writes)
      return { day, orders: orders.length, drift }
    },
  }
}
