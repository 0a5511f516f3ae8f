/**
 * 2. The local host over HTTP on loopback, at several connection counts: a read (order.tasks, a page of 20) and a
 * write (order.place), beside a bare endpoint of the same framework in the same run.
 * 3. Contention: simultaneous claims on a capacity-3 order, each by a different volunteer, beside the same number of
 * simultaneous requests to the bare endpoint; and a redemption burst (积分超市): as many people redeeming goods with
 * stock 10 at once, beside the same people reading the shelf at once.
 */
import { createSqliteStores } from '~adapters/sqlite'
import { UNLIMITED_POLICY } from '~test/support/policy'
import type { ImportData } from '~core/ports'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import { demoCounty, demoUserId } from '~local/demo-county'
import type { Membership, User } from '~types'
import { load, type LoadResult, post } from '../lib/load'
import { latency, type Latency, nowMs, round } from '../lib/measure'
import type { Sizes } from '../lib/profile'
import type { Servers } from '../lib/servers'
import { tempDir } from '../lib/tmp'

export const PLACE = {
  action: 'place',
  menuItemId: 'menu-19',
  need: '家里老人血压高，想请医生来量量血压',
  address: '苏溪镇滩尾村三组12号',
  phone: '13800001234',
  beneficiaryCount: 2,
  // the same item again and again, each one meant (a likely duplicate asks first)
  confirmDuplicate: true,
}

export const benchVolunteer = (i: number) => `bench-volunteer-${i}`

/** The demo county plus `volunteers` more members of team-health (the contention run needs one per tap). */
export function county(volunteers: number): ImportData {
  const data = demoCounty()
  const team = data.teams.find((t) => t.id === 'team-health')!
  const tanwei = data.units.find((u) => u.id === 'unit-tanwei')!
  const at = '2026-01-01T00:00:00.000Z'
  for (let i = 0; i < volunteers; i++) {
    const openid = benchVolunteer(i)
    const user: User = {
      id: demoUserId(openid), openid, name: `志愿者${i}`, phone: '', roles: ['volunteer'], orgUnitId: tanwei.id,
      unitPath: tanwei.path, managedUnitId: null, teamIds: [team.id], createdAt: at,
    }
    const m: Membership = {
      id: `${team.id}:${user.id}`, teamId: team.id, userId: user.id, userName: user.name, status: 'active',
      appliedAt: at, approvedAt: at, approvedBy: team.leaderId,
    }
    data.users.push(user)
    data.memberships.push(m)
    team.memberIds.push(user.id)
  }
  return data
}

/** Writes the database the servers will open: the county, and a full page of open tasks for team-health. */
export async function prepareHostDb(file: string, sizes: Sizes): Promise<void> {
  const stores = createSqliteStores({ filename: file })
  try {
    await stores.seed.importData(county(sizes.claims))
    const deps: Deps = { ...stores, policy: UNLIMITED_POLICY, clock: () => new Date() }
    const ok = async (openid: string, fn: string, payload: Record<string, unknown>) => {
      const res = await FUNCTIONS[fn].handle(payload, { openid, source: 'client' }, deps)
      if (!res.ok) throw new Error(res.error.message)
      return res.data as any
    }
    await fundBenchVolunteers(stores, sizes.claims)
    for (let i = 0; i < 25; i++) {
      const { order } = await ok('demo-resident-1', 'order', PLACE)
      await ok('demo-manager-tanwei', 'order', { action: 'dispatch', orderId: order.id, teamIds: ['team-health'], capacity: 2 })
    }
  } finally {
    stores.close()
  }
}

/** Points each bench volunteer holds (an award), so each can redeem goods in the redemption burst. */
const FUNDED_POINTS = 100
/** The goods of the redemption burst: stock and points each. */
export const BURST_GOODS = { name: '洗衣液', points: 30, stock: 10, pickup: '滩尾村实践站，周六上午' }

async function fundBenchVolunteers(stores: Pick<Deps, 'ledger'>, n: number): Promise<void> {
  const at = new Date().toISOString()
  const entries = Array.from({ length: n }, (_, i) => {
    const userId = demoUserId(benchVolunteer(i))
    return { id: `award:bench:${userId}`, userId, delta: FUNDED_POINTS, hours: 1, reason: '服务奖励', orderId: null, unitPath: [], at, by: 'system' }
  })
  for (let i = 0; i < entries.length; i += 500) await stores.ledger.appendLedger(entries.slice(i, i + 500))
}

const login = async (servers: Servers, openid: string) =>
  (await post<{ token: string }>(`${servers.hostUrl}/api/dev/login`, { openid })).token

export interface HttpRow {
  connections: number
  bare: LoadResult
  read: LoadResult
  write: LoadResult
  /** requests per second ÷ the bare endpoint's at the same connection count */
  readRatio: number
  writeRatio: number
}

export async function httpSection(servers: Servers, sizes: Sizes): Promise<{ rows: HttpRow[] }> {
  const volunteer = await login(servers, 'demo-volunteer-1')
  const resident = await login(servers, 'demo-resident-1')
  const api = `${servers.hostUrl}/api/order`
  const targets = {
    bare: { url: servers.bareUrl, body: PLACE },
    read: { url: api, body: { action: 'tasks' }, token: volunteer },
    write: { url: api, body: PLACE, token: resident },
  }
  // warm every path up once (JIT, statement caches) before anything is measured
  for (const t of Object.values(targets)) await load({ ...t, connections: 8, seconds: Math.min(1, sizes.httpSeconds) })
  const rows: HttpRow[] = []
  for (const connections of sizes.httpConnections) {
    const bare = await load({ ...targets.bare, connections, seconds: sizes.httpSeconds })
    const read = await load({ ...targets.read, connections, seconds: sizes.httpSeconds })
    const write = await load({ ...targets.write, connections, seconds: sizes.httpSeconds })
    for (const [name, r] of Object.entries({ bare, read, write })) {
      const bad = r.requests - (r.statuses['200'] ?? 0)
      if (bad > 0 || r.errors > 0) throw new Error(`http ${name} at ${connections}: ${bad} non-200, ${r.errors} errors`)
    }
    rows.push({
      connections,
      bare,
      read,
      write,
      readRatio: round(read.requestsPerSecond / bare.requestsPerSecond, 3),
      writeRatio: round(write.requestsPerSecond / bare.requestsPerSecond, 3),
    })
  }
  return { rows }
}

export interface Burst {
  /** answers by outcome: HTTP status, or ok / error code in process */
  answers: Record<string, number>
  /** from the start of the burst to the last answer, and each call's time from the start of the burst */
  totalMs: number
  latencyMs: Latency
}

export interface ContentionResult {
  claims: number
  capacity: number
  /** claims that succeeded (must be exactly the capacity) and the claimers the order ends with, each way */
  winners: { inProcess: number; http: number }
  finalClaims: { inProcess: number; http: number }
  /** the claims through the real handlers in process, beside the same callers reading the order at once */
  inProcess: { claim: Burst; read: Burst }
  /** the same over HTTP (one connection per volunteer), beside the same burst to the bare endpoint */
  http: { claim: Burst; bare: Burst }
  /** 积分超市: `claims` people redeem one item each of goods with stock `stock` at once */
  redemption: RedemptionBurst
}

export interface RedemptionBurst {
  people: number
  stock: number
  /** redemptions that succeeded (must be exactly the stock) and the stock left (must be 0), each way */
  winners: { inProcess: number; http: number }
  stockLeft: { inProcess: number; http: number }
  /** every winner paid exactly the points once, and every balance is the sum of its entries (in process) */
  ledgerExact: boolean
  inProcess: { redeem: Burst; read: Burst }
  http: { redeem: Burst; read: Burst }
}

const burst = (r: LoadResult): Burst => ({ answers: r.statuses, totalMs: r.wallMs, latencyMs: r.latencyMs })

/** 3. Contention, first in process (the lifecycle's optimistic concurrency alone), then over HTTP. */
export async function contentionSection(servers: Servers, sizes: Sizes, dbFile: string): Promise<ContentionResult> {
  const capacity = 3
  const n = sizes.claims
  const inProcess = await contentionInProcess(dbFile, n, capacity)

  const api = `${servers.hostUrl}/api/order`
  const [resident, manager, admin] = await Promise.all(
    ['demo-resident-1', 'demo-manager-tanwei', 'demo-admin'].map((o) => login(servers, o)),
  )
  const { order } = await post<{ order: { id: string } }>(api, PLACE, resident)
  await post(api, { action: 'dispatch', orderId: order.id, teamIds: ['team-health'], capacity }, manager)
  const tokens: string[] = []
  for (let i = 0; i < n; i++) tokens.push(await login(servers, benchVolunteer(i)))
  const bare = await load({ url: servers.bareUrl, body: PLACE, connections: n, amount: n })
  const claim = await load({ url: api, body: { action: 'claim', orderId: order.id }, connections: n, amount: n, tokens })
  const final = await post<{ order: { claims: Array<{ volunteerId: string }> } }>(api, { action: 'get', orderId: order.id }, admin)

  // the redemption burst over HTTP: the goods put on the shelf by the station's manager, then everyone at once
  const mallApi = `${servers.hostUrl}/api/mall`
  const { goods } = await post<{ goods: { id: string } }>(mallApi, { action: 'upsertGoods', ...BURST_GOODS }, manager)
  const readHttp = await load({ url: mallApi, body: { action: 'goods' }, connections: n, amount: n, tokens })
  // one redemption per person: the same requestId from different people is each one's own request
  const redeemHttp = await load({ url: mallApi, body: { action: 'redeem', goodsId: goods.id, quantity: 1, requestId: 'bench-burst' }, connections: n, amount: n, tokens })
  const shelfAfter = await post<{ items: Array<{ id: string; stock: number }> }>(mallApi, { action: 'goods' }, tokens[0])
  const redemption: RedemptionBurst = {
    people: n,
    stock: BURST_GOODS.stock,
    winners: { inProcess: inProcess.redemption.redeem.answers.ok ?? 0, http: redeemHttp.statuses['200'] ?? 0 },
    stockLeft: { inProcess: inProcess.redemption.stockLeft, http: shelfAfter.items.find((g) => g.id === goods.id)?.stock ?? -1 },
    ledgerExact: inProcess.redemption.ledgerExact,
    inProcess: { redeem: inProcess.redemption.redeem, read: inProcess.redemption.read },
    http: { redeem: burst(redeemHttp), read: burst(readHttp) },
  }

  return {
    redemption,
    claims: n,
    capacity,
    winners: { inProcess: inProcess.claim.answers.ok ?? 0, http: claim.statuses['200'] ?? 0 },
    finalClaims: { inProcess: inProcess.finalClaims, http: new Set(final.order.claims.map((c) => c.volunteerId)).size },
    inProcess: { claim: inProcess.claim, read: inProcess.read },
    http: { claim: burst(claim), bare: burst(bare) },
  }
}

/**
 * `n` volunteers call order.claim at the same moment through the real handlers, on a copy of the host's database
 * (file-backed, WAL); the baseline is the same callers calling order.get at the same moment.
 */
async function contentionInProcess(hostDb: string, n: number, capacity: number) {
  const tmp = tempDir('contention')
  const file = tmp.file('contention.db')
  const source = createSqliteStores({ filename: hostDb })
  await source.db.backup(file)
  source.close()
  const stores = createSqliteStores({ filename: file })
  try {
    const deps: Deps = { ...stores, policy: UNLIMITED_POLICY, clock: () => new Date() }
    const call = (openid: string, payload: Record<string, unknown>) =>
      FUNCTIONS.order.handle(payload, { openid, source: 'client' }, deps)
    const ok = async (openid: string, payload: Record<string, unknown>) => {
      const res = await call(openid, payload)
      if (!res.ok) throw new Error(res.error.message)
      return res.data as any
    }
    const { order } = await ok('demo-resident-1', PLACE)
    await ok('demo-manager-tanwei', { action: 'dispatch', orderId: order.id, teamIds: ['team-health'], capacity })
    const volunteers = Array.from({ length: n }, (_, i) => benchVolunteer(i))
    const fire = async (payload: Record<string, unknown>): Promise<Burst> => {
      const answers: Record<string, number> = {}
      const times: number[] = []
      const t0 = nowMs()
      await Promise.all(
        volunteers.map(async (v) => {
          const res = await call(v, payload)
          times.push(nowMs() - t0)
          const key = res.ok ? 'ok' : res.error.code
          answers[key] = (answers[key] ?? 0) + 1
        }),
      )
      return { answers, totalMs: round(nowMs() - t0, 1), latencyMs: latency(times) }
    }
    // claimers may read the order while it is open: the baseline is all of them reading it at once
    const read = await fire({ action: 'get', orderId: order.id })
    const claim = await fire({ action: 'claim', orderId: order.id })
    const final = (await stores.orders.loadOrder(order.id)).order!

    // 积分超市: the same people redeem one item each of goods with stock 10, beside all of them reading the shelf
    const mallCall = (openid: string, payload: Record<string, unknown>) => FUNCTIONS.mall.handle(payload, { openid, source: 'client' }, deps)
    const shelved = await mallCall('demo-manager-tanwei', { action: 'upsertGoods', ...BURST_GOODS })
    if (!shelved.ok) throw new Error(shelved.error.message)
    const goodsId = (shelved.data as { goods: { id: string } }).goods.id
    const fireMall = async (payload: Record<string, unknown>): Promise<Burst> => {
      const answers: Record<string, number> = {}
      const times: number[] = []
      const t0 = nowMs()
      await Promise.all(
        volunteers.map(async (v) => {
          const res = await mallCall(v, payload)
          times.push(nowMs() - t0)
          const key = res.ok ? 'ok' : res.error.code
          answers[key] = (answers[key] ?? 0) + 1
        }),
      )
      return { answers, totalMs: round(nowMs() - t0, 1), latencyMs: latency(times) }
    }
    const readShelf = await fireMall({ action: 'goods' })
    const redeem = await fireMall({ action: 'redeem', goodsId, quantity: 1, requestId: 'bench-burst' })
    const stockLeft = (await stores.mall.getGoods(goodsId))!.stock
    const balances = await Promise.all(volunteers.map((v) => stores.ledger.getBalance(demoUserId(v))))
    const paid = balances.filter((b) => b.balance === FUNDED_POINTS - BURST_GOODS.points).length
    const untouched = balances.filter((b) => b.balance === FUNDED_POINTS).length
    const { mismatches } = await stores.ledger.reconcile()
    const ledgerExact = paid === (redeem.answers.ok ?? 0) && paid + untouched === volunteers.length && mismatches.length === 0
    return {
      claim,
      read,
      finalClaims: new Set(final.claims.map((c) => c.volunteerId)).size,
      redemption: { redeem, read: readShelf, stockLeft, ledgerExact },
    }
  } finally {
    stores.close()
    tmp.remove()
  }
}
