import { DEFAULT_LIMITS } from '~core/config'
import { dueAtOf, duplicateKey, duplicatesAmong, isOverdue, normalizeSearch, overviewArms, searchTextOf, waitLimitHours } from '~core/overview'
import { order } from '~test/support/order-fixture'
import type { OrderStatus, OrgUnit, UnitLimits } from '~types'

const limits: UnitLimits = { ...DEFAULT_LIMITS, remindUndispatchedHours: 24, remindUnclaimedHours: 12 }
const T = '2026-03-01T00:00:00.000Z'
const plus = (h: number) => new Date(Date.parse(T) + h * 3600_000).toISOString()

describe('超时 (core/overview.ts)', () => {
  test.each<[OrderStatus, number | null]>([
    ['placed', 24],
    ['dispatched', 12],
    ['claimed', null],
    ['completed', null],
    ['rated', null],
    ['closed', null],
    ['rejected', null],
    ['cancelled', null],
  ])('%s waits at most %p hours', (status, hours) => {
    expect(waitLimitHours(status, limits)).toBe(hours)
    expect(dueAtOf({ status, updatedAt: T }, limits)).toBe(hours === null ? null : plus(hours))
  })

  test.each<[OrderStatus, number, boolean]>([
    ['placed', 23.9, false],
    ['placed', 24, true],
    ['placed', 100, true],
    ['dispatched', 11, false],
    ['dispatched', 12, true],
    ['claimed', 1000, false],
    ['completed', 1000, false],
  ])('%s after %p hours: overdue %p', (status, waited, overdue) => {
    expect(isOverdue({ status, updatedAt: T }, limits, new Date(plus(waited)))).toBe(overdue)
  })

  const unit = (id: string, path: string[]): OrgUnit => ({ id, name: id, level: 'station', parentId: path[path.length - 2] ?? null, path })
  const units = [unit('c', ['c']), unit('i', ['c', 'i']), unit('s1', ['c', 'i', 's1']), unit('s2', ['c', 'i', 's2'])]
  const now = new Date(plus(100))

  test('arms: one per status without 超时; with it, the waiting statuses only, split by the limit in force', () => {
    expect(overviewArms(['placed', 'rated', 'placed'], false, units, () => limits, now)).toEqual([{ status: 'placed' }, { status: 'rated' }])
    expect(overviewArms(['placed', 'dispatched', 'rated'], true, units, () => limits, now)).toEqual([
      { status: 'placed', updatedBefore: new Date(Date.parse(plus(76)) + 1).toISOString() },
      { status: 'dispatched', updatedBefore: new Date(Date.parse(plus(88)) + 1).toISOString() },
    ])
    const own = (u: OrgUnit) => (u.id === 's1' ? { ...limits, remindUndispatchedHours: 2 } : limits)
    expect(overviewArms(['placed'], true, units, own, now)).toEqual([
      { status: 'placed', updatedBefore: new Date(Date.parse(plus(98)) + 1).toISOString(), handlingUnitIds: ['s1'] },
      { status: 'placed', updatedBefore: new Date(Date.parse(plus(76)) + 1).toISOString(), handlingUnitIds: ['c', 'i', 's2'] },
    ])
    expect(overviewArms(['rated', 'claimed'], true, units, () => limits, now)).toEqual([])
  })
})

describe('search text', () => {
  test.each([
    ['王大爷', '王大爷'],
    ['  量 血压\t', '量血压'],
    ['ＷｉＦｉ１２３', 'wifi123'],
    ['A\u0001B', 'ab'],
  ])('%p is searched as %p', (text, normal) => {
    expect(normalizeSearch(text)).toBe(normal)
  })

  test('an order is found by its title, need, owner and the person a proxy named', () => {
    const text = searchTextOf(order({ title: '健康 义诊', need: '量血压', ownerName: '网格员小罗', onBehalfOf: { name: '张阿婆' } }))
    for (const q of ['健康义诊', '血压', '小罗', '张阿婆']) expect(text).toContain(normalizeSearch(q))
    // the parts are kept apart: no match across the boundary of two of them
    expect(text).not.toContain('血压网格员')
  })
})

describe('疑似重复', () => {
  const o = (id: string, over: Parameters<typeof order>[0] = {}) =>
    order({ id, ownerId: 'p', menuItemId: 'm', status: 'placed', createdAt: T, ...over })

  test('key: the owner, the person served and the item; none for a described need', () => {
    expect(duplicateKey(o('a'))).toBe(duplicateKey(o('b')))
    expect(duplicateKey(o('a'))).not.toBe(duplicateKey(o('b', { onBehalfOf: { name: '张阿婆' } })))
    expect(duplicateKey(o('a'))).not.toBe(duplicateKey(o('b', { ownerId: 'q' })))
    expect(duplicateKey(o('a'))).not.toBe(duplicateKey(o('b', { menuItemId: 'n' })))
    expect(duplicateKey(o('a', { menuItemId: null }))).toBeNull()
  })

  test.each<[string, Parameters<typeof order>[0], boolean]>([
    ['the same, an hour later', { createdAt: plus(1) }, true],
    ['exactly 24 h later', { createdAt: plus(24) }, true],
    ['25 h later', { createdAt: plus(25) }, false],
    ['the other one dispatched (still open)', { status: 'dispatched', createdAt: plus(2) }, true],
    ['the other one cancelled', { status: 'cancelled', createdAt: plus(1) }, false],
    ['the other one served', { status: 'rated', createdAt: plus(1) }, false],
    ['for another person', { onBehalfOf: { name: '李奶奶' }, createdAt: plus(1) }, false],
    ['another item', { menuItemId: 'n', createdAt: plus(1) }, false],
  ])('%s: marked %p', (_name, other, marked) => {
    const page = [o('a')]
    const marks = duplicatesAmong(page, [o('b', other)])
    expect(marks.get('a') ?? null).toBe(marked ? 'b' : null)
  })

  test('the closest in time is named, both ways within a page; an order never marks itself', () => {
    const page = [o('a'), o('b', { createdAt: plus(3) })]
    const marks = duplicatesAmong(page, [o('c', { createdAt: plus(10) }), o('a')])
    expect(Object.fromEntries(marks)).toEqual({ a: 'b', b: 'a' })
    expect(duplicatesAmong([o('a')], [o('a')]).size).toBe(0)
  })
})
