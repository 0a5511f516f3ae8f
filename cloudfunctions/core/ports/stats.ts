import type { Counters, ReasonCount, TeamCounters } from '../figures'

/**
 * Statistics rollups (issue 9): counters per (unit, China day of placing, child unit, theme), reason counts per
 * (unit, day, fate), the distinct-volunteer sets per (unit, day) and (unit, month), and each team's last service.
 * The orders port keeps them in step with every insert and transition (core/figures.ts rollupDelta); this port
 * reads them and repairs them from the orders. Every method is one round trip; one that writes several records is
 * atomic.
 */
export interface StatsStore {
  /** The rollups of the unit over the days [fromDay, toDay) (China time, `YYYY-MM-DD`), summed. */
  sums(q: RollupQuery): Promise<RollupSums>
  /** Open orders placed in [from, to) under the unit that are overdue: placed/dispatched updated before the bounds, claimed with a preferred time before `preferredBefore`. */
  countOverdue(q: OverdueQuery): Promise<{ placed: number; dispatched: number; claimed: number }>
  /** When each team last served (the completion time of its latest served order), null when never. */
  teamsLastServed(teamIds: string[]): Promise<Record<string, string | null>>
  /** Each team's counters over the days [fromDay, toDay) of placing (issue 11; zero for a team without any), summed. */
  teamSums(teamIds: string[], fromDay: string, toDay: string): Promise<Record<string, TeamCounters>>
  /** The China day of the earliest order, null when there is none (where the repair sweep starts). */
  firstDay(): Promise<string | null>
  /**
   * Recounts one day's rollups from the orders placed on it and replaces what differs; reports the drift. A day with
   * an order changed since `quietSince` may be left for a later run (CloudBase: its rollups follow the order write).
   */
  repairDay(day: string, quietSince: string): Promise<DayRepair>
}

export interface RollupQuery {
  unitId: string
  fromDay: string
  toDay: string
}

export interface OverdueQuery {
  unitId: string
  from: string
  to: string
  placedBefore: string
  dispatchedBefore: string
  preferredBefore: string
}

export interface RollupSums {
  total: Counters
  byTheme: Record<string, Counters>
  /** child unit id (the unit's own id for orders placed at the unit itself) → counters */
  byChild: Record<string, Counters>
  /** `YYYY-MM` → counters */
  byMonth: Record<string, Counters>
  reasons: Array<Omit<ReasonCount, 'unitId'>>
  /** distinct volunteers of the served orders of the period */
  volunteers: number
}

export interface DayRepair {
  day: string
  orders: number
  /** cells, reasons or volunteer pairs that differed from the recount and were replaced */
  drift: Array<{ kind: 'cell' | 'reason' | 'volunteer'; key: string; stored: number; counted: number }>
  /** the day had changes too recent to recount safely; nothing was written */
  skipped?: true
}
