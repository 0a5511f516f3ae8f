import type { Order, OrgUnit, StationHonour, TeamHonour, VolunteerHonour } from '~types'
import { creditedHours } from './hours'
import { isServed } from './stats'

/**
 * The year's honours (年度评选, points.honors), pure: from the served orders of a unit's subtree placed in the year,
 * rankings of volunteers (credited hours, then services, then average rating), teams (services, then good-rating
 * share) and stations (orders served, then people served). "Good" is 4 or 5 stars, as in the 14534 report.
 */
export const GOOD_STARS = 4

interface Tally {
  name: string
  hours: number
  services: number
  ratingSum: number
  rated: number
  good: number
  people: number
}

const blank = (name: string): Tally => ({ name, hours: 0, services: 0, ratingSum: 0, rated: 0, good: 0, people: 0 })

function tally(map: Map<string, Tally>, id: string, name: string): Tally {
  let t = map.get(id)
  if (!t) map.set(id, (t = blank(name)))
  return t
}

/** The station an order served: the station level of the path it was placed at (else of the unit handling it). */
function stationOf(order: Order, units: ReadonlyMap<string, OrgUnit>): string | null {
  for (const path of [order.originPath, order.unitPath]) {
    const station = path.find((id) => units.get(id)?.level === 'station')
    if (station) return station
  }
  return null
}

const byRank = <T>(rows: Array<[string, Tally]>, cmp: (a: Tally, b: Tally) => number, limit: number, make: (id: string, t: Tally, rank: number) => T): T[] =>
  rows
    .sort(([ia, a], [ib, b]) => cmp(a, b) || (ia < ib ? -1 : 1))
    .slice(0, limit)
    .map(([id, t], i) => make(id, t, i + 1))

const round1 = (x: number) => Math.round(x * 10) / 10
const round2 = (x: number) => Math.round(x * 100) / 100

/**
 * The tallies of the year's honours, kept as orders are added one by one (so an export streams the period's pages
 * through it without holding the orders); ranked() answers the three rankings.
 */
export class HonoursTally {
  private readonly volunteers = new Map<string, Tally>()
  private readonly teams = new Map<string, Tally>()
  private readonly stations = new Map<string, Tally>()

  constructor(
    private readonly units: ReadonlyMap<string, OrgUnit>,
    private readonly teamNames: ReadonlyMap<string, string>,
  ) {}

  add(o: Order): void {
    if (!isServed(o.status)) return
    const stars = o.rating?.stars ?? null
    for (const c of o.claims) {
      const t = tally(this.volunteers, c.volunteerId, c.name)
      t.hours += creditedHours(c)
      t.services++
      if (stars !== null) {
        t.ratingSum += stars
        t.rated++
      }
    }
    for (const teamId of o.teamIds) {
      const t = tally(this.teams, teamId, this.teamNames.get(teamId) ?? '志愿服务队')
      t.services++
      if (stars !== null) {
        t.rated++
        if (stars >= GOOD_STARS) t.good++
      }
    }
    const station = stationOf(o, this.units)
    if (station) {
      const t = tally(this.stations, station, this.units.get(station)?.name ?? '实践站')
      t.services++
      t.people += o.completion?.beneficiaryCount ?? 0
    }
  }

  ranked(limit: number): { volunteers: VolunteerHonour[]; teams: TeamHonour[]; stations: StationHonour[] } {
    const share = (t: Tally) => (t.rated > 0 ? t.good / t.rated : -1)
    const avg = (t: Tally) => (t.rated > 0 ? t.ratingSum / t.rated : -1)
    return {
      volunteers: byRank([...this.volunteers], (a, b) => b.hours - a.hours || b.services - a.services || avg(b) - avg(a), limit, (userId, t, rank) => ({
        rank,
        userId,
        name: t.name,
        hours: round1(t.hours),
        services: t.services,
        averageRating: t.rated > 0 ? round1(t.ratingSum / t.rated) : null,
      })),
      teams: byRank([...this.teams], (a, b) => b.services - a.services || share(b) - share(a), limit, (teamId, t, rank) => ({
        rank,
        teamId,
        name: t.name,
        services: t.services,
        goodShare: t.rated > 0 ? round2(t.good / t.rated) : null,
        rated: t.rated,
      })),
      stations: byRank([...this.stations], (a, b) => b.services - a.services || b.people - a.people, limit, (unitId, t, rank) => ({
        rank,
        unitId,
        name: t.name,
        served: t.services,
        people: t.people,
      })),
    }
  }
}

export function honoursFrom(
  orders: readonly Order[],
  units: ReadonlyMap<string, OrgUnit>,
  teamNames: ReadonlyMap<string, string>,
  limit: number,
): { volunteers: VolunteerHonour[]; teams: TeamHonour[]; stations: StationHonour[] } {
  const honours = new HonoursTally(units, teamNames)
  for (const o of orders) honours.add(o)
  return honours.ranked(limit)
}
