/**
 * 7. Store round trips per action: every action of every function, called once on the demo county through the real
 * handlers, counted at the Store port (the counting store of the tests) and, on the CloudBase adapter over its fake
 * database, as requests to the database (each one a network round trip on WeChat Cloud): once without a requestId,
 * and once with a fresh one on every call, as the app sends them (actions without a requestId ignore it).
 */
import { createCloudbaseStores } from '~adapters/cloudbase'
import { FakeCloudDb } from '~test/support/cloudbase-fake'
import { countingStores } from '~test/support/counting'
import { servedOrder } from '~test/support/service-fixture'
import { memoryPhotoFiles, scriptedContentCheck } from '~test/support/content-check'
import { createSqliteStores } from '~adapters/sqlite'
import { DEFAULT_POLICY } from '~core/config'
import type { Stores } from '~core/ports'
import { createDiskFiles } from '~adapters/disk/files'
import { FUNCTIONS } from '~functions/registry'
import { tempDir } from '../lib/tmp'
import type { Deps } from '~functions/shared/deps'
import { demoCounty, demoUserId as uid } from '~local/demo-county'
import type { Order } from '~types'

export interface RoundTripRow {
  action: string
  /** calls through the Store port, and which */
  port: number
  methods: string[]
  /** requests to the CloudBase database for the same call */
  cloudbase: number
  /** the same, with a fresh requestId in the payload (what the app pays) */
  cloudbaseWithRequestId: number
}

export interface RoundTripsResult {
  rows: RoundTripRow[]
  /** registered actions the scenario does not reach (should be none) */
  missing: string[]
}

type Measure = (openid: string | null, fn: string, action: string, payload?: Record<string, unknown>) => Promise<any>

/** One call of every action, in an order that makes each of them succeed. */
async function scenario(m: Measure, seedOrder: (order: Order) => Promise<unknown>): Promise<void> {
  await m('demo-volunteer-1', 'user', 'login')
  await m('demo-resident-2', 'user', 'updateProfile', { name: '李奶奶' })
  await m('demo-applicant', 'user', 'applyTeam', { teamId: 'team-health' })
  await m('demo-leader-health', 'user', 'approveMember', { teamId: 'team-health', userId: uid('demo-applicant') })
  await m('demo-volunteer-1', 'user', 'memberships')
  await m('demo-leader-xiaolao', 'user', 'applications')
  await m('demo-admin', 'user', 'search', { q: '滩尾村' })
  await m('demo-admin', 'user', 'grantRole', { userId: uid('demo-resident-3'), role: 'proxy' })
  await m('demo-admin', 'user', 'audit')
  await m('demo-admin', 'user', 'invite', { roles: ['proxy'], orgUnitId: 'unit-tanwei' })
  await m('demo-resident-1', 'user', 'grantSubscribe', { templates: [{ template: 'orderProgress', accepted: true }] })

  await m('demo-resident-1', 'catalog', 'tree')
  await m('demo-resident-1', 'catalog', 'themes')
  await m('demo-resident-1', 'catalog', 'menu')
  await m('demo-resident-1', 'catalog', 'teams', { themeId: 'theme-health' })
  await m('demo-manager-tanwei', 'catalog', 'upsertMenuItem', { title: '量血压', themeId: 'theme-health', orgUnitId: 'unit-tanwei', points: 5 })
  await m('demo-manager-tanwei', 'catalog', 'upsertTeam', { name: '滩尾村健康小队', themeIds: ['theme-health'], orgUnitId: 'unit-tanwei' })
  await m('demo-manager-tanwei', 'catalog', 'limits', { unitId: 'unit-tanwei' })
  await m('demo-manager-tanwei', 'catalog', 'updateLimits', { unitId: 'unit-tanwei', remindUndispatchedHours: 12 })

  const place = { menuItemId: 'menu-19', need: '量血压', address: '滩尾村三组', phone: '13800001234', beneficiaryCount: 2, confirmDuplicate: true }
  const { order } = await m('demo-resident-1', 'order', 'place', place)
  const orderId = order.id
  await m('demo-resident-1', 'order', 'get', { orderId })
  await m('demo-resident-1', 'order', 'listMine')
  await m('demo-manager-tanwei', 'order', 'queue')
  await m('demo-manager-tanwei', 'order', 'recommend', { orderId })
  await m('demo-manager-tanwei', 'order', 'escalate', { orderId })
  await m('demo-manager-suxi', 'order', 'dispatch', { orderId, teamIds: ['team-health', 'team-xiaolao'], capacity: 2 })
  await m('demo-manager-suxi', 'order', 'recall', { orderId })
  await m('demo-manager-suxi', 'order', 'dispatch', { orderId, teamIds: ['team-health', 'team-xiaolao'], capacity: 2 })
  await m('demo-leader-xiaolao', 'order', 'decline', { orderId, reason: '人手不足' })
  await m('demo-volunteer-1', 'order', 'claim', { orderId })
  await m('demo-volunteer-1', 'order', 'tasks')
  await m('demo-volunteer-1', 'order', 'unclaim', { orderId })
  await m('demo-volunteer-1', 'order', 'claim', { orderId })
  // a manager's first read of the day records the reveal; the owner reads who saw it (reveals on CloudBase: the
  // audit query and the order document, for reveals still in its outbox)
  await m('demo-manager-center', 'order', 'get', { orderId })
  await m('demo-resident-1', 'order', 'reveals', { orderId })
  // on site (issue 10): the code shown, a check-in and a check-out at the same fixed time (so 待核实 at completion);
  // a second claimer never checks in
  const { code } = await m('demo-resident-1', 'order', 'checkinCode', { orderId })
  await m('demo-volunteer-1', 'order', 'checkIn', { orderId, code })
  await m('demo-volunteer-1', 'order', 'checkOut', { orderId, code })
  await m('demo-volunteer-2', 'order', 'claim', { orderId })
  // an activity photo the mini-program put into cloud storage, its image check's verdict (the push), the completion naming it
  const photo = await m('demo-volunteer-1', 'order', 'attachPhoto', { orderId, fileId: `cloud://bench-env.1/orders/${orderId}/bench-1.jpg` })
  await m(null, 'order', 'mediaVerdict', { traceId: 'trace-1', suggest: 'pass' })
  await m('demo-volunteer-1', 'order', 'complete', { orderId, hours: 2, beneficiaryCount: 2, visits: 3, place: '滩尾村', photos: [photo.id] })
  // a 2-star rating opens a 回访 (issue 11): the handling 所 calls back, the team's leader appeals, the center decides
  await m('demo-resident-1', 'order', 'rate', { orderId, stars: 2 })
  await m('demo-manager-suxi', 'order', 'followUp', { orderId, outcome: 'explained', note: '已电话说明情况' })
  await m('demo-leader-health', 'order', 'appeal', { orderId, reason: '当天已按约定完成服务' })
  await m('demo-manager-center', 'order', 'decideAppeal', { orderId, upheld: false, note: '评价属实，驳回申诉' })
  // 补录 after the loop closed (a supplementary entry), and 不予认定
  await m('demo-manager-suxi', 'order', 'approveHours', { orderId, volunteerId: uid('demo-volunteer-1'), hours: 2, reason: '队长证明' })
  await m('demo-manager-suxi', 'order', 'rejectHours', { orderId, volunteerId: uid('demo-volunteer-2'), reason: '未到场' })
  const second = (await m('demo-resident-1', 'order', 'place', place)).order.id
  await m('demo-manager-tanwei', 'order', 'reject', { orderId: second, reason: '重复点单' })
  const third = (await m('demo-resident-1', 'order', 'place', place)).order.id
  await m('demo-resident-1', 'order', 'cancel', { orderId: third })
  await m('demo-manager-suxi', 'order', 'overview', { q: '王大爷' })
  await m('demo-manager-suxi', 'order', 'followUps', { status: 'open' })

  await m('demo-volunteer-1', 'points', 'balance')
  await m('demo-volunteer-1', 'points', 'ledger')
  await m('demo-volunteer-1', 'points', 'leaderboard', { month: '2026-03' })
  await m('demo-volunteer-1', 'points', 'honors', { year: 2026 })

  // 积分超市: the volunteer spends the points just earned; one redemption collected, one cancelled
  // a goods picture the mini-program put into cloud storage under the station's goods folder
  const picture = await m('demo-manager-tanwei', 'mall', 'attachPicture', { unitId: 'unit-tanwei', fileId: 'cloud://bench-env.1/goods/unit-tanwei/bench-1.jpg' })
  const { goods } = await m('demo-manager-tanwei', 'mall', 'upsertGoods', { name: '洗衣液', points: 10, stock: 5, pickup: '滩尾村实践站', pictureId: picture.id })
  await m('demo-volunteer-1', 'mall', 'goods')
  const { redemption } = await m('demo-volunteer-1', 'mall', 'redeem', { goodsId: goods.id, quantity: 1, requestId: 'bench-redeem-1' })
  await m('demo-volunteer-1', 'mall', 'mine')
  await m('demo-manager-tanwei', 'mall', 'pending')
  await m('demo-manager-tanwei', 'mall', 'fulfil', { code: redemption.code })
  const again = (await m('demo-volunteer-1', 'mall', 'redeem', { goodsId: goods.id, quantity: 1, requestId: 'bench-redeem-2' })).redemption
  await m('demo-volunteer-1', 'mall', 'cancel', { redemptionId: again.id })
  await m('demo-manager-tanwei', 'stats', 'summary')
  await m('demo-manager-tanwei', 'stats', 'idleTeams')
  await m('demo-manager-tanwei', 'stats', 'lookBack', { month: '2026-03' })
  await m(null, 'cron', 'run')
  await m('demo-resident-1', 'inbox', 'list')
  await m('demo-resident-1', 'inbox', 'unread')
  await m('demo-resident-1', 'inbox', 'read', { all: true })
  // a month's 台账 of the station (one served order): the pages of orders it reads grow with the period
  await m('demo-manager-tanwei', 'export', 'create', { kind: 'activities', from: '2026-02-28T16:00:00.000Z', to: '2026-03-31T16:00:00.000Z' })

  // 志愿服务证明: a served order whose hours were verified (as check-in and check-out record them at completion)
  await seedOrder(servedOrder({ id: 'bench-served', volunteer: { id: uid('demo-volunteer-2'), name: '李药师' }, at: '2026-03-01T02:00:00.000Z', hours: 2, status: 'verified' }))
  await m('demo-volunteer-2', 'points', 'serviceRecords')
  const { serial } = await m('demo-volunteer-2', 'certificate', 'issue')
  await m(null, 'public', 'verifyCertificate', { serial })
  // 社会评单: the wall (signed out, then signed in), a like, its retry and undo, a public rating
  await m(null, 'public', 'wall', {})
  await m('demo-resident-2', 'public', 'wall', {})
  await m('demo-resident-2', 'public', 'like', { orderId: 'bench-served' })
  await m('demo-resident-2', 'public', 'unlike', { orderId: 'bench-served' })
  await m('demo-resident-2', 'public', 'rate', { orderId: 'bench-served', stars: 4, comment: '服务很细心' })
  await m('demo-manager-center', 'certificate', 'revoke', { serial, reason: '登记有误' })
}

/** Runs the scenario on the ports; `counter` tells how many round trips happened so far. */
async function run(
  stores: Stores,
  counter: () => number,
  calls: string[],
  withRequestId = false,
): Promise<Map<string, { n: number; methods: string[] }>> {
  await stores.seed.importData(demoCounty())
  const exportsDir = tempDir('roundtrips-exports')
  const certificatesDir = tempDir('roundtrips-certificates')
  // photos: cloud storage where every file exists, and a content check that sends each image under trace-1, trace-2 …
  const photoFiles = { ...memoryPhotoFiles(), exists: async () => true }
  const deps: Deps = {
    ...stores,
    policy: DEFAULT_POLICY,
    clock: () => new Date('2026-03-02T01:00:00.000Z'),
    files: createDiskFiles(exportsDir.dir),
    certificateFiles: createDiskFiles(certificatesDir.dir, '/api/certificates/'),
    secrets: { checkin: 'bench-checkin-secret' },
    photoFiles,
    contentCheck: scriptedContentCheck().check,
  }
  const seen = new Map<string, { n: number; methods: string[] }>()
  let requests = 0
  await scenario(async (openid, fn, action, payload = {}) => {
    if (withRequestId) payload = { ...payload, requestId: `bench-request-${++requests}` }
    calls.length = 0
    const before = counter()
    const ctx = openid === null ? { openid: null, source: 'system' as const } : { openid, source: 'client' as const }
    const res = await FUNCTIONS[fn].handle({ action, ...payload }, ctx, deps)
    if (!res.ok) throw new Error(`${fn}.${action}: ${res.error.code} ${res.error.message}`)
    const key = `${fn}.${action}`
    const n = counter() - before
    // an action measured twice (dispatch, claim) keeps its larger count
    if (!seen.has(key) || seen.get(key)!.n < n) seen.set(key, { n, methods: [...calls] })
    return res.data
  }, (order) => stores.orders.insertOrder(order))
  exportsDir.remove()
  certificatesDir.remove()
  return seen
}

export async function roundTripsSection(): Promise<RoundTripsResult> {
  const sqlite = createSqliteStores({ filename: ':memory:' })
  try {
    const port = countingStores(sqlite)
    const onPort = await run(port.stores, () => port.calls.length, port.calls)

    const db = new FakeCloudDb()
    const cloud = countingStores(createCloudbaseStores(db))
    const onCloud = await run(cloud.stores, () => db.calls, cloud.calls)

    const keyedDb = new FakeCloudDb()
    const keyed = countingStores(createCloudbaseStores(keyedDb))
    const onCloudKeyed = await run(keyed.stores, () => keyedDb.calls, keyed.calls, true)

    const registered = Object.values(FUNCTIONS).flatMap((f) => f.actions.map((a) => `${f.name}.${a}`))
    const rows = registered
      .filter((key) => onPort.has(key))
      .map((key) => ({
        action: key,
        port: onPort.get(key)!.n,
        methods: onPort.get(key)!.methods,
        cloudbase: onCloud.get(key)?.n ?? NaN,
        cloudbaseWithRequestId: onCloudKeyed.get(key)?.n ?? NaN,
      }))
    return { rows, missing: registered.filter((key) => !onPort.has(key)) }
  } finally {
    sqlite.close()
  }
}
