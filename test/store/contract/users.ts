/** The users port (users and roles): its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import { ids, makeUser, pathOf, sortedIds } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function usersContract(make: MakeStores): void {
  describe('users', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    test('createUser inserts once and returns the stored user on a retry', async () => {
      const user = makeUser()
      expect(await stores.users.createUser(user)).toEqual(user)
      expect(await stores.users.createUser({ ...user, name: '另一个名字', roles: ['admin'] })).toEqual(user)
      expect(await stores.users.getUserByOpenid(user.openid)).toEqual(user)
      expect(await stores.users.getUserByOpenid('openid-nobody')).toBeNull()
      expect(await stores.users.listUsers()).toEqual([user])
    })

    test('getUsers returns the users found and skips unknown ids', async () => {
      const a = await stores.users.createUser(makeUser())
      const b = await stores.users.createUser(makeUser())
      await stores.users.createUser(makeUser())
      expect(sortedIds(await stores.users.getUsers([b.id, 'user-missing', a.id]))).toEqual([a.id, b.id].sort())
      expect(await stores.users.getUsers([])).toEqual([])
    })

    test('updateProfile sets the given fields only and persists them', async () => {
      const user = await stores.users.createUser(makeUser({ name: '旧名', phone: '13800000001' }))
      const updated = await stores.users.updateProfile(user.id, { name: '新名' })
      expect(updated).toEqual({ ...user, name: '新名' })
      const moved = await stores.users.updateProfile(user.id, { phone: '13900000002', orgUnitId: 's21', unitPath: pathOf('s21') })
      expect(moved).toEqual({ ...user, name: '新名', phone: '13900000002', orgUnitId: 's21', unitPath: ['c', 'i2', 's21'] })
      expect(await stores.users.getUsers([user.id])).toEqual([moved])
      expect(await stores.users.updateProfile('user-missing', { name: 'x' })).toBeNull()
    })

    test('updateProfile replaces a proxy’s list of people they order for', async () => {
      const user = await stores.users.createUser(makeUser())
      const clients = [
        { name: '陈奶奶', address: '滩尾村五组3号', phone: '' },
        { name: '李爷爷', address: '滩尾村二组8号', phone: '13700007777' },
      ]
      expect(await stores.users.updateProfile(user.id, { proxyClients: clients })).toEqual({ ...user, proxyClients: clients })
      expect(await stores.users.updateProfile(user.id, { proxyClients: [clients[1]] })).toEqual({ ...user, proxyClients: [clients[1]] })
      expect((await stores.users.getUsers([user.id]))[0].proxyClients).toEqual([clients[1]])
      expect((await stores.users.updateProfile(user.id, { proxyClients: [] }))!.proxyClients).toEqual([])
    })

    test('setRole grants a role once and sets managedUnitId for manager and admin', async () => {
      const user = await stores.users.createUser(makeUser())
      let u = await stores.users.setRole(user.id, 'volunteer', true)
      u = await stores.users.setRole(user.id, 'volunteer', true)
      expect(u!.roles).toEqual(['resident', 'volunteer'])
      expect(u!.managedUnitId).toBeNull()

      u = await stores.users.setRole(user.id, 'manager', true, 'i1')
      expect(u!.roles).toEqual(['resident', 'volunteer', 'manager'])
      expect(u!.managedUnitId).toBe('i1')
      u = await stores.users.setRole(user.id, 'admin', true, 'c')
      expect(u!.managedUnitId).toBe('c')
      expect((await stores.users.getUsers([user.id]))[0]).toEqual(u)
    })

    test('setRole revokes; managedUnitId is cleared only when neither manager nor admin remains', async () => {
      const user = await stores.users.createUser(makeUser())
      await stores.users.setRole(user.id, 'manager', true, 'i1')
      await stores.users.setRole(user.id, 'admin', true, 'c')
      let u = await stores.users.setRole(user.id, 'manager', false)
      expect(u!.roles).toEqual(['resident', 'admin'])
      expect(u!.managedUnitId).toBe('c')
      u = await stores.users.setRole(user.id, 'resident', false)
      expect(u!.roles).toEqual(['admin'])
      expect(u!.managedUnitId).toBe('c')
      u = await stores.users.setRole(user.id, 'admin', false)
      expect(u!.roles).toEqual([])
      expect(u!.managedUnitId).toBeNull()
      expect((await stores.users.getUsers([user.id]))[0]).toEqual(u)
      u = await stores.users.setRole(user.id, 'volunteer', false)
      expect(u!.roles).toEqual([])
      expect(await stores.users.setRole('user-missing', 'admin', true, 'c')).toBeNull()
    })

    test('listManagersOf: managers and admins of the units, nobody else', async () => {
      const m1 = await stores.users.createUser(makeUser({ roles: ['resident', 'manager'], managedUnitId: 's11' }))
      const m2 = await stores.users.createUser(makeUser({ roles: ['resident', 'admin'], managedUnitId: 'c' }))
      await stores.users.createUser(makeUser({ roles: ['resident', 'manager'], managedUnitId: 'i1' }))
      await stores.users.createUser(makeUser({ roles: ['resident'], managedUnitId: null }))
      expect(await stores.users.listManagersOf([])).toEqual([])
      expect(sortedIds(await stores.users.listManagersOf(['s11', 'c', 's11']))).toEqual(sortedIds([m1, m2]))
      const revoked = await stores.users.setRole(m1.id, 'manager', false)
      expect(revoked?.managedUnitId ?? null).toBeNull()
      expect(ids(await stores.users.listManagersOf(['s11']))).toEqual([])
    })
  })
}
