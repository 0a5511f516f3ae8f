import { WITH_TEAMS_STATUSES } from '~types'
import type { MenuItem, OrgUnit, OrderStatus, Team, Theme, UnitSettings, User } from '~types'
import type { CatalogStore, TeamStats } from '~core/ports'
import type { DocData } from './db-types'
import { body, chunks, cmpKey, type Conn, fromDoc, PAGE, sameList, sdk, union } from './db'

/** teamStats groups by (team, status): 5 statuses × TEAM_CHUNK teams stays within one aggregate page (≤ 100). */
const TEAM_CHUNK = 20

function toSettings(doc: DocData): UnitSettings {
  return {
    unitId: String(doc.unitId ?? doc._id),
    limits: (doc.limits as UnitSettings['limits'] | undefined) ?? {},
    updatedAt: String(doc.updatedAt ?? ''),
    updatedBy: String(doc.updatedBy ?? ''),
  }
}

export function createCatalogStore(c: Conn): CatalogStore {
  const listThemes = async (): Promise<Theme[]> => {
    const themes = (await c.readAll('themes', null)).map((d) => fromDoc<Theme>(d))
    return themes.sort((a, b) => a.sort - b.sort || cmpKey(a.id, b.id))
  }

  return {
    async listUnits() {
      return (await c.readAll('units', null)).map((d) => fromDoc<OrgUnit>(d))
    },

    async getUnit(id) {
      const doc = await c.getDoc('units', id)
      return doc ? fromDoc<OrgUnit>(doc) : null
    },

    listThemes,

    async listMenuItems(unitIds) {
      if (unitIds.length === 0) return []
      const [docs, themes] = await Promise.all([
        c.readAll('menu_items', { orgUnitId: c._.in([...new Set(unitIds)]) }),
        listThemes(),
      ])
      const rank = new Map(themes.map((t, i) => [t.id, i]))
      const items = docs.map((d) => fromDoc<MenuItem>(d))
      const r = (item: MenuItem) => rank.get(item.themeId) ?? Number.MAX_SAFE_INTEGER
      return items.sort((a, b) => r(a) - r(b) || cmpKey(a.title, b.title) || cmpKey(a.id, b.id))
    },

    async getMenuItem(id) {
      const doc = await c.getDoc('menu_items', id)
      return doc ? fromDoc<MenuItem>(doc) : null
    },

    async saveMenuItem(item) {
      await sdk(c.col('menu_items').doc(item.id).set({ data: body(item) }))
      return item
    },

    async listTeams(filter) {
      if (filter.ids?.length === 0 || filter.unitIds?.length === 0) return []
      const where: Record<string, unknown> = {}
      if (filter.unitIds) where.orgUnitId = c._.in([...new Set(filter.unitIds)])
      if (filter.themeId !== undefined) where.themeIds = filter.themeId
      const extra = Object.keys(where).length > 0 ? where : null
      const docs = filter.ids ? await c.readIds('teams', filter.ids, extra) : await c.readAll('teams', extra)
      return docs.map((d) => fromDoc<Team>(d)).sort((a, b) => cmpKey(a.name, b.name) || cmpKey(a.id, b.id))
    },

    async saveTeam(team) {
      // a new team without a leader is one document: its insert is the whole write
      if (!team.leaderId && (await c.insert('teams', team))) return team
      return c.runTx(async (t) => {
        const existing = await c.txGet(t, 'teams', team.id)
        const memberIds = existing ? ((existing.memberIds as string[] | undefined) ?? []) : team.memberIds
        const saved: Team = { ...team, memberIds }
        let leader: DocData | null = null
        if (team.leaderId && memberIds.includes(team.leaderId)) leader = await c.txGet(t, 'users', team.leaderId)
        await sdk(t.collection('teams').doc(team.id).set({ data: body(saved) }))
        if (leader) {
          const user = fromDoc<User>(leader)
          const roles = union(user.roles, ['leader'])
          if (!sameList(roles, user.roles)) await sdk(t.collection('users').doc(user.id).update({ data: { roles } }))
        }
        return saved
      })
    },

    /**
     * One aggregate per TEAM_CHUNK teams over the orders of those teams that are open or rated. Cost honesty: the
     * database scans every rated order the teams ever had (index teamIds+status), so the work grows with history;
     * per-team counters kept by `transition` would be O(1) but would put a hot document into every transaction.
     */
    async teamStats(teamIds) {
      const out: Record<string, TeamStats> = {}
      for (const id of teamIds) out[id] = { openLoad: 0, ratingSum: 0, ratingCount: 0, served: 0 }
      const unique = [...new Set(teamIds)]
      if (unique.length === 0) return out
      const _ = c._
      const $ = _.aggregate
      const lists = await Promise.all(
        chunks(unique, TEAM_CHUNK).map(async (chunk) => {
          const res = await sdk(
            c
              .col('orders')
              .aggregate()
              .match({ teamIds: _.in(chunk), status: _.in([...WITH_TEAMS_STATUSES, 'completed', 'rated', 'closed']) })
              .unwind('$teamIds')
              .match({ teamIds: _.in(chunk) })
              .group({ _id: { teamId: '$teamIds', status: '$status' }, count: $.sum(1), stars: $.sum('$rating.stars') })
              .limit(PAGE)
              .end(),
          )
          return res.list as Array<{ _id: { teamId: string; status: OrderStatus }; count: number; stars: number }>
        }),
      )
      for (const row of lists.flat()) {
        const stats = out[row._id.teamId]
        if (!stats) continue
        if (row._id.status === 'rated') {
          stats.ratingCount += row.count
          stats.ratingSum += row.stars ?? 0
        }
        if (WITH_TEAMS_STATUSES.includes(row._id.status)) stats.openLoad += row.count
        else stats.served += row.count
      }
      return out
    },

    async getUnitSettings(unitIds) {
      if (unitIds.length === 0) return []
      return (await c.readIds('unit_settings', unitIds)).map(toSettings)
    },

    async listUnitSettings() {
      return (await c.readAll('unit_settings', null)).map(toSettings)
    },

    async saveUnitSettings(settings) {
      const { unitId, limits, updatedAt, updatedBy } = settings
      await sdk(c.col('unit_settings').doc(unitId).set({ data: { unitId, limits, updatedAt, updatedBy } }))
      return settings
    },
  }
}
