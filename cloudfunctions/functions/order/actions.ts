import { DUPLICATE_WINDOW_HOURS } from '~core/config'
import { AppError, fail } from '~core/errors'
import { orderContext } from '~core/lifecycle'
import { newOrder } from '~core/orders'
import { rememberClient } from '~core/proxy-clients'
import { openOrdersMessage } from '~core/rate-limits'
import { recommendTeams } from '~core/recommend'
import { canView, managedUnitOf, managesUnitPath, mayDispatchTo, unitPathsOf, type Actor } from '~core/relations'
import { PAGE_SIZE, type Order, type OrderItem, type Page, type Team, type User } from '~types'
import { answerFor, itemFor } from '~usecases/order-view'
import { handlingOf } from '~usecases/handling'
import { overviewPage } from '~usecases/overview'
import { followUpsPage } from '~usecases/follow-ups'
import { type Call, defineFunction } from '../shared/define'
import { keyedId, newId } from '../shared/ids'
import { countDroppedClaim } from '../shared/rate-limit'
import { unitTree } from '../shared/units'
import { teamFiguresFor } from '../shared/team-figures'
import { recordReveal } from '../shared/audit'
import { checkInOrOut, checkinCodeFor } from './check-in'
import { recordCloudFile } from '../shared/cloud-file'
import { requireFitText } from '../shared/content'
import { isUnderOrderPath, photosProblem } from '~core/uploads'
import { applyMediaVerdict, authorizeUpload } from '~usecases/uploads'
import { answerOf, forClient, runTransition } from './transition'

function requireManager(user: User): string {
  const unitId = managedUnitOf(user)
  if (!unitId) fail('FORBIDDEN', '只有实践中心（所、站）管理员可以查看派单台')
  return unitId
}

/**
 * A list page as the caller sees it, each item with its offer at `now` (the call's clock). `teams` are the caller's
 * own teams when the list can hold orders dispatched to them, so a leader's items offer 退单 and 代为完成 as order.get
 * does.
 */
function items(user: User, page: Page<Order>, now: string, teams: readonly Team[] = []): Page<OrderItem> {
  const actor: Actor = { kind: 'user', user }
  return { items: page.items.map((o) => itemFor(orderContext(actor, o, teams), now)), nextCursor: page.nextCursor }
}

/** The caller's teams (one read), or none without a read when they belong to no team. */
async function teamsOf(call: Call, user: User): Promise<Team[]> {
  return user.teamIds.length === 0 ? [] : call.deps.catalog.listTeams({ ids: user.teamIds })
}

async function loadVisible(call: Call, orderId: string) {
  const user = await call.user()
  const { order, teams } = await call.deps.orders.loadOrder(orderId, { teamIds: user.teamIds })
  if (!order) fail('NOT_FOUND', '订单不存在')
  const ctx = orderContext({ kind: 'user', user }, order, teams)
  if (!canView(ctx.relations)) fail('FORBIDDEN', '您无权查看这张订单')
  return { user, ctx }
}

/**
 * The target of order.place, which a requestId is bound to: what is ordered (the menu item, or the theme of a
 * described need) and for whom (the caller, or the person a proxy names). The order id is derived from the person
 * and the requestId, so a retry lands on the stored order; the same requestId sent for another item or person is
 * refused rather than answered with the first order. Other fields (the need's wording, the address) may differ in a
 * retry after an edit: the first order stands, as for any retried request.
 */
function samePlaceTarget(stored: Order, wanted: Order): boolean {
  return (
    stored.menuItemId === wanted.menuItemId &&
    stored.themeId === wanted.themeId &&
    (stored.onBehalfOf?.name ?? null) === (wanted.onBehalfOf?.name ?? null)
  )
}

/** The most reveals order.reveals lists (one per viewer a day: months of an order's life). */
const REVEALS_MAX = 100

const page = (input: { cursor?: string; limit?: number }) => ({ cursor: input.cursor, limit: input.limit ?? PAGE_SIZE })

export const orderFunction = defineFunction('order', {
  async place(input, call) {
    const { deps } = call
    const { policy } = deps
    const user = await call.user()
    await requireFitText(call, [
      { label: '标题', text: input.title, scene: 'forum' },
      { label: '需求描述', text: input.need, scene: 'forum' },
    ])
    let menuItem = null
    if (input.menuItemId) {
      menuItem = await deps.catalog.getMenuItem(input.menuItemId)
      if (!menuItem) fail('NOT_FOUND', '所选服务菜单不存在')
    } else {
      const themes = await deps.catalog.listThemes()
      if (!themes.some((t) => t.id === input.themeId)) fail('NOT_FOUND', '所选服务主题不存在')
    }
    const id = input.requestId ? keyedId('o', user.id, input.requestId) : newId('o')
    const order = newOrder({ id, input, user, menuItem, policy: policy.points, now: call.now })
    // at most rateLimits.openOrders open orders per person served, counted in the insert itself (0: no limit)
    const maxOpen = policy.rateLimits.openOrders > 0 ? policy.rateLimits.openOrders : undefined
    // a likely duplicate (疑似重复, core/overview.ts) is found in the insert too, and asked about unless confirmed
    const stored = await deps.orders.insertOrder(order, { maxOpen, refuseDuplicate: input.confirmDuplicate !== true })
    if (stored.duplicateOf) {
      const who = order.onBehalfOf ? `${order.onBehalfOf.name}` : '您'
      throw new AppError('CONFLICT', `${who}在${DUPLICATE_WINDOW_HOURS}小时内已点过“${order.title}”，还在办理中。确定要再点一单吗？`, { duplicateOf: stored.duplicateOf })
    }
    if (stored.openLimitReached) fail('RATE_LIMITED', openOrdersMessage(policy.rateLimits, order.onBehalfOf?.name ?? null))
    if (!stored.created && !samePlaceTarget(stored.order, order)) {
      fail('INVALID_INPUT', '该请求编号已用于另一项点单，请刷新页面后重新点单')
    }
    // a proxy's list of people they order for: this person goes to the top (one write, only when it changes)
    const clients = stored.created ? rememberClient(user, stored.order) : null
    if (clients) await deps.users.updateProfile(user.id, { proxyClients: clients })
    // a new order has no teams yet: the owner's offer (and a placing manager's) needs none
    return answerFor(orderContext({ kind: 'user', user }, stored.order, []), call.now)
  },

  /** The order as the caller may see it; a contact shown to someone but its owner is recorded (once a day). */
  async get(input, call) {
    const { ctx } = await loadVisible(call, input.orderId)
    // the owner's page also says who handles the order, how to reach them and by when (the unit's limit)
    const owner = ctx.relations.has('owner')
    const [handling] = await Promise.all([
      owner ? unitTree(call.deps.catalog).then((units) => handlingOf(call.deps, ctx.order, units)) : undefined,
      recordReveal(call.deps, ctx, call.now),
    ])
    const answer = answerFor(ctx, call.now)
    return handling ? { ...answer, handling } : answer
  },

  /**
   * Who has seen the order's phone and address (issue 13): for its owner (the resident, or the proxy who placed it)
   * and the managers of its unit or above; newest first, one entry per viewer a day.
   */
  async reveals(input, call) {
    const { ctx } = await loadVisible(call, input.orderId)
    if (!ctx.relations.has('owner') && !ctx.relations.has('manager')) fail('FORBIDDEN', '只有下单人和承办单位管理员可以查看谁看过联系方式')
    const entries = await call.deps.audit.listByTarget('contactRevealed', input.orderId, REVEALS_MAX)
    return { items: entries.map((e) => ({ viewerName: e.actorName, viewerRole: e.actorRole, at: e.at })) }
  },

  async listMine(input, call) {
    const user = await call.user()
    const [mine, teams] = await Promise.all([
      call.deps.orders.listOrders({ kind: 'owner', ownerId: user.id }, page(input)),
      teamsOf(call, user),
    ])
    return items(user, mine, call.now, teams)
  },

  async queue(input, call) {
    const user = await call.user()
    const unitId = requireManager(user)
    // the queue holds placed orders only, which are dispatched to no team: no leader's action can apply
    const queued = await call.deps.orders.listOrders({ kind: 'queue', unitId, statuses: ['placed'] }, page(input))
    return items(user, queued, call.now)
  },

  async tasks(input, call) {
    const user = await call.user()
    if (!user.roles.includes('volunteer')) fail('FORBIDDEN', '加入志愿服务队后才能接单')
    const [tasks, teams] = await Promise.all([
      call.deps.orders.listOrders({ kind: 'tasks', teamIds: user.teamIds, volunteerId: user.id }, page(input)),
      teamsOf(call, user),
    ])
    return items(user, tasks, call.now, teams)
  },

  /** 回访 list (usecases/follow-ups.ts): the follow-ups of the unit's subtree, 待回访 / 已超时 / 已回访. */
  async followUps(input, call) {
    const [user, units] = await Promise.all([call.user(), unitTree(call.deps.catalog)])
    return followUpsPage(call.deps, user, input, new Date(call.now).toISOString(), units)
  },

  /** 订单总览 (usecases/overview.ts): every order of the unit's subtree, filtered, with what a manager's card shows. */
  async overview(input, call) {
    const [user, units] = await Promise.all([call.user(), unitTree(call.deps.catalog)])
    return overviewPage(call.deps, user, input, new Date(call.now), units)
  },

  async recommend(input, call) {
    const { user, ctx } = await loadVisible(call, input.orderId)
    const { order } = ctx
    if (!managesUnitPath(user, order.unitPath)) fail('FORBIDDEN', '只有承办单位（或上级）管理员可以派单')
    // only the teams this manager may dispatch to (the unit tree is read beside them)
    const [themed, units] = await Promise.all([call.deps.catalog.listTeams({ themeId: order.themeId }), unitTree(call.deps.catalog)])
    const paths = unitPathsOf(units)
    const teams = themed.filter((t) => mayDispatchTo(user, t.orgUnitId, paths))
    const ids = teams.map((t) => t.id)
    const [stats, figures] = await Promise.all([call.deps.catalog.teamStats(ids), teamFiguresFor(call.deps, ids, new Date(call.now))])
    return { recommendations: recommendTeams(order, teams, stats, figures) }
  },

  async dispatch(input, call) {
    // the unit tree (kept by the instance): which teams this manager may dispatch to
    const units = await unitTree(call.deps.catalog)
    return answerOf(runTransition(call, 'dispatch', { ...input, unitPaths: unitPathsOf(units) }, input.teamIds))
  },
  escalate: (input, call) => answerOf(runTransition(call, 'escalate', input)),
  recall: (input, call) => answerOf(runTransition(call, 'recall', input)),
  decline: (input, call) => answerOf(runTransition(call, 'decline', input)),
  reject: (input, call) => answerOf(runTransition(call, 'reject', input)),
  cancel: (input, call) => answerOf(runTransition(call, 'cancel', input)),
  claim: (input, call) => answerOf(runTransition(call, 'claim', input)),
  async unclaim(input, call) {
    const outcome = await runTransition(call, 'unclaim', input)
    // a claim dropped soon after it was made counts toward the claim bar (core/rate-limits.ts); the claim is read
    // from the order as it was, because a repeated drop takes its claim's entry off the timeline (core/lifecycle.ts)
    await countDroppedClaim(call, (outcome.previous ?? outcome.order).timeline, input.requestId)
    return answerOf(Promise.resolve(outcome))
  },
  /**
   * 完成服务 with the activity record (issue 10): every photo must be an upload of this order (its path under
   * `orders/<orderId>/`, not rejected by content security), and the place and note pass content security; a refusal
   * stores nothing. One read of the photos (none without photos) before the transition.
   */
  async complete(input, call) {
    if (input.photos.length > 0) {
      const found = await call.deps.uploads.getUploads(input.photos)
      const problem = photosProblem(input.orderId, input.photos, found)
      if (problem) fail('INVALID_INPUT', problem)
    }
    await requireFitText(call, [
      { label: '服务地点', text: input.place, scene: 'social' },
      { label: '服务情况', text: input.note, scene: 'social' },
    ])
    return answerOf(runTransition(call, 'complete', input))
  },
  /** a poor rating opens a 回访 in the same write: one extra read, every unit's own limits (core/follow-ups.ts) */
  rate: async (input, call) => {
    const [settings] = await Promise.all([
      call.deps.catalog.listUnitSettings(),
      requireFitText(call, [{ label: '评价', text: input.comment, scene: 'comment' }]),
    ])
    const followUps = { settings, defaults: call.deps.policy.limits }
    return forClient(await runTransition(call, 'rate', { ...input, followUps }))
  },
  /** 回访 of a poor rating (issue 11): a manager of the handling unit or above, while it is open */
  followUp: async (input, call) => {
    await requireFitText(call, [{ label: '回访情况', text: input.note, scene: 'comment' }])
    return answerOf(runTransition(call, 'followUp', input))
  },
  /** 申诉 by the leader of a dispatched team within APPEAL_DAYS of the rating; the parent unit's managers are told */
  appeal: async (input, call) => {
    await requireFitText(call, [{ label: '申诉理由', text: input.reason, scene: 'comment' }])
    return answerOf(runTransition(call, 'appeal', input))
  },
  /** the parent unit's manager decides a pending appeal; the appellant is told */
  decideAppeal: async (input, call) => {
    await requireFitText(call, [{ label: '处理意见', text: input.note, scene: 'comment' }])
    return answerOf(runTransition(call, 'decideAppeal', input))
  },


  /** the check-in code to show on site (functions/order/check-in.ts) */
  async checkinCode(input, call) {
    const { ctx } = await loadVisible(call, input.orderId)
    return checkinCodeFor(call, ctx)
  },
  checkIn: (input, call) => checkInOrOut(call, 'checkIn', input),
  checkOut: (input, call) => checkInOrOut(call, 'checkOut', input),
  /** 待核实 → 补录 by a manager; after the loop closed it pays the hours' points, once (answer: the awards paid) */
  approveHours: async (input, call) => forClient(await runTransition(call, 'approveHours', input)),
  rejectHours: (input, call) => answerOf(runTransition(call, 'rejectHours', input)),

  /**
   * weapp: a photo the app uploaded itself (Taro.cloud.uploadFile to `orders/<orderId>/<uuid>.jpg`) becomes an
   * upload of the order, for its claimers, leaders and managers while it can be completed (usecases/uploads.ts);
   * another order's path is FORBIDDEN, a file not in storage INVALID_INPUT. It goes to WeChat's image check at once.
   */
  async attachPhoto(input, call) {
    const user = await call.user()
    if (!isUnderOrderPath(input.orderId, input.fileId)) fail('FORBIDDEN', '照片不在这张订单的上传目录下，不能用于这张订单')
    const files = call.deps.photoFiles
    if (!files) fail('INVALID_INPUT', '这里不支持从小程序云存储添加照片，请直接上传')
    const order = await authorizeUpload(call.deps, call.deps.policy, user, input.orderId, call.now)
    if (!(await files.exists(input.fileId))) fail('INVALID_INPUT', '照片文件不存在，请重新上传')
    return recordCloudFile(call, user, files, { fileId: input.fileId, owner: input.orderId, orderId: order.id, folder: `orders/${input.orderId}` })
  },

  /** The verdict of WeChat's image check (the wxa_media_check push, routed here by shared/cloud.ts): system only. */
  async mediaVerdict(input, call) {
    if (call.ctx.source !== 'system') fail('FORBIDDEN', '内容安全检测结果只能由微信平台推送')
    return { applied: (await applyMediaVerdict(call.deps, input.traceId, input.suggest, call.now)) !== null }
  },
})
