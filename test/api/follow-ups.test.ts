/**
 * 回访 and 申诉 (issue 11) through the handlers: a poor requester rating opens a follow-up for the handling station's
 * managers, who call back; a dispatched team's leader may appeal the rating within 7 days, and the parent unit's
 * manager decides. Refusals are clear Chinese errors and write nothing.
 */
import { createHarness, type Harness, uid } from './harness'

const DAY_MS = 24 * 3_600_000

describe('回访 and 申诉 through the handlers', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  /** An order of 滩尾村 (under 苏溪所) served by 县卫生健康志愿服务分队 (led by 刘医生) and rated `stars` by its resident. */
  async function rated(stars: number): Promise<{ id: string; order: any }> {
    const placed = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: placed.id, teamIds: ['team-health'], capacity: 1 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: placed.id })
    await h.onSite(placed.id, ['demo-volunteer-1'], 2)
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: placed.id, hours: 2, beneficiaryCount: 2 })
    const { order } = await h.ok('demo-resident-1', 'order', 'rate', { orderId: placed.id, stars, comment: '来晚了' })
    return { id: placed.id, order }
  }

  const get = (who: string, orderId: string) => h.call(who, 'order', 'get', { orderId })

  it('a 2-star rating opens a 回访 for the station, due 72 hours later, and tells its managers in the same write', async () => {
    const { id, order } = await rated(2)
    const ratedAt = order.rating.at
    expect(order.status).toBe('rated')
    expect(order.followUp).toMatchObject({ unitId: 'unit-tanwei', stars: 2, openedAt: ratedAt, status: 'open', attempts: [], outcome: null })
    expect(Date.parse(order.followUp.dueAt) - Date.parse(ratedAt)).toBe(72 * 3_600_000)
    // the station's manager is offered the call-back; another station's manager does not even see the order
    const station = await h.ok('demo-manager-tanwei', 'order', 'get', { orderId: id })
    expect(station.actions).toContain('followUp')
    expect(await get('demo-manager-jiangbin', id)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const [note] = (await h.stores.notifications.listPendingNotifications(50)).filter((n: any) => n.kind === 'followUpOpened')
    expect(note).toMatchObject({ orderId: id, unitIds: ['unit-tanwei'], userIds: [] })
  })

  it('a 4-star rating opens none; a unit that calls back up to 4 stars opens one', async () => {
    const { order } = await rated(4)
    expect(order.followUp ?? null).toBeNull()
    await h.ok('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', followUpStars: 4, followUpHours: 24 })
    const again = await rated(4)
    expect(again.order.followUp).toMatchObject({ unitId: 'unit-tanwei', stars: 4, status: 'open' })
    expect(Date.parse(again.order.followUp.dueAt) - Date.parse(again.order.rating.at)).toBe(24 * 3_600_000)
  })

  it('closing the 回访 records the outcome; the resident is not offered it', async () => {
    const { id } = await rated(2)
    expect((await h.ok('demo-resident-1', 'order', 'get', { orderId: id })).actions).not.toContain('followUp')
    const { order } = await h.ok('demo-manager-tanwei', 'order', 'followUp', { orderId: id, outcome: 'resolved', note: '已上门致歉，约好下周再来' })
    expect(order.status).toBe('rated')
    expect(order.followUp).toMatchObject({ status: 'closed', outcome: 'resolved', closedAt: h.now().toISOString() })
    expect(order.followUp.attempts).toEqual([
      { outcome: 'resolved', note: '已上门致歉，约好下周再来', by: uid('demo-manager-tanwei'), byName: '滩尾村罗书记', at: h.now().toISOString() },
    ])
    expect(order.timeline.at(-1)).toMatchObject({ action: 'followUp', note: '回访：已解决，回访办结。已上门致歉，约好下周再来' })
    const before = h.dump()
    expect(await h.call('demo-manager-tanwei', 'order', 'followUp', { orderId: id, outcome: 'explained', note: '再说明一次' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '这一单没有待回访' },
    })
    expect(h.dump()).toBe(before)
  })

  it('unreachable once keeps it open for one more try; twice closes it as unreachable', async () => {
    const { id } = await rated(1)
    const first = await h.ok('demo-manager-tanwei', 'order', 'followUp', { orderId: id, outcome: 'unreachable', note: '电话无人接听' })
    expect(first.order.followUp).toMatchObject({ status: 'open', outcome: null })
    expect(first.actions).toContain('followUp')
    // a manager above the station may call back too
    const second = await h.ok('demo-manager-suxi', 'order', 'followUp', { orderId: id, outcome: 'unreachable', note: '再打仍无人接听' })
    expect(second.order.followUp).toMatchObject({ status: 'closed', outcome: 'unreachable' })
    expect(second.order.followUp.attempts.map((a: any) => a.outcome)).toEqual(['unreachable', 'unreachable'])
    expect(second.actions).not.toContain('followUp')
  })

  it.each([
    ['an empty note', { outcome: 'resolved', note: '' }, '请填写回访情况'],
    ['a note of 501 characters', { outcome: 'resolved', note: '访'.repeat(501) }, '回访情况不能超过500个字'],
    ['an unknown outcome', { outcome: 'forgotten', note: '已回访' }, '请选择回访结果（已解决、已解释或联系不上）'],
  ])('bad input: %s is refused in Chinese and writes nothing', async (_label, input, message) => {
    const { id } = await rated(2)
    const before = h.dump()
    const res = await h.call('demo-manager-tanwei', 'order', 'followUp', { orderId: id, ...input })
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT')
      expect(res.error.message).toContain(message)
    }
    expect(h.dump()).toBe(before)
  })

  it('a double tap and parallel calls with one requestId record one attempt', async () => {
    const { id } = await rated(2)
    const payload = { orderId: id, outcome: 'unreachable', note: '电话无人接听', requestId: 'req-follow-1' }
    const answers = await Promise.all(Array.from({ length: 6 }, () => h.call('demo-manager-tanwei', 'order', 'followUp', payload)))
    expect(answers.every((a) => a.ok)).toBe(true)
    const again = await h.ok('demo-manager-tanwei', 'order', 'followUp', payload)
    expect(again.order.followUp.attempts).toHaveLength(1)
    const { order } = await h.ok('demo-manager-tanwei', 'order', 'get', { orderId: id })
    expect(order.followUp).toMatchObject({ status: 'open' })
    expect(order.followUp.attempts).toHaveLength(1)
  })

  it('the leader of the dispatched team appeals within 7 days, once; the 苏溪所 manager decides, not the station', async () => {
    const { id } = await rated(2)
    expect((await h.ok('demo-leader-health', 'order', 'get', { orderId: id })).actions).toContain('appeal')
    // a claimer who does not lead the team may not
    expect(await h.call('demo-volunteer-1', 'order', 'appeal', { orderId: id, reason: '我们按时到了' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    h.setNow(new Date(h.now().getTime() + 6 * DAY_MS))
    const { order } = await h.ok('demo-leader-health', 'order', 'appeal', { orderId: id, reason: '当天按约定时间到达，群众临时外出' })
    expect(order.appeal).toMatchObject({ teamId: 'team-health', by: uid('demo-leader-health'), status: 'pending', reason: '当天按约定时间到达，群众临时外出' })
    const before = h.dump()
    expect(await h.call('demo-leader-health', 'order', 'appeal', { orderId: id, reason: '再申诉一次' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '这一单已经申诉过了，每单只能申诉一次' },
    })
    // the handling station's own manager may not decide it
    expect(await h.call('demo-manager-tanwei', 'order', 'decideAppeal', { orderId: id, upheld: true, note: '属实' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '申诉由承办单位的上级单位管理员处理，承办单位不能处理本单位的申诉' },
    })
    expect(h.dump()).toBe(before)
    expect((await h.ok('demo-manager-tanwei', 'order', 'get', { orderId: id })).actions).not.toContain('decideAppeal')
    expect((await h.ok('demo-manager-suxi', 'order', 'get', { orderId: id })).actions).toContain('decideAppeal')
    const decided = await h.ok('demo-manager-suxi', 'order', 'decideAppeal', { orderId: id, upheld: true, note: '核实属实，该评价不计入服务队' })
    expect(decided.order.appeal).toMatchObject({ status: 'upheld', decidedBy: uid('demo-manager-suxi'), note: '核实属实，该评价不计入服务队' })
    // the rating stays in the record
    expect(decided.order.rating).toMatchObject({ stars: 2 })
    const told = (await h.stores.notifications.listPendingNotifications(50)).filter((n: any) => n.kind === 'appealed' || n.kind === 'appealDecided')
    const byKind = Object.fromEntries(told.map((n: any) => [n.kind, { unitIds: n.unitIds, userIds: n.userIds }]))
    expect(byKind).toEqual({
      appealed: { unitIds: ['unit-suxi'], userIds: [] },
      appealDecided: { unitIds: [], userIds: [uid('demo-leader-health')] },
    })
    expect(await h.call('demo-manager-suxi', 'order', 'decideAppeal', { orderId: id, upheld: false, note: '改判' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '这一单没有待处理的申诉' },
    })
  })

  it('after 7 days 申诉 is no longer offered, and an appeal is refused and writes nothing', async () => {
    const { id, order } = await rated(2)
    const ratedAt = Date.parse(order.rating.at)
    h.setNow(new Date(ratedAt + 6 * DAY_MS + 23 * 3_600_000))
    expect((await h.ok('demo-leader-health', 'order', 'get', { orderId: id })).actions).toContain('appeal')
    h.setNow(new Date(ratedAt + 7 * DAY_MS + 60_000))
    // the offer follows the server's clock: the task page shows no button the server would refuse
    expect((await h.ok('demo-leader-health', 'order', 'get', { orderId: id })).actions).not.toContain('appeal')
    const before = h.dump()
    expect(await h.call('demo-leader-health', 'order', 'appeal', { orderId: id, reason: '当天按约定完成' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '评价已超过7天，不能再申诉' },
    })
    expect(h.dump()).toBe(before)
  })

  it('bad input to appeal and decideAppeal writes nothing', async () => {
    const { id } = await rated(2)
    const before = h.dump()
    expect(await h.call('demo-leader-health', 'order', 'appeal', { orderId: id, reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.call('demo-leader-health', 'order', 'appeal', { orderId: id, reason: '诉'.repeat(501) })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.call('demo-manager-suxi', 'order', 'decideAppeal', { orderId: id, upheld: 'yes', note: '属实' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('请选择申诉成立或驳回申诉') },
    })
    expect(h.dump()).toBe(before)
  })
})
