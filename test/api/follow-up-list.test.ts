/**
 * The 回访 list (order.followUps, issue 11) through the handlers: a manager sees the follow-ups of their unit's
 * subtree by tab (待回访 / 已超时 / 已回访); another subtree and non-managers are refused, and nothing changes.
 */
import { createHarness, type Harness } from './harness'

const HOUR_MS = 3_600_000

describe('the 回访 list through the handlers', () => {
  let h: Harness
  beforeEach(async () => {
    h = await createHarness()
  })
  afterEach(() => h.close())

  /** An order of 滩尾村 served by 县卫生健康志愿服务分队 and rated `stars` by its resident. */
  async function rated(stars: number): Promise<string> {
    const placed = await h.place('demo-resident-1')
    await h.ok('demo-manager-tanwei', 'order', 'dispatch', { orderId: placed.id, teamIds: ['team-health'], capacity: 1 })
    await h.ok('demo-volunteer-1', 'order', 'claim', { orderId: placed.id })
    await h.onSite(placed.id, ['demo-volunteer-1'], 2)
    await h.ok('demo-volunteer-1', 'order', 'complete', { orderId: placed.id, hours: 2, beneficiaryCount: 2 })
    await h.ok('demo-resident-1', 'order', 'rate', { orderId: placed.id, stars, comment: '来晚了' })
    return placed.id
  }

  const list = (who: string, payload: Record<string, unknown> = {}) => h.ok(who, 'order', 'followUps', payload)

  it('the 2-star order is in the station manager’s 待回访, masked, and in the 所’s; not in another station’s', async () => {
    const id = await rated(2)
    const page = await list('demo-manager-tanwei')
    expect(page.items).toHaveLength(1)
    const item = page.items[0]
    expect(item).toMatchObject({ orderId: id, stars: 2, comment: '来晚了', unitId: 'unit-tanwei', status: 'open', overdue: false, attempts: 0, outcome: null })
    expect(item.unitName).not.toBe('')
    expect(item.resident).toContain('*')
    expect(JSON.stringify(item)).not.toMatch(/phone|address|1[3-9]\d{9}/)
    expect((await list('demo-manager-suxi')).items.map((i: any) => i.orderId)).toEqual([id])
    expect((await list('demo-manager-jiangbin')).items).toEqual([])
    expect(page.nextCursor).toBeNull()
  })

  it('tabs: 已超时 only past dueAt (still in 待回访, flagged); 已回访 after the call-back', async () => {
    const id = await rated(2)
    expect((await list('demo-manager-tanwei', { status: 'overdue' })).items).toEqual([])
    h.setNow(new Date(h.now().getTime() + 73 * HOUR_MS))
    const overdue = await list('demo-manager-tanwei', { status: 'overdue' })
    expect(overdue.items.map((i: any) => [i.orderId, i.status, i.overdue])).toEqual([[id, 'overdue', true]])
    expect((await list('demo-manager-tanwei', { status: 'open' })).items.map((i: any) => i.overdue)).toEqual([true])
    expect((await list('demo-manager-tanwei', { status: 'closed' })).items).toEqual([])
    await h.ok('demo-manager-tanwei', 'order', 'followUp', { orderId: id, outcome: 'explained', note: '已电话说明情况' })
    expect((await list('demo-manager-tanwei', { status: 'open' })).items).toEqual([])
    const closed = await list('demo-manager-tanwei', { status: 'closed' })
    expect(closed.items.map((i: any) => [i.orderId, i.status, i.attempts, i.outcome])).toEqual([[id, 'closed', 1, 'explained']])
  })

  it('refused: another subtree, a non-manager, an unknown unit, a bad tab; nothing changes', async () => {
    await rated(2)
    const before = await h.dump()
    expect(await h.call('demo-manager-jiangbin', 'order', 'followUps', { unitId: 'unit-tanwei' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call('demo-manager-tanwei', 'order', 'followUps', { unitId: 'unit-suxi' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call('demo-resident-1', 'order', 'followUps', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(await h.call('demo-manager-suxi', 'order', 'followUps', { unitId: 'unit-nowhere' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
    const bad = await h.call('demo-manager-tanwei', 'order', 'followUps', { status: 'late' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('回访状态有误') } })
    expect(await h.dump()).toEqual(before)
  })
})
