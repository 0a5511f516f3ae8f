/**
 * Check-in on site and hours that count (issue 10), through the handlers: the code and who may show it, check-in and
 * check-out, the hours at completion, 补录 by a manager and its supplementary points (once, also under retries and
 * parallel approvals).
 */
import { createHmac } from 'node:crypto'
import { DEFAULT_POLICY } from '~core/config'
import { codeFor, codeSlot } from '~core/hours'
import { UNLIMITED_POLICY } from '~test/support/policy'
import type { OrderView } from '~types'
import { createHarness, type Harness, uid } from './harness'

const MANAGER = 'demo-manager-tanwei'
const V1 = 'demo-volunteer-1'
const V2 = 'demo-volunteer-2'
const WRONG = { ok: false, error: { code: 'INVALID_INPUT', message: '签到码不对或已过期，请扫描或输入现场最新的签到码' } }
const mac = (m: string) => createHmac('sha256', 'test-checkin-secret').update(m).digest()

/** An order of 滩尾村王大爷 dispatched to 健康服务队 for 2, claimed by the volunteers given. */
async function claimedBy(h: Harness, volunteers: string[] = [V1, V2]): Promise<OrderView> {
  const order = await h.place('demo-resident-1')
  await h.ok(MANAGER, 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'], capacity: 2 })
  let last: OrderView = order
  for (const v of volunteers) last = (await h.ok(v, 'order', 'claim', { orderId: order.id })).order
  return last
}

const claimOf = (order: OrderView, openid: string) => order.claims.find((c) => c.volunteerId === uid(openid))!

describe('check-in on site', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  it('the code: 6 digits of this order and the current 30 s slot, until the slot ends', async () => {
    const order = await claimedBy(h)
    const answer = await h.ok(MANAGER, 'order', 'checkinCode', { orderId: order.id })
    const slot = codeSlot(h.now().toISOString())
    expect(answer).toEqual({ code: codeFor(mac, order.id, slot), expiresAt: new Date((slot + 1) * 30_000).toISOString(), periodSeconds: 30 })
    expect(answer.code).toMatch(/^\d{6}$/)
  })

  it.each([
    ['the owner (resident)', 'demo-resident-1', true],
    ['the handling unit’s manager', MANAGER, true],
    ['a manager above it', 'demo-manager-suxi', true],
    ['the dispatched team’s leader', 'demo-leader-health', true],
    ['a claimer', V1, false],
    ['a member who has not claimed', 'demo-volunteer-3', false],
    ['another unit’s manager', 'demo-manager-jiangbin', false],
    ['another team’s leader', 'demo-leader-law', false],
    ['another resident', 'demo-resident-2', false],
  ])('who may show the code: %s → %s', async (_label, openid, allowed) => {
    const order = await claimedBy(h, [V1])
    const res = await h.call(openid, 'order', 'checkinCode', { orderId: order.id })
    if (allowed) expect(res.ok).toBe(true)
    else expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/签到码|无权查看/) } })
    // the order's answer tells the page whether to offer the code screen
    const view = await h.call(openid, 'order', 'get', { orderId: order.id })
    if (view.ok) expect(view.data.showsCheckinCode === true).toBe(allowed)
  })

  it('the proxy who placed an order shows its code', async () => {
    const order = await h.place('demo-proxy', { onBehalfOf: { name: '五保户刘奶奶' } })
    await h.ok(MANAGER, 'order', 'dispatch', { orderId: order.id, teamIds: ['team-health'] })
    expect((await h.call('demo-proxy', 'order', 'checkinCode', { orderId: order.id })).ok).toBe(true)
  })

  it('no code before dispatch or after completion', async () => {
    const order = await h.place('demo-resident-1')
    expect(await h.call(MANAGER, 'order', 'checkinCode', { orderId: order.id })).toEqual({ ok: false, error: { code: 'CONFLICT', message: '订单待派单，不需要签到码' } })
  })

  it('check-in at t0, check-out at t0 + 2 h, completion with 2 h: verified, credited 2 h, hour points paid', async () => {
    const order = await claimedBy(h)
    const t0 = h.now().toISOString()
    const code = (await h.ok(MANAGER, 'order', 'checkinCode', { orderId: order.id })).code
    const inAnswer = await h.ok(V1, 'order', 'checkIn', { orderId: order.id, code })
    expect(claimOf(inAnswer.order, V1)).toMatchObject({ checkInAt: t0 })
    // checked in: 签退 offered instead of 签到
    expect(inAnswer.actions).toEqual(expect.arrayContaining(['checkOut']))
    expect(inAnswer.actions).not.toContain('checkIn')
    h.setNow(new Date(Date.parse(t0) + 2 * 3600_000))
    const code2 = (await h.ok('demo-leader-health', 'order', 'checkinCode', { orderId: order.id })).code
    const outAnswer = await h.ok(V1, 'order', 'checkOut', { orderId: order.id, code: code2 })
    expect(claimOf(outAnswer.order, V1)).toMatchObject({ checkInAt: t0, checkOutAt: h.now().toISOString() })

    const done = await h.ok(V1, 'order', 'complete', { orderId: order.id, hours: 2, beneficiaryCount: 2 })
    expect(claimOf(done.order, V1).hours).toEqual({ reported: 2, status: 'verified', credited: 2 })
    // the second claimer never checked in: 待核实
    expect(claimOf(done.order, V2).hours).toEqual({ reported: 2, status: 'pending', credited: 0 })
    const rated = await h.ok('demo-resident-1', 'order', 'rate', { orderId: order.id, stars: 4, comment: '' })
    // base 15 + 2 h × 5 for the verified claimer; base 15 only for the 待核实 one
    expect(rated.awards.map((a: any) => [a.userId, a.delta, a.hours])).toEqual([
      [uid(V1), 25, 2],
      [uid(V2), 15, 0],
    ])
  })

  it('hours count only when on site for at least 60 % of them', async () => {
    const order = await claimedBy(h)
    await h.onSite(order.id, [V1], 1.2)
    await h.onSite(order.id, [V2], 1) // V2: checked in 1.2 h after V1, out 1 h later
    const done = await h.ok(V1, 'order', 'complete', { orderId: order.id, hours: 2, beneficiaryCount: 2 })
    // V1: 2.2 h on site ≥ 1.2 h; V2: 1 h < 60 % of 2 h
    expect(claimOf(done.order, V1).hours?.status).toBe('verified')
    expect(claimOf(done.order, V2).hours?.status).toBe('pending')
  })

  it('repeated check-ins keep the first time; repeated check-outs the last; check-out before check-in is refused', async () => {
    const order = await claimedBy(h)
    const code = async () => (await h.ok(MANAGER, 'order', 'checkinCode', { orderId: order.id })).code
    expect(await h.call(V1, 'order', 'checkOut', { orderId: order.id, code: await code() })).toEqual({ ok: false, error: { code: 'CONFLICT', message: '请先签到，再签退' } })
    const t0 = h.now().toISOString()
    await h.ok(V1, 'order', 'checkIn', { orderId: order.id, code: await code() })
    h.setNow(new Date(Date.parse(t0) + 600_000))
    const before = h.dump()
    expect(await h.call(V1, 'order', 'checkIn', { orderId: order.id, code: await code() })).toEqual({ ok: false, error: { code: 'CONFLICT', message: '您已于09:00签到' } })
    expect(h.dump()).toBe(before)
    await h.ok(V1, 'order', 'checkOut', { orderId: order.id, code: await code() })
    h.setNow(new Date(Date.parse(t0) + 1200_000))
    const last = await h.ok(V1, 'order', 'checkOut', { orderId: order.id, code: await code() })
    expect(claimOf(last.order, V1)).toMatchObject({ checkInAt: t0, checkOutAt: h.now().toISOString() })
    expect(last.order.timeline.slice(-3).map((e: any) => e.note)).toEqual(['09:00现场签到', '09:10现场签退', '09:20现场签退'])
  })

  it('parallel check-ins by one volunteer: one time recorded, the others told it stands', async () => {
    const order = await claimedBy(h)
    const code = (await h.ok(MANAGER, 'order', 'checkinCode', { orderId: order.id })).code
    const results = await Promise.all(Array.from({ length: 5 }, () => h.call(V1, 'order', 'checkIn', { orderId: order.id, code })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const stored = (await h.stores.orders.loadOrder(order.id)).order!
    expect(stored.timeline.filter((e) => e.action === 'checkIn')).toHaveLength(1)
  })

  it('the previous slot’s code is still accepted; older ones, another order’s, and made-up codes are refused and change nothing', async () => {
    const order = await claimedBy(h)
    const other = await claimedBy(h, [])
    const slot = codeSlot(h.now().toISOString())
    const before = h.dump()
    for (const code of [codeFor(mac, order.id, slot - 2), codeFor(mac, other.id, slot), '000000'].filter((c) => c !== codeFor(mac, order.id, slot))) {
      expect(await h.call(V1, 'order', 'checkIn', { orderId: order.id, code })).toEqual(WRONG)
    }
    expect(await h.call(V1, 'order', 'checkIn', { orderId: order.id, code: '12345' })).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message: '签到码应为6位数字' } })
    expect(h.dump()).toBe(before)
    // the code of the slot before (read just before it turned)
    expect((await h.call(V1, 'order', 'checkIn', { orderId: order.id, code: codeFor(mac, order.id, slot - 1) })).ok).toBe(true)
  })

  it('a right code from someone who has not claimed the order is refused and changes nothing', async () => {
    const order = await claimedBy(h, [V1])
    const code = (await h.ok(MANAGER, 'order', 'checkinCode', { orderId: order.id })).code
    const before = h.dump()
    for (const openid of ['demo-volunteer-3', 'demo-resident-1', MANAGER]) {
      const res = await h.call(openid, 'order', 'checkIn', { orderId: order.id, code })
      expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只有已接单志愿者可以签到' } })
    }
    expect(h.dump()).toBe(before)
  })

  it('without a check-in secret, codes refuse to work (never a built-in key)', async () => {
    const order = await claimedBy(h, [V1])
    const { secrets: _secrets, ...rest } = h.deps
    const { FUNCTIONS } = await import('~functions/registry')
    const res = await FUNCTIONS.order.handle({ action: 'checkinCode', orderId: order.id }, { openid: MANAGER, source: 'client' }, rest)
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('SIDAN_CHECKIN_SECRET') } })
  })
})

describe('wrong codes are limited per person, order and hour', () => {
  it(`the ${DEFAULT_POLICY.rateLimits.wrongCheckinCodesPerHour + 1}th wrong code in an hour is refused before it is judged, even a right one; another person is not affected`, async () => {
    const h = await createHarness({ ...UNLIMITED_POLICY, rateLimits: { ...UNLIMITED_POLICY.rateLimits, wrongCheckinCodesPerHour: DEFAULT_POLICY.rateLimits.wrongCheckinCodesPerHour } })
    try {
      const order = await claimedBy(h)
      const right = (await h.ok(MANAGER, 'order', 'checkinCode', { orderId: order.id })).code
      const wrong = right === '000000' ? '000001' : '000000'
      for (let i = 0; i < DEFAULT_POLICY.rateLimits.wrongCheckinCodesPerHour; i++) {
        expect(await h.call(V1, 'order', 'checkIn', { orderId: order.id, code: wrong })).toEqual(WRONG)
      }
      const limited = { ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^签到码输错次数过多，请\d+分钟后再试$/) } }
      expect(await h.call(V1, 'order', 'checkIn', { orderId: order.id, code: right })).toEqual(limited)
      expect((await h.call(V2, 'order', 'checkIn', { orderId: order.id, code: right })).ok).toBe(true)
      // the next hour starts afresh
      h.setNow(new Date(h.now().getTime() + 3600_000))
      const next = (await h.ok(MANAGER, 'order', 'checkinCode', { orderId: order.id })).code
      expect((await h.call(V1, 'order', 'checkIn', { orderId: order.id, code: next })).ok).toBe(true)
    } finally {
      h.close()
    }
  })
})

describe('hours that count: 待核实 → 补录 or 不予认定 by a manager of the handling unit', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  /** V1 on site for 2 h, V2 never checked in; completed with 2 h, and the loop closed by a 4-star rating. */
  async function closedWithPending() {
    const order = await claimedBy(h)
    await h.onSite(order.id, [V1], 2)
    await h.ok(V1, 'order', 'complete', { orderId: order.id, hours: 2, beneficiaryCount: 2 })
    await h.ok('demo-resident-1', 'order', 'rate', { orderId: order.id, stars: 4, comment: '' })
    return order
  }

  it('approved after the loop closed: 补录 with who, when and why; the hours’ points paid once, audited', async () => {
    const order = await closedWithPending()
    const balance = (await h.ok(V2, 'points', 'balance')).balance
    const offered = await h.ok(MANAGER, 'order', 'get', { orderId: order.id })
    expect(offered.actions).toEqual(['approveHours', 'rejectHours'])
    expect(offered.reasonRequired).toEqual(['approveHours', 'rejectHours'])

    const approved = await h.ok(MANAGER, 'order', 'approveHours', { orderId: order.id, volunteerId: uid(V2), hours: 2, reason: '队长刘医生证明到场', requestId: 'r-1' })
    expect(claimOf(approved.order, V2).hours).toEqual({
      reported: 2, status: 'approved', credited: 2, decidedBy: uid(MANAGER), decidedAt: h.now().toISOString(), reason: '队长刘医生证明到场',
    })
    expect(approved.order.status).toBe('rated')
    expect(approved.awards).toEqual([expect.objectContaining({ id: `award:${order.id}:${uid(V2)}:补录`, userId: uid(V2), delta: 10, hours: 2 })])
    expect(approved.actions).toEqual([])
    expect((await h.ok(V2, 'points', 'balance')).balance).toBe(balance + 10)

    // a retry answers the same, a second approval is refused: nothing more paid
    const before = h.dump()
    expect(await h.ok(MANAGER, 'order', 'approveHours', { orderId: order.id, volunteerId: uid(V2), hours: 2, reason: '队长刘医生证明到场', requestId: 'r-1' })).toEqual(approved)
    expect(await h.call(MANAGER, 'order', 'approveHours', { orderId: order.id, volunteerId: uid(V2), hours: 2, reason: '再认定一次' })).toEqual({
      ok: false, error: { code: 'CONFLICT', message: '没有待核实的服务时长' },
    })
    expect(h.dump()).toBe(before)
    expect((await h.ok(V2, 'points', 'balance')).balance).toBe(balance + 10)

    const audit = await h.stores.audit.listByTarget('hoursApproved', order.id, 10)
    expect(audit).toEqual([expect.objectContaining({ actorId: uid(MANAGER), summary: '「健康义诊」志愿者李药师补录2小时：队长刘医生证明到场' })])
  })

  it('parallel approvals (different requests) pay once', async () => {
    const order = await closedWithPending()
    const balance = (await h.ok(V2, 'points', 'balance')).balance
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => h.call(MANAGER, 'order', 'approveHours', { orderId: order.id, volunteerId: uid(V2), hours: 2, reason: '补录', requestId: `p-${i}` })),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect((await h.ok(V2, 'points', 'balance')).balance).toBe(balance + 10)
    const ledger = await h.ok(V2, 'points', 'ledger')
    expect(ledger.items.filter((e: any) => e.id.endsWith(':补录'))).toHaveLength(1)
  })

  it('approved before the loop closed: the award that closes it pays the hours, no supplementary entry', async () => {
    const order = await claimedBy(h)
    await h.ok(V1, 'order', 'complete', { orderId: order.id, hours: 3, beneficiaryCount: 2 })
    const approved = await h.ok(MANAGER, 'order', 'approveHours', { orderId: order.id, volunteerId: uid(V1), hours: 1.5, reason: '只在场一个半小时' })
    expect(approved.awards).toEqual([])
    const rated = await h.ok('demo-resident-1', 'order', 'rate', { orderId: order.id, stars: 4, comment: '' })
    // V1: 15 + 1.5 h × 5 (rounded); V2 still 待核实: 15
    expect(rated.awards.map((a: any) => [a.userId, a.delta])).toEqual([
      [uid(V1), 23],
      [uid(V2), 15],
    ])
  })

  it('rejected: 不予认定 with the reason, nothing paid; refusals change nothing', async () => {
    const order = await closedWithPending()
    const before = h.dump()
    const refusals: Array<[string, Record<string, unknown>, unknown]> = [
      ['demo-manager-jiangbin', { volunteerId: uid(V2), reason: '未到场' }, { code: 'FORBIDDEN', message: '只有承办单位（或上级）管理员可以不予认定' }],
      [V1, { volunteerId: uid(V2), reason: '未到场' }, { code: 'FORBIDDEN', message: '只有承办单位（或上级）管理员可以不予认定' }],
      [MANAGER, { volunteerId: uid(V1), reason: '未到场' }, { code: 'CONFLICT', message: '张护士的服务时长不是待核实，已经认定过了' }],
      [MANAGER, { volunteerId: uid('demo-volunteer-3'), reason: '未到场' }, { code: 'NOT_FOUND', message: '这位志愿者没有接这一单' }],
      [MANAGER, { volunteerId: uid(V2) }, { code: 'INVALID_INPUT', message: '请填写不予认定的理由' }],
    ]
    for (const [openid, input, error] of refusals) {
      expect(await h.call(openid, 'order', 'rejectHours', { orderId: order.id, ...input })).toEqual({ ok: false, error })
    }
    expect(await h.call(MANAGER, 'order', 'approveHours', { orderId: order.id, volunteerId: uid(V2), hours: 3, reason: '补录' })).toEqual({
      ok: false, error: { code: 'INVALID_INPUT', message: '认定时长不能超过上报的2小时' },
    })
    expect(h.dump()).toBe(before)
    const rejected = await h.ok(MANAGER, 'order', 'rejectHours', { orderId: order.id, volunteerId: uid(V2), reason: '当天未到场' })
    expect(claimOf(rejected.order, V2).hours).toMatchObject({ status: 'rejected', credited: 0, reason: '当天未到场', decidedBy: uid(MANAGER) })
    expect(rejected.awards).toBeUndefined()
  })
})
