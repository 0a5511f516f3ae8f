/** The memberships port: its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import { at, ids, makeMembership, makeTeam, makeUser, sortedIds } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function membershipsContract(make: MakeStores): void {
  describe('memberships', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('applyMembership inserts a pending membership once, keyed by team and user', async () => {
      const m = makeMembership({ teamId: 'team-a', userId: 'user-a', id: 'ignored-id' })
      const stored = await stores.memberships.applyMembership(m)
      expect(stored).toEqual({ ...m, id: 'team-a:user-a' })
      expect(await stores.memberships.applyMembership({ ...m, userName: '别名', appliedAt: at(9) })).toEqual(stored)
      expect(await stores.memberships.getMembership('team-a', 'user-a')).toEqual(stored)
      expect(await stores.memberships.getMembership('team-a', 'user-b')).toBeNull()
    })

    test('listMemberships filters by teams and status', async () => {
      const a = await stores.memberships.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u1' }))
      const b = await stores.memberships.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u2' }))
      const c = await stores.memberships.applyMembership(makeMembership({ teamId: 'team-b', userId: 'u1' }))
      await stores.memberships.applyMembership(makeMembership({ teamId: 'team-c', userId: 'u1' }))
      await stores.catalog.saveTeam(makeTeam({ id: 'team-a' }))
      await stores.users.createUser(makeUser({ id: 'u2' }))
      await stores.memberships.approveMembership('team-a', 'u2', 'boss', at(3))
      expect(sortedIds(await stores.memberships.listMemberships(['team-a', 'team-b']))).toEqual(sortedIds([a, b, c]))
      expect(sortedIds(await stores.memberships.listMemberships(['team-a', 'team-b'], 'pending'))).toEqual(sortedIds([a, c]))
      expect(ids(await stores.memberships.listMemberships(['team-a'], 'active'))).toEqual([b.id])
      expect(await stores.memberships.listMemberships([])).toEqual([])
    })

    test('listMembershipsOfUser lists one person\'s applications and memberships, oldest first', async () => {
      const a = await stores.memberships.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u1', appliedAt: at(2) }))
      const b = await stores.memberships.applyMembership(makeMembership({ teamId: 'team-b', userId: 'u1', appliedAt: at(1) }))
      await stores.memberships.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u2' }))
      await stores.catalog.saveTeam(makeTeam({ id: 'team-a' }))
      await stores.users.createUser(makeUser({ id: 'u1' }))
      await stores.memberships.approveMembership('team-a', 'u1', 'boss', at(3))
      const mine = await stores.memberships.listMembershipsOfUser('u1')
      expect(ids(mine)).toEqual([b.id, a.id])
      expect(mine.map((m) => m.status)).toEqual(['pending', 'active'])
      expect(await stores.memberships.listMembershipsOfUser('nobody')).toEqual([])
    })

    test('approveMembership activates it and joins the user to the team atomically, idempotently', async () => {
      const user = await stores.users.createUser(makeUser({ roles: ['resident'] }))
      const team = await stores.catalog.saveTeam(makeTeam())
      await stores.memberships.applyMembership(makeMembership({ teamId: team.id, userId: user.id }))
      const approved = await stores.memberships.approveMembership(team.id, user.id, 'boss', at(7))
      expect(approved).toMatchObject({ status: 'active', approvedAt: at(7), approvedBy: 'boss' })
      expect(await stores.memberships.getMembership(team.id, user.id)).toEqual(approved)
      const check = async () => {
        const [t] = await stores.catalog.listTeams({ ids: [team.id] })
        const [u] = await stores.users.getUsers([user.id])
        expect(t.memberIds).toEqual([user.id])
        expect(u.teamIds).toEqual([team.id])
        expect(u.roles).toEqual(['resident', 'volunteer'])
      }
      await check()
      expect(await stores.memberships.approveMembership(team.id, user.id, 'other', at(99))).toEqual(approved)
      await check()
      expect(await stores.memberships.approveMembership(team.id, 'user-missing', 'boss', at(7))).toBeNull()
    })

    test('declineMembership deletes a pending membership only', async () => {
      await stores.memberships.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u1' }))
      await stores.memberships.applyMembership(makeMembership({ teamId: 'team-a', userId: 'u2' }))
      await stores.catalog.saveTeam(makeTeam({ id: 'team-a' }))
      await stores.users.createUser(makeUser({ id: 'u2' }))
      await stores.memberships.approveMembership('team-a', 'u2', 'boss', at(1))
      expect(await stores.memberships.declineMembership('team-a', 'u1')).toBe(true)
      expect(await stores.memberships.getMembership('team-a', 'u1')).toBeNull()
      expect(await stores.memberships.declineMembership('team-a', 'u1')).toBe(false)
      expect(await stores.memberships.declineMembership('team-a', 'u2')).toBe(false)
      expect((await stores.memberships.getMembership('team-a', 'u2'))?.status).toBe('active')
    })
  })
}
