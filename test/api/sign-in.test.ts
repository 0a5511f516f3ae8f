/**
 * Sign-in for self-hosting (issue 13) over the local host's HTTP: register (a resident; with an invite), login,
 * logout, the lockout after failed logins, session expiry, role changes, development login beside it, and the
 * signing secret across restarts. Every refused request is checked to leave the store as it was.
 */
import { statSync, mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { createSqliteStores } from '~adapters/sqlite'
import { SIGN_IN } from '~core/config'
import { createTokenSigner } from '~local/auth'
import { demoCounty, demoUserId } from '~local/demo-county'
import { HostConfigError, hostConfigFromEnv, startHost as startRealHost } from '~local/host'
import { hashPassword, SCRYPT, verifyPassword } from '~local/password'
import { SECRET_FILE } from '~local/secret'
import { buildServer } from '~local/server'
import { PHONE_TAKEN, WRONG_CREDENTIALS } from '~local/sign-in'
import { UNLIMITED_POLICY } from '~test/support/policy'

const START = new Date('2026-03-02T01:00:00.000Z')
const DAY = 24 * 3600 * 1000
const PASSWORD = 'qingshan2026'

type Answer = { status: number; body: any }

/** The local host over HTTP with an in-memory demo county and a clock the test moves. */
async function startHost(opts: { devLogin?: boolean; sessionDays?: number } = {}) {
  const stores = createSqliteStores({ filename: ':memory:' })
  await stores.seed.importData(demoCounty())
  let now = START
  const signer = createTokenSigner()
  const deps = { ...stores, policy: UNLIMITED_POLICY, clock: () => now }
  const app = buildServer({ deps, signer, devLogin: opts.devLogin ?? true, sessionDays: opts.sessionDays })
  await app.listen({ port: 0, host: '127.0.0.1' })
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`

  async function post(url: string, body: unknown, token?: string, userAgent?: string): Promise<Answer> {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    if (userAgent) headers['user-agent'] = userAgent
    const res = await fetch(base + url, { method: 'POST', headers, body: JSON.stringify(body) })
    return { status: res.status, body: await res.json() }
  }
  const api = (token: string | undefined, fn: string, body: Record<string, unknown>) => post(`/api/${fn}`, body, token)
  const dev = (openid: string) => signer.issue(openid)
  const register = (body: Record<string, unknown>) => post('/api/auth/register', body)
  const login = (phone: string, password: string, userAgent?: string) => post('/api/auth/login', { phone, password }, undefined, userAgent)
  const resident = (phone: string, extra: Record<string, unknown> = {}) =>
    register({ phone, password: PASSWORD, name: '青山村民', orgUnitId: 'unit-tanwei', ...extra })
  async function invite(openid: string, payload: Record<string, unknown>): Promise<string> {
    const res = await api(dev(openid), 'user', { action: 'invite', ...payload })
    if (!res.body.ok) throw new Error(`invite: ${JSON.stringify(res.body)}`)
    return res.body.data.code
  }
  const profile = async (token: string) => (await api(token, 'user', { action: 'login' })).body

  /** Every table's rows, to prove that a refused request changed nothing. */
  function dump(): string {
    const tables = stores.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    return JSON.stringify(tables.map(({ name }) => [name, stores.db.prepare(`SELECT * FROM "${name}"`).all().map((r) => JSON.stringify(r)).sort()]))
  }

  return {
    base,
    stores,
    post,
    api,
    dev,
    register,
    login,
    resident,
    invite,
    profile,
    dump,
    setNow: (d: Date) => (now = d),
    close: async () => {
      await app.close()
      stores.close()
    },
  }
}
type Host = Awaited<ReturnType<typeof startHost>>

/** Sends a request that must be refused, and checks that the store is exactly as before. */
async function refusedUnchanged(host: Host, send: () => Promise<Answer>, code: string, status: number, message?: string | RegExp) {
  const before = host.dump()
  const res = await send()
  expect(res.status).toBe(status)
  expect(res.body).toEqual({ ok: false, error: expect.objectContaining({ code, message: expect.any(String) }) })
  if (message !== undefined) expect(res.body.error.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message))
  expect(host.dump()).toBe(before)
  return res.body.error.message as string
}

/** The field a refusal names (register and login only), or undefined. */
const fieldOf = (res: Answer) => res.body.error?.field as string | undefined

describe('passwords (local/password.ts)', () => {
  it('scrypt with a salt per password, its parameters stored with the hash', async () => {
    const [a, b] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)])
    expect(a).not.toBe(b)
    expect(a.split('$').slice(0, 4)).toEqual(['scrypt', String(SCRYPT.N), String(SCRYPT.r), String(SCRYPT.p)])
    expect(await verifyPassword(PASSWORD, a)).toBe(true)
    expect(await verifyPassword(PASSWORD + 'x', a)).toBe(false)
    expect(await verifyPassword(PASSWORD, 'not-a-hash')).toBe(false)
  })
})

describe('register', () => {
  let host: Host
  beforeEach(async () => {
    host = await startHost()
  })
  afterEach(() => host.close())

  it('makes a resident of the station chosen; the token signs the person in', async () => {
    const res = await host.resident('13912340001')
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ ok: true, data: { token: expect.any(String), expiresAt: new Date(START.getTime() + 30 * DAY).toISOString() } })
    const me = await host.profile(res.body.data.token)
    expect(me).toMatchObject({ ok: true, data: { user: { name: '青山村民', phone: '13912340001', roles: ['resident'], orgUnitId: 'unit-tanwei', managedUnitId: null } } })
    expect(me.data.user.openid).toMatch(/^pw_/)
    // the password is stored only as its scrypt hash
    const row = host.stores.db.prepare('SELECT doc FROM credentials WHERE phone = ?').get('13912340001') as { doc: string }
    expect(row.doc).not.toContain(PASSWORD)
    expect(JSON.parse(row.doc).passwordHash).toMatch(/^scrypt\$/)
  })

  it('refuses bad input, a unit that is not a station and a phone with an account, changing nothing', async () => {
    await host.resident('13912340001')
    // the refusal names the field it is about, for the page to show it there
    const cases: Array<[Record<string, unknown>, string, number, string | RegExp, string]> = [
      [{ phone: '1391234' }, 'INVALID_INPUT', 400, '请填写11位手机号码', 'phone'],
      [{ phone: '23912340002' }, 'INVALID_INPUT', 400, '请填写11位手机号码', 'phone'],
      [{ phone: '13912340002', password: 'short12' }, 'INVALID_INPUT', 400, '密码至少8位', 'password'],
      [{ phone: '13912340002', password: 'x'.repeat(65) }, 'INVALID_INPUT', 400, '密码不能超过64位', 'password'],
      [{ phone: '13912340002', name: '   ' }, 'INVALID_INPUT', 400, '请填写姓名', 'name'],
      [{ phone: '13912340002', orgUnitId: 'unit-suxi' }, 'INVALID_INPUT', 400, '请选择所在的新时代文明实践站', 'orgUnitId'],
      [{ phone: '13912340002', orgUnitId: 'unit-nowhere' }, 'INVALID_INPUT', 400, '请选择所在的新时代文明实践站', 'orgUnitId'],
      [{ phone: '13912340002', invite: 'ABC' }, 'INVALID_INPUT', 400, '邀请码不正确，请核对后重新输入', 'invite'],
      [{ phone: '13912340001' }, 'CONFLICT', 409, PHONE_TAKEN, 'phone'],
      [{ phone: '13912340001', password: 'another-password' }, 'CONFLICT', 409, PHONE_TAKEN, 'phone'],
    ]
    for (const [extra, code, status, message, field] of cases) {
      await refusedUnchanged(host, () => host.resident(String(extra.phone), extra), code, status, message)
      expect(fieldOf(await host.resident(String(extra.phone), extra))).toBe(field)
    }
    await refusedUnchanged(host, () => host.post('/api/auth/register', null), 'INVALID_INPUT', 400)
  })

  it('with an invite: the roles it carries and its team, through the same grants as user.grantRole and approval', async () => {
    const code = await host.invite('demo-admin', { roles: ['manager'], orgUnitId: 'unit-suxi', teamId: 'team-culture' })
    expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{12}$/)
    // typed in lower case with dashes, as people do
    const typed = code.toLowerCase().replace(/(.{4})(?=.)/g, '$1-')
    const res = await host.resident('13912340003', { invite: typed, orgUnitId: 'unit-jiangbin' })
    expect(res.status).toBe(200)
    const me = (await host.profile(res.body.data.token)).data.user
    expect(me.roles.sort()).toEqual(['manager', 'resident', 'volunteer'])
    expect(me).toMatchObject({ managedUnitId: 'unit-suxi', orgUnitId: 'unit-jiangbin', teamIds: ['team-culture'] })
    const membership = await host.stores.memberships.getMembership('team-culture', me.id)
    expect(membership).toMatchObject({ status: 'active', approvedBy: demoUserId('demo-admin') })
    const [team] = await host.stores.catalog.listTeams({ ids: ['team-culture'] })
    expect(team.memberIds).toContain(me.id)
    // the invite is used up by this person
    expect(await host.stores.credentials.getInvite(code)).toMatchObject({ usedBy: me.id, usedAt: START.toISOString() })
    // and the new manager may act as one at once: the queue of 苏溪所
    expect((await host.api(res.body.data.token, 'order', { action: 'queue' })).status).toBe(200)
  })

  it('an invite used, expired or forged is refused, and nothing changes', async () => {
    const code = await host.invite('demo-manager-tanwei', { roles: ['proxy'], orgUnitId: 'unit-tanwei' })
    expect((await host.resident('13912340004', { invite: code })).status).toBe(200)
    await refusedUnchanged(host, () => host.resident('13912340005', { invite: code }), 'CONFLICT', 409, '邀请码已被使用，请联系邀请人重新生成')
    expect(fieldOf(await host.resident('13912340005', { invite: code }))).toBe('invite')
    await refusedUnchanged(host, () => host.resident('13912340005', { invite: 'ABCDEFGHJKMN' }), 'INVALID_INPUT', 400, '邀请码不正确，请核对后重新输入')
    const later = await host.invite('demo-admin', { roles: ['proxy'], orgUnitId: 'unit-tanwei' })
    host.setNow(new Date(START.getTime() + SIGN_IN.inviteDays * DAY + 1000))
    await refusedUnchanged(host, () => host.resident('13912340005', { invite: later }), 'INVALID_INPUT', 400, '邀请码已过期，请联系邀请人重新生成')
    host.setNow(new Date(START.getTime() + SIGN_IN.inviteDays * DAY - 1000))
    expect((await host.resident('13912340005', { invite: later })).status).toBe(200)
  })

  it('parallel registrations with one invite make exactly one account', async () => {
    const code = await host.invite('demo-admin', { roles: ['proxy'], orgUnitId: 'unit-tanwei' })
    const usersBefore = (await host.stores.users.listUsers()).length
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => host.resident(`1391234010${i}`, { invite: code })))
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1)
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.message)).toEqual(Array(5).fill('邀请码已被使用，请联系邀请人重新生成'))
    expect((await host.stores.users.listUsers()).length).toBe(usersBefore + 1)
    const proxies = (await host.stores.users.listUsers()).filter((u) => u.openid.startsWith('pw_'))
    expect(proxies.map((u) => u.roles)).toEqual([['resident', 'proxy']])
  })

  it('parallel registrations of one phone make exactly one account', async () => {
    const answers = await Promise.all(Array.from({ length: 4 }, () => host.resident('13912340200')))
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409])
    expect((await host.stores.users.listUsers()).filter((u) => u.phone === '13912340200')).toHaveLength(1)
  })
})

describe('user.invite', () => {
  let host: Host
  beforeAll(async () => {
    host = await startHost()
  })
  afterAll(() => host.close())

  it('an admin invites to any role; the answer says when the code stops working; a retry answers the same code', async () => {
    const res = await host.api(host.dev('demo-admin'), 'user', { action: 'invite', roles: ['admin', 'manager'], orgUnitId: 'unit-center', requestId: 'inv-1' })
    expect(res.body).toEqual({ ok: true, data: { code: expect.any(String), expiresAt: new Date(START.getTime() + 7 * DAY).toISOString() } })
    const again = await host.api(host.dev('demo-admin'), 'user', { action: 'invite', roles: ['admin', 'manager'], orgUnitId: 'unit-center', requestId: 'inv-1' })
    expect(again.body.data.code).toBe(res.body.data.code)
    const other = await host.api(host.dev('demo-admin'), 'user', { action: 'invite', roles: ['proxy'], orgUnitId: 'unit-center' })
    expect(other.body.data.code).not.toBe(res.body.data.code)
  })

  it('a manager invites only 代办员 of their unit or below; anything more, or anyone else, is FORBIDDEN and writes nothing', async () => {
    expect((await host.api(host.dev('demo-manager-suxi'), 'user', { action: 'invite', roles: ['proxy'], orgUnitId: 'unit-tanwei' })).status).toBe(200)
    const refused: Array<[string, Record<string, unknown>, string, number]> = [
      ['demo-manager-suxi', { roles: ['volunteer'], orgUnitId: 'unit-tanwei' }, 'FORBIDDEN', 403],
      ['demo-manager-suxi', { roles: ['proxy', 'manager'], orgUnitId: 'unit-suxi' }, 'FORBIDDEN', 403],
      ['demo-manager-suxi', { roles: ['proxy'], orgUnitId: 'unit-yifen' }, 'FORBIDDEN', 403],
      ['demo-manager-suxi', { roles: ['proxy'], orgUnitId: 'unit-center' }, 'FORBIDDEN', 403],
      ['demo-manager-suxi', { roles: ['proxy'], orgUnitId: 'unit-tanwei', teamId: 'team-xiaolao' }, 'FORBIDDEN', 403],
      ['demo-resident-1', { roles: ['proxy'], orgUnitId: 'unit-tanwei' }, 'FORBIDDEN', 403],
      ['demo-leader-health', { roles: ['volunteer'], orgUnitId: 'unit-suxi' }, 'FORBIDDEN', 403],
      ['demo-admin', { roles: ['proxy'], orgUnitId: 'unit-nowhere' }, 'NOT_FOUND', 404],
      ['demo-admin', { roles: ['volunteer'], orgUnitId: 'unit-suxi', teamId: 'team-nowhere' }, 'NOT_FOUND', 404],
      ['demo-admin', { roles: [], orgUnitId: 'unit-suxi' }, 'INVALID_INPUT', 400],
      ['demo-admin', { roles: ['proxy', 'proxy'], orgUnitId: 'unit-suxi' }, 'INVALID_INPUT', 400],
      ['demo-admin', { roles: ['mayor'], orgUnitId: 'unit-suxi' }, 'INVALID_INPUT', 400],
    ]
    for (const [openid, payload, code, status] of refused) {
      await refusedUnchanged(host, () => host.api(host.dev(openid), 'user', { action: 'invite', ...payload }), code, status)
    }
    const message = (await host.api(host.dev('demo-manager-suxi'), 'user', { action: 'invite', roles: ['volunteer'], orgUnitId: 'unit-tanwei' })).body.error.message
    expect(message).toBe('管理员只能邀请本单位及下级单位的代办员')
    await refusedUnchanged(host, () => host.api(undefined, 'user', { action: 'invite', roles: ['proxy'], orgUnitId: 'unit-tanwei' }), 'UNAUTHENTICATED', 401)
  })
})

describe('login and logout', () => {
  let host: Host
  beforeEach(async () => {
    host = await startHost()
    await host.resident('13912340001')
  })
  afterEach(() => host.close())

  it('the right phone and password sign in; a wrong phone and a wrong password get the same answer', async () => {
    const ok = await host.login('13912340001', PASSWORD)
    expect(ok.status).toBe(200)
    expect((await host.profile(ok.body.data.token)).data.user.phone).toBe('13912340001')

    const wrongPassword = await host.login('13912340001', 'wrong-password')
    const wrongPhone = await host.login('13912349999', PASSWORD)
    expect(wrongPassword).toEqual({ status: 401, body: { ok: false, error: { code: 'UNAUTHENTICATED', message: WRONG_CREDENTIALS } } })
    expect(wrongPhone).toEqual(wrongPassword)
    expect(fieldOf(wrongPassword)).toBeUndefined()

    // a failed login writes nothing but the phone's failure count (no session, no user, no credential changed)
    const withoutCounters = () => JSON.stringify((JSON.parse(host.dump()) as Array<[string, string[]]>).filter(([table]) => table !== 'rate_buckets'))
    const before = withoutCounters()
    await host.login('13912340001', 'wrong-password')
    await host.login('13912349998', 'wrong-password')
    expect(withoutCounters()).toBe(before)
    expect(await host.stores.rateLimits.count(`signin:13912340001:${Date.parse('2026-03-02T01:00:00.000Z')}`)).toBe(2)
    expect(WRONG_CREDENTIALS).toBe('手机号或密码不正确')
  })

  it('a sign-in from a device the person has not used before goes into the audit log, once per device', async () => {
    const devices = async () =>
      (await host.stores.audit.list({ kind: 'signInNewDevice' }, { limit: 50 })).items.map((e) => e.summary)
    const before = (await devices()).length
    expect((await host.login('13912340001', PASSWORD, 'Mozilla/5.0 (Linux; Android 10) Redmi 9A')).status).toBe(200)
    expect((await host.login('13912340001', PASSWORD, 'Mozilla/5.0 (Linux; Android 10) Redmi 9A')).status).toBe(200)
    expect(await devices()).toHaveLength(before + 1)
    expect((await host.login('13912340001', PASSWORD, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)')).status).toBe(200)
    const after = await devices()
    expect(after).toHaveLength(before + 2)
    expect(after).toContainEqual('青山村民在新设备上登录：Mozilla/5.0 (iPhone; CPU iPhone OS 17_0)')
    // a failed login records nothing
    await host.login('13912340001', 'wrong-password', 'Mozilla/5.0 (X11; Linux x86_64)')
    expect(await devices()).toHaveLength(before + 2)
  })

  it('an unknown phone takes about as long as a wrong password (a dummy hash is checked)', async () => {
    const time = async (phone: string) => {
      const t = performance.now()
      await host.login(phone, 'wrong-password')
      return performance.now() - t
    }
    await time('13912349999') // the dummy hash is made once, on first use
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 2; i++) {
      known.push(await time('13912340001'))
      unknown.push(await time(`1391234998${i}`))
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4)
  })

  it('5 failures of one phone in 15 minutes: then every login of it is RATE_LIMITED, saying when, and changes nothing', async () => {
    await host.resident('13912340002')
    for (let i = 0; i < SIGN_IN.failuresPerWindow; i++) expect((await host.login('13912340001', `wrong-${i}-pass`)).status).toBe(401)
    const message = await refusedUnchanged(host, () => host.login('13912340001', PASSWORD), 'RATE_LIMITED', 429, /^密码错误次数过多，请\d+分钟后再试$/)
    expect(message).toBe('密码错误次数过多，请15分钟后再试')
    await refusedUnchanged(host, () => host.login('13912340001', 'wrong-again'), 'RATE_LIMITED', 429)
    // another phone is not affected; nor are sessions made before
    expect((await host.login('13912340002', PASSWORD)).status).toBe(200)
    // the next window starts afresh
    host.setNow(new Date(START.getTime() + SIGN_IN.failureWindowMinutes * 60_000))
    expect((await host.login('13912340001', PASSWORD)).status).toBe(200)
  })

  it('parallel wrong guesses of one phone: exactly 5 are judged, the rest RATE_LIMITED', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => host.login('13912340001', `guess-${i}-pass`)))
    expect(answers.filter((a) => a.status === 401)).toHaveLength(SIGN_IN.failuresPerWindow)
    expect(answers.filter((a) => a.status === 429)).toHaveLength(12 - SIGN_IN.failuresPerWindow)
  })

  it('logout revokes the token it is sent with, at once; the person’s other sessions stay', async () => {
    const a = (await host.login('13912340001', PASSWORD)).body.data.token
    const b = (await host.login('13912340001', PASSWORD)).body.data.token
    expect((await host.post('/api/auth/logout', {}, a)).body).toEqual({ ok: true, data: {} })
    expect(await host.profile(a)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录' } })
    expect((await host.api(a, 'user', { action: 'login' })).status).toBe(401)
    expect((await host.profile(b)).ok).toBe(true)
    // logging out again, or without a token, is harmless
    expect((await host.post('/api/auth/logout', {}, a)).status).toBe(200)
    expect((await host.post('/api/auth/logout', {})).status).toBe(200)
  })

  it('a forged or altered token is refused', async () => {
    const token = (await host.login('13912340001', PASSWORD)).body.data.token as string
    const [kind, id, signature] = token.split('.')
    for (const forged of [`${kind}.${id}x.${signature}`, `${kind}.${id}.${signature.slice(1)}A`, `s.${'A'.repeat(24)}.${signature}`, 'garbage']) {
      await refusedUnchanged(host, () => host.api(forged, 'user', { action: 'login' }), 'UNAUTHENTICATED', 401)
    }
  })

  it('a session expires after 30 days', async () => {
    const token = (await host.login('13912340001', PASSWORD)).body.data.token
    host.setNow(new Date(START.getTime() + 30 * DAY - 60_000))
    expect((await host.profile(token)).ok).toBe(true)
    host.setNow(new Date(START.getTime() + 30 * DAY))
    await refusedUnchanged(host, () => host.api(token, 'user', { action: 'login' }), 'UNAUTHENTICATED', 401, '登录已失效，请重新登录')
  })

  it('a role granted or revoked counts from the next request of the same token', async () => {
    const token = (await host.login('13912340001', PASSWORD)).body.data.token
    const me = (await host.profile(token)).data.user
    const invite = () => host.api(token, 'user', { action: 'invite', roles: ['proxy'], orgUnitId: 'unit-tanwei' })
    expect((await invite()).status).toBe(403)
    const grant = (revoke: boolean) =>
      host.api(host.dev('demo-admin'), 'user', { action: 'grantRole', userId: me.id, role: 'manager', unitId: 'unit-tanwei', revoke })
    expect((await grant(false)).status).toBe(200)
    expect((await invite()).status).toBe(200)
    expect((await grant(true)).status).toBe(200)
    expect((await invite()).status).toBe(403)
  })
})

describe('the session lifetime is configurable', () => {
  it('SIDAN_SESSION_DAYS: a number of days, 30 when unset; anything else refuses to start', () => {
    expect(hostConfigFromEnv({}, '/tmp').sessionDays).toBe(30)
    expect(hostConfigFromEnv({ SIDAN_SESSION_DAYS: '7' }, '/tmp').sessionDays).toBe(7)
    for (const bad of ['0', '-1', 'abc', '99999']) {
      expect(() => hostConfigFromEnv({ SIDAN_SESSION_DAYS: bad }, '/tmp')).toThrow(HostConfigError)
    }
  })

  it('sessionDays (SIDAN_SESSION_DAYS) sets when tokens expire', async () => {
    const host = await startHost({ sessionDays: 1 })
    try {
      const res = await host.resident('13912340001')
      expect(res.body.data.expiresAt).toBe(new Date(START.getTime() + DAY).toISOString())
      host.setNow(new Date(START.getTime() + DAY + 1))
      expect((await host.profile(res.body.data.token)).error.code).toBe('UNAUTHENTICATED')
    } finally {
      await host.close()
    }
  })
})

describe('development login beside the sign-in', () => {
  it('on: both work; /api/auth/methods says so (development login only to a loopback Host)', async () => {
    const host = await startHost({ devLogin: true })
    try {
      const methods = await fetch(`${host.base}/api/auth/methods`)
      expect(await methods.json()).toEqual({ ok: true, data: { devLogin: true, password: true } })
      const dev = await host.post('/api/dev/login', { openid: 'demo-resident-1' })
      expect((await host.profile(dev.body.token)).data.user.name).toBe('滩尾村王大爷')
      expect((await host.resident('13912340001')).status).toBe(200)
      expect((await host.login('13912340001', PASSWORD)).status).toBe(200)
      const { request } = await import('node:http')
      const viaName = await new Promise<any>((resolve, reject) => {
        const port = Number(new URL(host.base).port)
        const req = request({ host: '127.0.0.1', port, path: '/api/auth/methods', headers: { host: 'sidan.example.org' } }, (res) => {
          let text = ''
          res.on('data', (c) => (text += c))
          res.on('end', () => resolve(JSON.parse(text)))
        })
        req.on('error', reject)
        req.end()
      })
      expect(viaName).toEqual({ ok: true, data: { devLogin: false, password: true } })
    } finally {
      await host.close()
    }
  })

  it('off: the host is usable with register and login alone, and development tokens are refused', async () => {
    const host = await startHost({ devLogin: false })
    try {
      expect(await (await fetch(`${host.base}/api/auth/methods`)).json()).toEqual({ ok: true, data: { devLogin: false, password: true } })
      expect((await host.api(host.dev('demo-admin'), 'user', { action: 'login' })).status).toBe(401)
      const tree = await host.api(undefined, 'catalog', { action: 'tree' })
      expect(tree.body.data.filter((u: { level: string }) => u.level === 'station')).toHaveLength(4)
      const token = (await host.resident('13912340001')).body.data.token
      const place = await host.api(token, 'order', {
        action: 'place',
        menuItemId: 'menu-19',
        need: '想请医生来量量血压',
        address: '滩尾村三组12号',
        phone: '13912340001',
      })
      expect(place.status).toBe(200)
      expect((await host.login('13912340001', PASSWORD)).status).toBe(200)
    } finally {
      await host.close()
    }
  })
})

describe('the signing secret', () => {
  const dirs: string[] = []
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))
  const folder = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sidan-secret-'))
    dirs.push(dir)
    return dir
  }
  const start = (dbFile: string, env: NodeJS.ProcessEnv = {}) =>
    startRealHost({ port: 0, host: '127.0.0.1', dbFile, devLogin: false, cronIntervalMs: 0, staticDir: path.join(dbFile, 'none') }, env)
  const base = (h: Awaited<ReturnType<typeof start>>) => `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`
  const call = async (url: string, body: unknown, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (token) headers.authorization = `Bearer ${token}`
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as any }
  }
  const registration = { phone: '13912340001', password: PASSWORD, name: '青山村民', orgUnitId: 'unit-tanwei' }

  it('is generated once into the data folder (mode 0600): tokens survive a restart and work on a second host of the folder', async () => {
    const dir = folder()
    const dbFile = path.join(dir, 'sidan.db')
    const first = await start(dbFile)
    const token = (await call(`${base(first)}/api/auth/register`, registration)).body.data.token
    const second = await start(dbFile)
    try {
      expect((await call(`${base(second)}/api/user`, { action: 'login' }, token)).status).toBe(200)
      expect(statSync(path.join(dir, SECRET_FILE)).mode & 0o777).toBe(0o600)
    } finally {
      await first.close()
      await second.close()
    }
    const restarted = await start(dbFile)
    try {
      expect((await call(`${base(restarted)}/api/user`, { action: 'login' }, token)).body.data.user.phone).toBe('13912340001')
      expect((await call(`${base(restarted)}/api/auth/login`, { phone: '13912340001', password: PASSWORD })).status).toBe(200)
    } finally {
      await restarted.close()
    }
  })

  it('SIDAN_SECRET, when set, is the secret instead: a token signed with another is refused', async () => {
    const dir = folder()
    const dbFile = path.join(dir, 'sidan.db')
    const withSecret = await start(dbFile, { SIDAN_SECRET: 'a-long-random-string-for-this-county-0123456789' })
    const token = (await call(`${base(withSecret)}/api/auth/register`, registration)).body.data.token
    await withSecret.close()
    const generated = await start(dbFile)
    try {
      expect((await call(`${base(generated)}/api/user`, { action: 'login' }, token)).status).toBe(401)
    } finally {
      await generated.close()
    }
  })
})

describe('the first admin of a self-hosted county (npm run invite)', () => {
  it('writes an invite into the database; registering with it makes an admin', async () => {
    const { execFileSync } = await import('node:child_process')
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sidan-invite-'))
    const dbFile = path.join(dir, 'sidan.db')
    try {
      const host = await startRealHost({ port: 0, host: '127.0.0.1', dbFile, devLogin: false, cronIntervalMs: 0, staticDir: path.join(dir, 'none') }, {})
      try {
        const out = execFileSync(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../cloudfunctions/local/invite-cli.ts'), '--roles', 'admin,manager'], {
          env: { PATH: process.env.PATH ?? '', SIDAN_DB: dbFile },
          encoding: 'utf8',
        })
        const code = /邀请码 invite code: ([A-Z0-9-]+)/.exec(out)?.[1]
        expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/)
        const base = `http://127.0.0.1:${(host.app.server.address() as AddressInfo).port}`
        const post = async (url: string, body: unknown, token?: string) =>
          (await fetch(base + url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) })).json() as Promise<any>
        const registered = await post('/api/auth/register', { phone: '13912340001', password: PASSWORD, name: '县中心周主任', orgUnitId: 'unit-tanwei', invite: code })
        const me = await post('/api/user', { action: 'login' }, registered.data.token)
        expect(me.data.user).toMatchObject({ roles: expect.arrayContaining(['admin', 'manager']), managedUnitId: 'unit-center' })
      } finally {
        await host.close()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 30_000)
})
