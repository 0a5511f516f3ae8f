import type { PersonListing } from '~types'
import { createHarness, type Harness, uid } from './harness'

/** 人员与角色: user.search finds people for an admin; grantRole and its revoke change what the person may do. */
describe('user.search and the role grants of 人员与角色', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  const search = (q: string, extra: Record<string, unknown> = {}) =>
    h.ok<{ items: PersonListing[]; nextCursor: string | null }>('demo-admin', 'user', 'search', { q, ...extra })

  it('finds people by the start of their name, in pages', async () => {
    const names = (await search('滩尾村')).items.map((p) => p.name)
    expect(names).toEqual(['滩尾村康阿姨', '滩尾村王大爷', '滩尾村网格员小罗', '滩尾村罗书记'].sort())
    const first = await search('滩尾村', { limit: 3 })
    const rest = await search('滩尾村', { limit: 3, cursor: first.nextCursor })
    expect([...first.items, ...rest.items].map((p) => p.name)).toEqual(names)
    expect(rest.nextCursor).toBeNull()
    expect((await search('滩尾村王')).items[0]).toMatchObject({ id: uid('demo-resident-1'), roles: ['resident'], unitPath: ['unit-center', 'unit-suxi', 'unit-tanwei'] })
    expect((await search('没有此人')).items).toEqual([])
  })

  it('finds people by the start of their phone number', async () => {
    await h.ok('demo-resident-2', 'user', 'updateProfile', { phone: '13912345678' })
    expect((await search('139123')).items.map((p) => p.name)).toEqual(['江滨村李奶奶'])
    expect((await search('13912345678')).items.map((p) => p.id)).toEqual([uid('demo-resident-2')])
    expect((await search('1391234567890')).items).toEqual([])
  })

  it('grants and revokes manager (for a unit), proxy and admin; the person’s powers follow', async () => {
    const target = uid('demo-resident-2')
    const grant = (role: string, extra: Record<string, unknown> = {}) =>
      h.ok('demo-admin', 'user', 'grantRole', { userId: target, role, ...extra })
    await grant('manager', { unitId: 'unit-jiangbin' })
    await grant('proxy')
    expect((await search('江滨村李奶奶')).items[0]).toMatchObject({ roles: ['resident', 'manager', 'proxy'], managedUnitId: 'unit-jiangbin' })
    expect((await h.call('demo-resident-2', 'order', 'overview', {})).ok).toBe(true)
    await grant('manager', { revoke: true })
    expect((await search('江滨村李奶奶')).items[0]).toMatchObject({ roles: ['resident', 'proxy'], managedUnitId: null })
    expect(await h.call('demo-resident-2', 'order', 'overview', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    await grant('admin', { unitId: 'unit-center' })
    expect((await h.call('demo-resident-2', 'user', 'search', { q: '滩尾村' })).ok).toBe(true)
    await grant('admin', { revoke: true })
    await grant('proxy', { revoke: true })
    expect((await search('江滨村李奶奶')).items[0]).toMatchObject({ roles: ['resident'], managedUnitId: null })
  })

  it('refused: not an admin, or bad input — a clear Chinese error and nothing changed', async () => {
    const before = h.dump()
    for (const openid of ['demo-manager-center', 'demo-resident-1', 'demo-volunteer-1']) {
      expect(await h.call(openid, 'user', 'search', { q: '滩尾村' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN', message: '只有中心管理员可以查找人员' },
      })
    }
    expect(await h.call('demo-admin', 'user', 'search', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请填写姓名或手机号' } })
    expect(await h.call('demo-admin', 'user', 'search', { q: '  ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.call('demo-admin', 'user', 'search', { q: '王'.repeat(41) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.call('demo-admin', 'user', 'search', { q: '王', cursor: '???' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '翻页参数有误' } })
    expect(await h.call('demo-manager-center', 'user', 'grantRole', { userId: uid('demo-resident-1'), role: 'proxy' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(h.dump()).toEqual(before)
  })
})
