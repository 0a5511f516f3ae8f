/** The credentials port (passwords and invites): its documented behaviour for any adapter, run by ./index.ts. */
import type { Credential, Invite, Registration, Stores } from '~core/ports'
import { at, makeUser } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

export function credentialsContract(make: MakeStores): void {
  describe('credentials', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    const invite = (code: string, extra: Partial<Invite> = {}): Invite => ({
      code,
      roles: ['proxy'],
      orgUnitId: 'i1',
      teamId: null,
      createdBy: 'admin-1',
      createdAt: at(0),
      expiresAt: at(60),
      usedBy: null,
      usedAt: null,
      ...extra,
    })

    let n = 0
    function registration(phone: string, inviteCode?: string, now = at(10)): Registration {
      const user = makeUser({ id: `reg-${++n}`, phone })
      const credential: Credential = { phone, userId: user.id, openid: user.openid, passwordHash: `scrypt$hash-${n}`, createdAt: now }
      return { credential, user, ...(inviteCode ? { inviteCode } : {}), now }
    }

    test('register inserts the user and the credential; the phone then has its credential', async () => {
      const r = registration('13900000001')
      expect(await stores.credentials.register(r)).toEqual({ ok: true, user: r.user, invite: null })
      expect(await stores.credentials.getCredential('13900000001')).toEqual(r.credential)
      expect(await stores.users.getUserByOpenid(r.user.openid)).toEqual(r.user)
      expect(await stores.credentials.getCredential('13900000002')).toBeNull()
    })

    test('a phone with a credential is refused and nothing is written', async () => {
      await stores.credentials.register(registration('13900000001'))
      const again = registration('13900000001')
      expect(await stores.credentials.register(again)).toEqual({ ok: false, refused: 'phoneTaken' })
      expect(await stores.users.getUsers([again.user.id])).toEqual([])
    })

    test('an invite is used once: unknown, used and expired ones are refused without writing anything', async () => {
      await stores.credentials.createInvite(invite('AAAABBBBCCCC'))
      await stores.credentials.createInvite(invite('EXPIREDXXXXX', { expiresAt: at(5) }))
      const first = registration('13900000001', 'AAAABBBBCCCC')
      const used = await stores.credentials.register(first)
      expect(used).toEqual({ ok: true, user: first.user, invite: { ...invite('AAAABBBBCCCC'), usedBy: first.user.id, usedAt: at(10) } })
      expect((await stores.credentials.getInvite('AAAABBBBCCCC'))?.usedBy).toBe(first.user.id)

      for (const [code, refused] of [
        ['AAAABBBBCCCC', 'inviteUsed'],
        ['EXPIREDXXXXX', 'inviteExpired'],
        ['NOSUCHCODEXX', 'inviteUnknown'],
      ] as const) {
        const r = registration('13900000009', code)
        expect(await stores.credentials.register(r)).toEqual({ ok: false, refused })
        expect(await stores.credentials.getCredential('13900000009')).toBeNull()
        expect(await stores.users.getUsers([r.user.id])).toEqual([])
      }
      expect((await stores.credentials.getInvite('EXPIREDXXXXX'))?.usedBy).toBeNull()
    })

    test('parallel registrations with one invite: exactly one account', async () => {
      await stores.credentials.createInvite(invite('PARALLELCODE'))
      const attempts = Array.from({ length: 8 }, (_, i) => registration(`1390000010${i}`, 'PARALLELCODE'))
      const results = await Promise.all(attempts.map((r) => stores.credentials.register(r)))
      const winners = results.filter((r) => r.ok)
      expect(winners).toHaveLength(1)
      expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.refused)).toEqual(Array(7).fill('inviteUsed'))
      const credentials = await Promise.all(attempts.map((r) => stores.credentials.getCredential(r.credential.phone)))
      expect(credentials.filter(Boolean)).toHaveLength(1)
      expect(await stores.users.getUsers(attempts.map((r) => r.user.id))).toHaveLength(1)
    })

    test('parallel registrations of one phone: exactly one account', async () => {
      const attempts = Array.from({ length: 6 }, () => registration('13900000001'))
      const results = await Promise.all(attempts.map((r) => stores.credentials.register(r)))
      expect(results.filter((r) => r.ok)).toHaveLength(1)
      expect(await stores.users.getUsers(attempts.map((r) => r.user.id))).toHaveLength(1)
    })

    test('createInvite: getInvite finds it by code; the same requestKey answers the first invite', async () => {
      expect(await stores.credentials.createInvite(invite('FIRSTCODEXXX'), 'admin-1:user.invite:r1')).toEqual(invite('FIRSTCODEXXX'))
      expect(await stores.credentials.createInvite(invite('SECONDCODEXX'), 'admin-1:user.invite:r1')).toEqual(invite('FIRSTCODEXXX'))
      expect(await stores.credentials.getInvite('FIRSTCODEXXX')).toEqual(invite('FIRSTCODEXXX'))
      expect(await stores.credentials.getInvite('SECONDCODEXX')).toBeNull()
      expect(await stores.credentials.createInvite(invite('THIRDCODEXXX'), 'admin-1:user.invite:r2')).toEqual(invite('THIRDCODEXXX'))
      expect(await stores.credentials.createInvite(invite('FOURTHCODEXX'))).toEqual(invite('FOURTHCODEXX'))
      expect(await stores.credentials.getInvite('NOSUCHCODEXX')).toBeNull()
    })
  })
}
