/** The figures' rules in core/figures.ts, table-driven: periods, reasons, fates, overdue, rollup deltas. */
import {
  chinaDay,
  dayStart,
  fateOf,
  FIGURES,
  isOverdue,
  monthsOf,
  periodParts,
  periodPartsByYear,
  reasonKey,
  rollupDelta,
  rollupOf,
} from '~core/figures'
import { order } from '~test/support/order-fixture'
import type { Order, OrderStatus } from '~types'

describe('figures', () => {
  test('every figure has a label, a unit and a sentence', () => {
    for (const f of Object.values(FIGURES)) {
      expect(f.label.length).toBeGreaterThan(1)
      expect(f.unit.length).toBeGreaterThan(0)
      expect(f.definition).toMatch(/。$/)
    }
  })

  test.each([
    ['2026-03-01T15:59:59.999Z', '2026-03-01'],
    ['2026-03-01T16:00:00.000Z', '2026-03-02'],
    ['2025-12-31T16:00:00.000Z', '2026-01-01'],
  ])('China day of %s is %s', (iso, day) => {
    expect(chinaDay(iso)).toBe(day)
    expect(chinaDay(dayStart(day))).toBe(day)
  })

  test.each([
    ['2026-03-01', '2026-04-01', { months: ['2026-03'], head: ['2026-03-01', '2026-03-01'], tail: ['2026-04-01', '2026-04-01'] }],
    ['2026-03-05', '2026-03-20', { months: [], head: ['2026-03-05', '2026-03-20'], tail: ['', ''] }],
    ['2026-02-15', '2026-05-10', { months: ['2026-03', '2026-04'], head: ['2026-02-15', '2026-03-01'], tail: ['2026-05-01', '2026-05-10'] }],
    ['2026-12-15', '2027-02-01', { months: ['2027-01'], head: ['2026-12-15', '2027-01-01'], tail: ['2027-02-01', '2027-02-01'] }],
  ])('periodParts %s – %s', (from, to, want) => {
    expect(periodParts(from, to)).toEqual(want)
  })

  test.each([
    ['2026-01-01', '2027-01-01', { years: ['2026'], months: [], days: [] }],
    ['2025-12-20', '2027-02-03', { years: ['2026'], months: ['2027-01'], days: [['2025-12-20', '2026-01-01'], ['2027-02-01', '2027-02-03']] }],
    ['2026-03-01', '2026-06-01', { years: [], months: ['2026-03', '2026-04', '2026-05'], days: [] }],
  ])('periodPartsByYear %s – %s', (from, to, want) => {
    expect(periodPartsByYear(from, to)).toEqual(want)
  })

  test('monthsOf lists every month a period touches', () => {
    expect(monthsOf('2026-01-15', '2026-03-02')).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(monthsOf('2026-01-01', '2026-02-01')).toEqual(['2026-01'])
    expect(monthsOf('2026-01-01', '2026-01-01')).toEqual([])
  })

  test.each([
    ['  不在服务范围。 ', '不在服务范围'],
    ['不在  服务\n范围', '不在 服务 范围'],
    ['', '未说明'],
    ['。。', '未说明'],
    ['a.b$c', 'abc'],
    ['一二三四五六七八九十一二三四五六七八九十超出', '一二三四五六七八九十一二三四五六七八九十'],
  ])('reasonKey(%j) = %j', (text, key) => {
    expect(reasonKey(text)).toBe(key)
  })

  test.each<[OrderStatus, string]>([
    ['placed', 'open'],
    ['dispatched', 'open'],
    ['claimed', 'open'],
    ['completed', 'served'],
    ['rated', 'served'],
    ['closed', 'served'],
    ['rejected', 'rejected'],
    ['cancelled', 'cancelled'],
  ])('fate of %s is %s', (status, fate) => {
    expect(fateOf(status)).toBe(fate)
  })

  test.each<[Partial<Order>, boolean]>([
    [{ status: 'placed', updatedAt: '2026-03-01T00:00:00.000Z' }, true],
    [{ status: 'placed', updatedAt: '2026-03-01T12:00:00.000Z' }, false],
    [{ status: 'dispatched', updatedAt: '2026-03-01T00:00:00.000Z' }, true],
    [{ status: 'claimed', updatedAt: '2026-02-01T00:00:00.000Z', preferredAt: null }, false],
    [{ status: 'claimed', preferredAt: '2026-03-01T23:00:00.000Z' }, true],
    [{ status: 'completed', updatedAt: '2026-01-01T00:00:00.000Z' }, false],
  ])('overdue %j: %s', (over, want) => {
    const o = { status: 'placed' as OrderStatus, updatedAt: '2026-03-02T00:00:00.000Z', preferredAt: null, ...over }
    expect(isOverdue(o, { remindUndispatchedHours: 24, remindUnclaimedHours: 24 }, new Date('2026-03-02T01:00:00.000Z'))).toBe(want)
  })

  test('a rollup delta moves an order between statuses under every unit of its path, and out of a unit it left', () => {
    const placed = order({ unitPath: ['c', 'i1', 's11'], themeId: 't', createdAt: '2026-03-02T01:00:00.000Z' })
    expect(rollupOf(placed).cells.map((c) => [c.unitId, c.childId])).toEqual([['c', 'i1'], ['i1', 's11'], ['s11', 's11']])
    const escalated = { ...placed, version: 2, unitPath: ['c', 'i1'], timeline: [{ at: '', actorId: '', actorName: '', action: 'escalate' as const, from: 'placed' as const, to: 'placed' as const, note: '' }] }
    const d = rollupDelta(placed, escalated)
    const byCell = Object.fromEntries(d.cells.map((c) => [`${c.unitId}>${c.childId}`, c.counters]))
    expect(byCell['s11>s11']).toMatchObject({ placed: -1, s_placed: -1 })
    expect(byCell['i1>s11']).toMatchObject({ placed: -1, s_placed: -1 })
    expect(byCell['i1>i1']).toMatchObject({ placed: 1, s_placed: 1, escalated: 1 })
    expect(byCell['c>i1']).toMatchObject({ escalated: 1, placed: 0 })
    expect(rollupDelta(escalated, { ...escalated, version: 3 }).cells).toEqual([])
  })
})
