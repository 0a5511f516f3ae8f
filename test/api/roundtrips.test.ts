import { createHarness, type Harness } from './harness'

/**
 * Store round trips per action, counted at the Store port on an uncontended call. Each costs milliseconds on
 * CloudBase, so no lifecycle action may take more than 3, but for one read a rule needs: dispatch reads the unit tree
 * (which teams the manager may dispatch to; beside the profile read, so no longer to wait) and rate reads the
 * claimers' points today (the daily cap). The counts are printed for the README and the bench.
 */
describe('store round trips per action', () => {
  let h: Harness
  const counts: Record<string, number> = {}
  beforeAll(async () => {
    h = await createHarness()
  })
  afterAll(() => {
    console.log('store round trips per action:', JSON.stringify(counts))
    h.close()
  })

  async function measure(label: string, openid: string, fn: string, action: string, payload: Record<string, unknown>) {
    h.calls.length = 0
    const res = await h.call(openid, fn, action, payload)
    if (!res.ok) throw new Error(`${label}: ${res.error.message}`)
    counts[label] = h.calls.length
    return res.data
  }

  it('every lifecycle action takes at most 3 (dispatch and rate 4)', async () => {
    const placed = await measure('place', 'demo-resident-1', 'order', 'place', { menuItemId: 'menu-19', need: '量血压', address: '滩尾村', phone: '13800001234', requestId: 'r1' })
    const orderId = placed.order.id
    await measure('escalate', 'demo-manager-tanwei', 'order', 'escalate', { orderId })
    await measure('dispatch', 'demo-manager-suxi', 'order', 'dispatch', { orderId, teamIds: ['team-health', 'team-xiaolao'], capacity: 2, requestId: 'r2' })
    await measure('recall', 'demo-manager-suxi', 'order', 'recall', { orderId })
    await measure('dispatch', 'demo-manager-suxi', 'order', 'dispatch', { orderId, teamIds: ['team-health', 'team-xiaolao'], capacity: 2 })
    await measure('decline', 'demo-leader-xiaolao', 'order', 'decline', { orderId, reason: '人手不足' })
    await measure('claim', 'demo-volunteer-1', 'order', 'claim', { orderId, requestId: 'r3' })
    await measure('unclaim', 'demo-volunteer-1', 'order', 'unclaim', { orderId })
    await measure('claim', 'demo-volunteer-1', 'order', 'claim', { orderId })
    await measure('complete', 'demo-volunteer-1', 'order', 'complete', { orderId, hours: 2, beneficiaryCount: 1 })
    await measure('rate', 'demo-resident-1', 'order', 'rate', { orderId, stars: 5 })
    const second = (await h.place()).id
    await measure('reject', 'demo-manager-tanwei', 'order', 'reject', { orderId: second, reason: '重复点单' })
    const third = (await h.place()).id
    await measure('cancel', 'demo-resident-1', 'order', 'cancel', { orderId: third })
    const budget = (action: string) => (action === 'dispatch' || action === 'rate' ? 4 : 3)
    for (const [action, n] of Object.entries(counts)) expect({ action, n: Math.min(n, budget(action)) }).toEqual({ action, n })
  })

  it('reads stay small too', async () => {
    const orderId = (await h.place()).id
    await measure('get', 'demo-resident-1', 'order', 'get', { orderId })
    await measure('listMine', 'demo-resident-1', 'order', 'listMine', {})
    await measure('queue', 'demo-manager-tanwei', 'order', 'queue', {})
    await measure('tasks', 'demo-volunteer-1', 'order', 'tasks', {})
    await measure('recommend', 'demo-manager-tanwei', 'order', 'recommend', { orderId })
    await measure('balance', 'demo-volunteer-1', 'points', 'balance', {})
    await measure('ledger', 'demo-volunteer-1', 'points', 'ledger', {})
    await measure('login', 'demo-volunteer-1', 'user', 'login', {})
    expect(counts.get).toBeLessThanOrEqual(2)
    // the profile, the order, the teams of its theme beside the unit tree (to leave out teams of other 所), their stats
    expect(counts.recommend).toBeLessThanOrEqual(5)
  })
})
