/** The sessions port: its documented behaviour for any adapter, run by ./index.ts. */
import type { Session, Stores } from '~core/ports'
import { at } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function sessionsContract(make: MakeStores): void {
  describe('sessions', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    const session = (id: string): Session => ({
      id,
      userId: 'u1',
      openid: 'openid-u1',
      createdAt: at(0),
      expiresAt: at(60),
      revokedAt: null,
      device: 'Mozilla/5.0',
    })

    test('a session created is read back by id; an unknown id is null', async () => {
      expect(await stores.sessions.createSession(session('s1'))).toEqual(session('s1'))
      expect(await stores.sessions.getSession('s1')).toEqual(session('s1'))
      expect(await stores.sessions.getSession('s2')).toBeNull()
    })

    test('revokeSession marks it revoked once; other sessions stay as they were', async () => {
      await stores.sessions.createSession(session('s1'))
      await stores.sessions.createSession(session('s2'))
      expect(await stores.sessions.revokeSession('s1', at(5))).toBe(true)
      expect(await stores.sessions.revokeSession('s1', at(6))).toBe(false)
      expect(await stores.sessions.revokeSession('nope', at(6))).toBe(false)
      expect(await stores.sessions.getSession('s1')).toEqual({ ...session('s1'), revokedAt: at(5) })
      expect(await stores.sessions.getSession('s2')).toEqual(session('s2'))
    })
  })
}
