import { fail } from '~core/errors'
import { maskedResident, publicPlace, wallPhotos } from '~core/social'
import type { CatalogStore, OrderStore, SocialStore, UploadStore } from '~core/ports'
import { type Order, type OrgUnit, PAGE_SIZE, type Page, publicAverage, SERVED_STATUSES, type Theme, type User, type WallItem } from '~types'

export type WallStores = {
  orders: Pick<OrderStore, 'listOverview'>
  catalog: Pick<CatalogStore, 'listTeams'>
  social: Pick<SocialStore, 'summaries' | 'marks'>
  uploads: Pick<UploadStore, 'getUploads'>
}

export interface WallInput {
  unitId?: string
  themeId?: string
  cursor?: string
  limit?: number
}

/**
 * 公示栏: a page of served orders of the unit's subtree (default: the county), newest first, as anyone may see them.
 * Store calls: the page (the overview query over the served statuses), then in parallel the page's summaries, the
 * viewer's marks (signed in only), its teams and its photos' upload records. `units` and `themes` are the instance's.
 */
export async function wallPage(deps: WallStores, viewer: User | null, input: WallInput, units: readonly OrgUnit[], themes: readonly Theme[]): Promise<Page<WallItem>> {
  const root = units.find((u) => u.parentId === null)
  const unitId = input.unitId ?? root?.id
  if (!unitId || !units.some((u) => u.id === unitId)) fail('NOT_FOUND', '单位不存在')
  const page = await deps.orders.listOverview(
    { unitId, arms: SERVED_STATUSES.map((status) => ({ status })), ...(input.themeId ? { themeId: input.themeId } : {}), sort: 'newest' },
    { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE },
  )
  const orders = page.items
  if (orders.length === 0) return { items: [], nextCursor: page.nextCursor }
  const ids = orders.map((o) => o.id)
  const teamIds = [...new Set(orders.flatMap((o) => o.teamIds))]
  const photoIds = [...new Set(orders.flatMap((o) => o.completion?.photos ?? []))]
  const [summaries, marks, teams, uploads] = await Promise.all([
    deps.social.summaries(ids),
    viewer ? deps.social.marks(ids, viewer.id) : Promise.resolve(null),
    teamIds.length ? deps.catalog.listTeams({ ids: teamIds }) : Promise.resolve([]),
    photoIds.length ? deps.uploads.getUploads(photoIds) : Promise.resolve([]),
  ])
  const unitName = new Map(units.map((u) => [u.id, u.name]))
  const themeName = new Map(themes.map((t) => [t.id, t.name]))
  const teamName = new Map(teams.map((t) => [t.id, t.name]))
  const uploadById = new Map(uploads.map((u) => [u.id, u]))
  const item = (o: Order): WallItem => {
    const s = summaries[o.id] ?? { orderId: o.id, likes: 0, ratingCount: 0, ratingSum: 0 }
    const m = marks?.[o.id]
    return {
      orderId: o.id,
      title: o.title,
      themeId: o.themeId,
      themeName: themeName.get(o.themeId) ?? '',
      stationName: unitName.get(o.orgUnitId) ?? '',
      teamNames: o.teamIds.flatMap((id) => (teamName.has(id) ? [teamName.get(id)!] : [])),
      servedAt: o.completion?.at ?? null,
      place: publicPlace(o),
      residentMasked: maskedResident(o),
      photos: wallPhotos(o.completion?.photos ?? [], uploadById),
      requesterStars: o.rating?.stars ?? null,
      publicAvg: publicAverage(s),
      publicCount: s.ratingCount,
      likes: s.likes,
      ...(marks ? { liked: m?.liked ?? false, myRating: m?.myStars ?? null } : {}),
    }
  }
  return { items: orders.map(item), nextCursor: page.nextCursor }
}
