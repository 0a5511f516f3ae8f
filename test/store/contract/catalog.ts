/**
 * The catalog port (units, themes, menu items, teams, unit settings):
 * its documented behaviour for any adapter, run by ./index.ts.
 */
import type { Stores } from '~core/ports'
import { advance, at, claimBy, ids, makeImport, makeMembership, makeMenuItem, makeOrder, makeTeam, makeUser } from '../fixtures'
import { freshStores, type MakeStores, makeUnitSettings } from './helpers'

export function catalogContract(make: MakeStores): void {
  describe('catalog', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('listMenuItems: active and inactive items of the given units, by theme sort then title', async () => {
      await stores.seed.importData(makeImport())
      expect(ids(await stores.catalog.listMenuItems(['s11', 'i1', 'c']))).toEqual(['imp-item-3', 'imp-item-2', 'imp-item-1'])
      expect(ids(await stores.catalog.listMenuItems(['s21']))).toEqual(['imp-item-4'])
      expect(await stores.catalog.listMenuItems([])).toEqual([])
    })

    test('saveMenuItem inserts or replaces by id', async () => {
      await stores.seed.importData(makeImport())
      const added = makeMenuItem({ title: 'e 送医上门', themeId: 'th-a', orgUnitId: 's11' })
      expect(await stores.catalog.saveMenuItem(added)).toEqual(added)
      const replaced = { ...(await stores.catalog.getMenuItem('imp-item-3'))!, title: 'f 法律咨询', active: false }
      await stores.catalog.saveMenuItem(replaced)
      expect(await stores.catalog.getMenuItem('imp-item-3')).toEqual(replaced)
      expect(ids(await stores.catalog.listMenuItems(['s11', 'c']))).toEqual([added.id, 'imp-item-3', 'imp-item-1'])
      expect(await stores.catalog.getMenuItem('item-missing')).toBeNull()
    })

    test('listTeams applies every given filter and sorts by name', async () => {
      await stores.seed.importData(makeImport())
      expect(ids(await stores.catalog.listTeams({}))).toEqual(['imp-team-2', 'imp-team-1', 'imp-team-3'])
      expect(ids(await stores.catalog.listTeams({ ids: ['imp-team-3', 'imp-team-1', 'team-missing'] }))).toEqual([
        'imp-team-1',
        'imp-team-3',
      ])
      expect(ids(await stores.catalog.listTeams({ unitIds: ['s11', 'i1'] }))).toEqual(['imp-team-2', 'imp-team-1'])
      expect(ids(await stores.catalog.listTeams({ themeId: 'th-b' }))).toEqual(['imp-team-2', 'imp-team-1'])
      expect(ids(await stores.catalog.listTeams({ unitIds: ['s11', 's21'], themeId: 'th-b' }))).toEqual(['imp-team-1'])
      expect(ids(await stores.catalog.listTeams({ ids: ['imp-team-1', 'imp-team-2'], unitIds: ['i1'] }))).toEqual(['imp-team-2'])
      expect(ids(await stores.catalog.listTeams({ ids: ['imp-team-3'], themeId: 'th-a' }))).toEqual([])
      expect(await stores.catalog.listTeams({ ids: [] })).toEqual([])
    })

    test('saveTeam keeps the stored members and makes a member named leader a leader, granting nothing else', async () => {
      const member = await stores.users.createUser(makeUser({ roles: ['resident'] }))
      const team = makeTeam({ leaderId: null, memberIds: [] })
      expect(await stores.catalog.saveTeam(team)).toEqual(team)
      await stores.memberships.applyMembership(makeMembership({ teamId: team.id, userId: member.id }))
      await stores.memberships.approveMembership(team.id, member.id, 'manager-1', at(5))
      let [m] = await stores.users.getUsers([member.id])
      const asMember = { roles: [...m.roles].sort(), teamIds: m.teamIds }
      expect(asMember).toEqual({ roles: ['resident', 'volunteer'], teamIds: [team.id] })

      // the members given are ignored for a stored team: they join only through their application
      const led = await stores.catalog.saveTeam({ ...team, name: '新队名', leaderId: member.id, memberIds: ['someone-else'] })
      expect(led).toEqual({ ...team, name: '新队名', leaderId: member.id, memberIds: [member.id] })
      expect(await stores.catalog.listTeams({ ids: [team.id] })).toEqual([led])
      ;[m] = await stores.users.getUsers([member.id])
      expect({ roles: [...m.roles].sort(), teamIds: m.teamIds }).toEqual({ roles: ['leader', 'resident', 'volunteer'], teamIds: [team.id] })
      await stores.catalog.saveTeam(led)
      ;[m] = await stores.users.getUsers([member.id])
      expect(m.roles.filter((r) => r === 'leader')).toHaveLength(1)
    })

    test('saveTeam naming a leader who is not a member grants that person nothing', async () => {
      const outsider = await stores.users.createUser(makeUser({ roles: ['resident'] }))
      const fresh = makeTeam({ leaderId: outsider.id, memberIds: [] })
      expect(await stores.catalog.saveTeam(fresh)).toEqual(fresh)
      const stored = await stores.catalog.saveTeam(makeTeam({ leaderId: null, memberIds: [] }))
      await stores.catalog.saveTeam({ ...stored, leaderId: outsider.id, memberIds: [outsider.id] })
      expect((await stores.catalog.listTeams({ ids: [stored.id] }))[0].memberIds).toEqual([])
      const [o] = await stores.users.getUsers([outsider.id])
      expect({ roles: o.roles, teamIds: o.teamIds }).toEqual({ roles: ['resident'], teamIds: [] })
    })

    test('saveTeam without a leader stores the team as given', async () => {
      const team = makeTeam({ themeIds: ['th-x'] })
      expect(await stores.catalog.saveTeam(team)).toEqual(team)
      expect(await stores.catalog.listTeams({ themeId: 'th-x' })).toEqual([team])
    })

    test('teamStats: open load from dispatched and claimed orders, rating from rated ones, served from completed, rated and closed; zeros otherwise', async () => {
      const rating = (stars: number) => ({ stars, comment: '', at: at(50) })
      const orders = [
        makeOrder({ status: 'dispatched', teamIds: ['T1', 'T2'] }),
        makeOrder({ status: 'claimed', teamIds: ['T1'], claims: [claimBy('v')] }),
        makeOrder({ status: 'completed', teamIds: ['T1'] }),
        makeOrder({ status: 'rated', teamIds: ['T1'], rating: rating(5) }),
        makeOrder({ status: 'rated', teamIds: ['T1', 'T2'], rating: rating(3) }),
        makeOrder({ status: 'closed', teamIds: ['T2'] }),
        makeOrder({ status: 'placed' }),
      ]
      for (const o of orders) await stores.orders.insertOrder(o)
      expect(await stores.catalog.teamStats(['T1', 'T2', 'T3'])).toEqual({
        T1: { openLoad: 2, ratingSum: 8, ratingCount: 2, served: 3 },
        T2: { openLoad: 1, ratingSum: 3, ratingCount: 1, served: 2 },
        T3: { openLoad: 0, ratingSum: 0, ratingCount: 0, served: 0 },
      })
      const completed = orders[2]
      const rated = advance(completed, { status: 'rated', rating: rating(4) })
      expect(await stores.orders.transition({ orderId: completed.id, expectedVersion: 1, next: rated })).toBe('ok')
      const dispatched = orders[0]
      const cancelled = advance(dispatched, { status: 'cancelled', reason: '不需要了' })
      expect(await stores.orders.transition({ orderId: dispatched.id, expectedVersion: 1, next: cancelled })).toBe('ok')
      expect((await stores.catalog.teamStats(['T1'])).T1).toEqual({ openLoad: 1, ratingSum: 12, ratingCount: 3, served: 3 })
      expect(await stores.catalog.teamStats([])).toEqual({})
    })

    test('unit settings: saved per unit, replaced on save, read by ids or all', async () => {
      expect(await stores.catalog.listUnitSettings()).toEqual([])
      expect(await stores.catalog.getUnitSettings(['c', 's11'])).toEqual([])
      const center = makeUnitSettings('c', { remindUndispatchedHours: 24, escalateUndispatchedHours: 48, autoCloseDays: 7 })
      const station = makeUnitSettings('s11', { escalateUndispatchedHours: 12 })
      expect(await stores.catalog.saveUnitSettings(center)).toEqual(center)
      await stores.catalog.saveUnitSettings(station)
      expect((await stores.catalog.getUnitSettings(['s11', 'nowhere', 'c'])).sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual([center, station])
      const replaced = makeUnitSettings('s11', { remindUnclaimedHours: 3 })
      await stores.catalog.saveUnitSettings(replaced)
      expect(await stores.catalog.getUnitSettings(['s11'])).toEqual([replaced])
      expect((await stores.catalog.listUnitSettings()).sort((a, b) => a.unitId.localeCompare(b.unitId))).toEqual([center, replaced])
    })
  })
}
