/**
 * The check-in code and the hours that count (core/hours.ts), table by table: the slots, the digits (RFC 4226's
 * truncation, checked against its published test values), which codes are accepted, and the 60 % rule.
 */
import { createHmac } from 'node:crypto'
import { CHECKIN } from '~core/config'
import { codeFor, codeMatches, codeMessage, codeSlot, creditedHours, decidedHours, digitsOf, hoursAtCompletion, onSiteMs, slotEndsAt } from '~core/hours'
import type { ClaimHours } from '~types'

const T0 = '2026-03-02T01:00:00.000Z'
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString()
const mac = (m: string) => createHmac('sha256', 'unit-secret').update(m).digest()

describe('the check-in code', () => {
  // RFC 4226 appendix D: HMAC-SHA-1 of the counters 0… under "12345678901234567890"
  it.each([
    [0, '755224'],
    [1, '287082'],
    [2, '359152'],
    [3, '969429'],
    [9, '520489'],
  ])('digitsOf is RFC 4226’s dynamic truncation (counter %i → %s)', (counter, expected) => {
    const msg = Buffer.alloc(8)
    msg.writeBigUInt64BE(BigInt(counter))
    expect(digitsOf(createHmac('sha1', '12345678901234567890').update(msg).digest())).toBe(expected)
  })

  it.each([
    [0, 0],
    [29.999, 0],
    [30, 1],
    [61, 2],
  ])('a new slot every 30 s: %s s after a slot start → slot +%i', (seconds, plus) => {
    expect(codeSlot(at(seconds)) - codeSlot(T0)).toBe(plus)
    expect(CHECKIN.periodSeconds).toBe(30)
  })

  it('a slot’s code stands until the slot ends', () => {
    expect(slotEndsAt(codeSlot(T0))).toBe(at(30))
  })

  it('the message names the order and the slot', () => {
    expect(codeMessage('o-1', 42)).toBe('checkin|o-1|42')
    expect(codeFor(mac, 'o-1', 42)).toMatch(/^\d{6}$/)
    expect(codeFor(mac, 'o-1', 42)).not.toBe(codeFor(mac, 'o-2', 42))
    expect(codeFor(mac, 'o-1', 42)).not.toBe(codeFor(mac, 'o-1', 43))
  })

  const slot = codeSlot(T0)
  it.each([
    ['the current slot’s code', 'o-1', slot, true],
    ['the previous slot’s (read just before it turned)', 'o-1', slot - 1, true],
    ['two slots back (expired)', 'o-1', slot - 2, false],
    ['the next slot’s (not yet)', 'o-1', slot + 1, false],
    ['another order’s current code', 'o-2', slot, false],
  ] as const)('accepts %s: %s', (_label, orderId, s, accepted) => {
    expect(codeMatches(mac, 'o-1', codeFor(mac, orderId, s), at(10))).toBe(accepted)
  })
})

describe('hours that count', () => {
  const claim = (inAt: string | null, outAt: string | null) => ({ checkInAt: inAt, checkOutAt: outAt })
  it.each<[string, ReturnType<typeof claim>, number, ClaimHours['status']]>([
    ['in and out for the 2 h reported', claim(T0, at(7200)), 2, 'verified'],
    ['on site exactly 60 % of them', claim(T0, at(0.6 * 2 * 3600)), 2, 'verified'],
    ['a second short of 60 %', claim(T0, at(0.6 * 2 * 3600 - 1)), 2, 'pending'],
    ['longer on site than reported', claim(T0, at(5 * 3600)), 2, 'verified'],
    ['checked in, never out', claim(T0, null), 2, 'pending'],
    ['never checked in', claim(null, null), 0.5, 'pending'],
  ])('%s → %s', (_label, c, reported, status) => {
    const hours = hoursAtCompletion(c, reported)
    expect(hours).toEqual({ reported, status, credited: status === 'verified' ? reported : 0 })
    expect(creditedHours({ hours })).toBe(hours.credited)
  })

  it('the share is a setting (CHECKIN.onSiteShare, 60 %)', () => {
    expect(CHECKIN.onSiteShare).toBe(0.6)
    expect(hoursAtCompletion(claim(T0, at(3600)), 2, 0.5).status).toBe('verified')
    expect(onSiteMs(claim(T0, at(90)))).toBe(90_000)
  })

  it('a decision: 补录 credits the hours given with who, when and why; 不予认定 credits none', () => {
    const pending: ClaimHours = { reported: 3, status: 'pending', credited: 0 }
    const approved = decidedHours(pending, { approve: true, hours: 2 }, 'm', T0, '队长证明')
    expect(approved).toEqual({ reported: 3, status: 'approved', credited: 2, decidedBy: 'm', decidedAt: T0, reason: '队长证明' })
    expect(creditedHours({ hours: approved })).toBe(2)
    const rejected = decidedHours(pending, { approve: false }, 'm', T0, '未到场')
    expect(creditedHours({ hours: rejected })).toBe(0)
    expect(rejected.status).toBe('rejected')
  })
})
