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

export function honoursFrom(
  orders: readonly Order[],
  units: ReadonlyMap<string, OrgUnit>,
  teamNames: ReadonlyMap<string, string>,
  limit: number,
): { volunteers: VolunteerHonour[]; teams: TeamHonour[]; stations: StationHonour[] } {
  const volunteers = new Map<string, Tally>()
  const teams = new Map<string, Tally>()
  const stations = new Map<string, Tally>()
  for (const o of orders) {
    if (!isServed(o.status)) continue
    const stars = o.rating?.stars ?? null
    for (const c of o.claims) {
      const t = tally(volunteers, c.volunteerId, c.name)
      t.hours += creditedHours(c)
      t.services++
      if (stars !== null) {
        t.ratingSum += stars
        t.rated++
      }
    }
    for (const teamId of o.teamIds) {
      const t = tally(teams, teamId, teamNames.get(teamId) ?? '志愿服务队')
      t.services++
      if (stars !== null) {
        t.rated++
        if (stars >= GOOD_STARS) t.good++
      }
    }
    const station = stationOf(o, units)
    if (station) {
      const t = tally(stations, station, units.get(station)?.name ?? '实践站')
      t.services++
      t.people += o.completion?.beneficiaryCount ?? 0
    }
  }
  const share = (t: Tally) => (t.rated > 0 ? t.good / t.rated : -1)
  const avg = (t: Tally) => (t.rated > 0 ? t.ratingSum / t.rated : -1)
  return {
    volunteers: byRank([...volunteers], (a, b) => b.hours - a.hours || b.services - a.services || avg(b) - avg(a), limit, (userId, t, rank) => ({
      rank,
      userId,
      name: t.name,
      hours: round1(t.hours),
      services: t.services,
      averageRating: t.rated > 0 ? round1(t.ratingSum / t.rated) : null,
    })),
    teams: byRank([...teams], (a, b) => b.services - a.services || share(b) - share(a), limit, (teamId, t, rank) => ({
      rank,
      teamId,
      name: t.name,
      services: t.services,
      goodShare: t.rated > 0 ? round2(t.good / t.rated) : null,
      rated: t.rated,
    })),
    stations: byRank([...stations], (a, b) => b.services - a.services || b.people - a.people, limit, (unitId, t, rank) => ({
      rank,
      unitId,
      name: t.name,
      served: t.services,
      people: t.people,
    })),
  }
}
