import * as z from 'zod'
import { AUDIT_KINDS } from './audit'
import { FOLLOW_UP_OUTCOMES, FOLLOW_UP_STATUSES, LIMIT_KEYS, ORDER_STATUSES, ROLES, SUBSCRIBE_TEMPLATES, type LimitKey } from './domain'
import { EXPORT_FORMATS, EXPORT_KINDS, exportPeriodProblem } from './exports'
import { OVERVIEW_SORTS, SEARCH_MAX } from './overview'
import { PHOTOS_MAX } from './uploads'
import { PUBLIC_COMMENT_MAX } from './social'
import { LOOK_BACK_REASONS, MONTH_PATTERN } from './look-back'
import { PICKUP_CODE_ALPHABET, PICKUP_CODE_LENGTH, normalizePickupCode } from './mall'
import { CHECKIN_CODE_DIGITS, INVITE_ALPHABET, INVITE_LENGTH, MESSAGE_ID_MAX, NAME_MAX, normalizeInviteCode, PASSWORD_MAX, PASSWORD_MIN, PREFERRED_AT_MAX } from './rules'
import { hasUnsafeChar, hasVisibleChar, parseZonedTime } from './text'

// in a browser, no eval probe: the H5 content security policy forbids eval and would report it
z.config({ jitless: 'document' in globalThis })

/**
 * Field builders that carry Chinese messages, so every refusal reads well to a villager. Every text field refuses NUL
 * and bidirectional control characters (types/text.ts), which could make what is shown differ from what is stored.
 */
function text(label: string, max: number, min = 1) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? `请填写${label}` : `${label}应为文字`) })
    .trim()
    .min(min, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .refine((s) => !hasUnsafeChar(s), `${label}含有不允许的特殊字符`)
}

/** A name (of a person, a team, whom a proxy orders for): text with at least one visible character. */
function name(label: string, max: number) {
  return text(label, max).refine(hasVisibleChar, `请填写${label}`)
}

function int(label: string, min: number, max: number) {
  return z
    .number({ error: (iss) => (iss.input === undefined ? `请填写${label}` : `${label}应为数字`) })
    .int(`${label}应为整数`)
    .min(min, `${label}不能少于${min}`)
    .max(max, `${label}不能超过${max}`)
}

const id = (label: string) => text(label, 64)

/** A China-time calendar day, 2026-03-02 (a real date). */
function chinaDay(label: string) {
  return z
    .string({ error: `${label}格式应为2026-03-02` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式应为2026-03-02`)
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), `${label}不是有效日期`)
}

/** A certificate's serial as printed (ZY-CENTER-2026-000001), typed in any case with spaces around. */
const certificateSerial = z
  .string({ error: (iss) => (iss.input === undefined ? '请填写证明编号' : '证明编号应为文字') })
  .trim()
  .toUpperCase()
  .max(40, '证明编号格式不对')
  .regex(/^ZY-[A-Z0-9]{1,12}-\d{4}-\d{6,}$/, '证明编号格式不对，应如ZY-CENTER-2026-000001')
const requestId = text('请求编号', 64).optional()
const cursor = z.string({ error: '翻页参数有误' }).max(200, '翻页参数有误').optional()
const limit = int('每页条数', 1, 50).optional()
/** a China-time calendar month, `YYYY-MM` */
const month = z.string({ error: '请选择月份' }).regex(MONTH_PATTERN, '月份格式应为2026-01')

export const mobilePhone = z
  .string({ error: (iss) => (iss.input === undefined ? '请填写联系电话' : '联系电话应为文字') })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写11位手机号码')

/**
 * A time the person chooses (order.place's preferredAt): ISO 8601 with a time-zone offset or Z, stored normalised
 * (UTC, toISOString). That it is not in the past is checked where the clock is (core/orders.ts newOrder).
 */
const zonedTime = (label: string) =>
  z
    .string({ error: `${label}格式不对` })
    .max(PREFERRED_AT_MAX, `${label}格式不对`)
    .refine((s) => parseZonedTime(s) !== null, `${label}格式不对，应为带时区的时间，如2026-03-02T09:00:00+08:00`)
    .transform((s) => new Date(parseZonedTime(s)!).toISOString())

const isoTime = (label: string) =>
  z
    .string({ error: `${label}格式不对` })
    .refine((s) => !Number.isNaN(Date.parse(s)), `${label}格式不对`)

/** A unit's own value of a limit: a whole number in range, or null to inherit it again from above. */
const limitValue = (label: string, min: number, max: number) => int(label, min, max).nullable().optional()

/** The ranges managers may set (catalog.updateLimits); keys as in UnitLimits. */
export const LIMIT_RANGES = {
  remindUndispatchedHours: { label: '派单提醒时限（小时）', min: 1, max: 720 },
  escalateUndispatchedHours: { label: '上报时限（小时）', min: 1, max: 720 },
  remindUnclaimedHours: { label: '接单提醒时限（小时）', min: 1, max: 720 },
  recallUnclaimedHours: { label: '退回时限（小时）', min: 1, max: 720 },
  alertBeforePreferredHours: { label: '服务前预警（小时）', min: 0, max: 168 },
  autoCloseDays: { label: '评单期限（天）', min: 1, max: 60 },
  pickupDays: { label: '兑换领取期限（天）', min: 1, max: 365 },
  followUpHours: { label: '回访时限（小时）', min: 1, max: 720 },
  followUpStars: { label: '评分不高于几星时回访', min: 1, max: 4 },
} as const satisfies Record<LimitKey, { label: string; min: number; max: number }>

const limitFields = Object.fromEntries(
  Object.entries(LIMIT_RANGES).map(([key, r]) => [key, limitValue(r.label, r.min, r.max)]),
) as { [K in LimitKey]: ReturnType<typeof limitValue> }

/**
 * The one rule of when an order must describe its need (order.place, read by the form and the server alike): only
 * a free-text order (no menu item) must; a menu item's title says what is needed.
 */
export function needIsRequired(input: { menuItemId?: string }): boolean {
  return input.menuItemId === undefined
}
const pickupCodePattern = new RegExp(`^[${PICKUP_CODE_ALPHABET}]{${PICKUP_CODE_LENGTH}}$`)

/** A pickup code as typed or scanned (any case, spaces and dashes allowed), normalised for lookup. */
const pickupCode = z
  .string({ error: (iss) => (iss.input === undefined ? '请输入兑换码' : '兑换码应为文字') })
  .max(40, '兑换码不正确，请核对后重新输入')
  .transform(normalizePickupCode)
  .refine((c) => pickupCodePattern.test(c), `兑换码应为${PICKUP_CODE_LENGTH}位字母或数字，请核对后重新输入`)

const orderStatus = z.enum(ORDER_STATUSES, { error: '订单状态有误' })

const orderRef = { orderId: id('订单编号'), requestId }
const reason = (label: string) => text(label, 200)
const note = text('备注', 200, 0).optional()
/** the 6 digits shown on the code screen (or read from its QR code) */
const checkinCode = z
  .string({ error: (iss) => (iss.input === undefined ? '请输入签到码' : '签到码应为6位数字') })
  .trim()
  .regex(new RegExp(`^\\d{${CHECKIN_CODE_DIGITS}}$`), `签到码应为${CHECKIN_CODE_DIGITS}位数字`)
const serviceHours = z
  .number({ error: (iss) => (iss.input === undefined ? '请填写服务时长' : '服务时长应为数字') })
  .min(0.5, '服务时长不能少于0.5小时')
  .max(24, '服务时长不能超过24小时')
  .multipleOf(0.5, '服务时长以0.5小时为单位')

export const schemas = {
  user: {
    login: z.object({}),
    updateProfile: z
      .object({
        name: name('姓名', NAME_MAX).optional(),
        phone: mobilePhone.optional(),
        orgUnitId: id('所在站点').optional(),
        /** a proxy takes someone off their list of people they order for (by name) */
        forgetClient: name('代办对象姓名', NAME_MAX).optional(),
      })
      .refine((v) => Object.values(v).some((x) => x !== undefined), '请至少修改一项'),
    applyTeam: z.object({ teamId: id('队伍'), requestId }),
    approveMember: z.object({
      teamId: id('队伍'),
      userId: id('申请人'),
      approve: z.boolean({ error: '审核结果有误' }).default(true),
      requestId,
    }),
    memberships: z.object({}),
    applications: z.object({}),
    /** what the person answered to Taro.requestSubscribeMessage: each accepted template allows one send */
    grantSubscribe: z.object({
      templates: z
        .array(z.object({ template: z.enum(SUBSCRIBE_TEMPLATES, { error: '订阅消息模板有误' }), accepted: z.boolean({ error: '参数有误' }) }), {
          error: '请提交订阅结果',
        })
        .min(1, '请提交订阅结果')
        .max(3, '订阅消息模板有误'),
      requestId,
    }),
    /** the audit log, newest first (admins only) */
    audit: z.object({
      cursor,
      limit,
      kind: z.enum(AUDIT_KINDS, { error: '日志类型不存在' }).optional(),
      unitId: id('单位').optional(),
    }),
    /** admins: people whose name starts with q, or whose phone starts with q (digits) */
    search: z.object({ q: text('姓名或手机号', SEARCH_MAX), cursor, limit }),
    grantRole: z.object({
      userId: id('用户'),
      role: z.enum(ROLES, { error: '角色不存在' }),
      unitId: id('管理单位').optional(),
      revoke: z.boolean({ error: '参数有误' }).default(false),
      requestId,
    }),
    /** an invite code for one person: the roles it carries (and a team to join), single use, SIGN_IN.inviteDays (7) days */
    invite: z.object({
      roles: z
        .array(z.enum(ROLES, { error: '角色不存在' }), { error: '请选择角色' })
        .min(1, '请至少选择一个角色')
        .max(ROLES.length, '角色不能重复')
        .refine((r) => new Set(r).size === r.length, '角色不能重复'),
      orgUnitId: id('单位'),
      teamId: id('队伍').optional(),
      requestId,
    }),
  },
  catalog: {
    tree: z.object({}),
    themes: z.object({}),
    menu: z.object({
      unitId: id('单位').optional(),
      /** managers maintaining their unit's menu also see items taken off it (下架) */
      includeInactive: z.boolean({ error: '参数有误' }).default(false),
    }),
    teams: z.object({ unitId: id('单位').optional(), themeId: id('主题').optional() }),
    upsertMenuItem: z.object({
      id: id('菜单编号').optional(),
      title: text('菜单名称', 40),
      description: text('菜单说明', 300, 0).default(''),
      themeId: id('主题'),
      orgUnitId: id('所属单位'),
      points: int('积分', 0, 100),
      active: z.boolean({ error: '上架状态有误' }).default(true),
      requestId,
    }),
    upsertTeam: z.object({
      id: id('队伍编号').optional(),
      name: name('队伍名称', 40),
      themeIds: z.array(id('主题'), { error: '请选择服务主题' }).min(1, '请至少选择一个服务主题').max(10, '服务主题不能超过10个'),
      orgUnitId: id('所属单位'),
      leaderId: id('队长').nullable().optional(),
      description: text('队伍介绍', 300, 0).default(''),
      requestId,
    }),
    /** a unit's limits in force and where each comes from */
    limits: z.object({ unitId: id('单位') }),
    /** sets (a number) or clears (null: inherit again) some of a unit's own limits */
    updateLimits: z
      .object({ unitId: id('单位'), ...limitFields, requestId })
      .refine((v) => LIMIT_KEYS.some((k) => v[k] !== undefined), '请至少修改一项时限'),
  },
  order: {
    place: z
      .object({
        menuItemId: id('服务菜单').optional(),
        themeId: id('服务主题').optional(),
        title: text('标题', 40).optional(),
        // optional once a menu item is picked (the item is the need); a described need must say it (NEED_RULE)
        need: text('需求描述', 500, 0).default(''),
        address: text('服务地址', 100),
        phone: mobilePhone,
        beneficiaryCount: int('服务人数', 1, 10000).default(1),
        preferredAt: zonedTime('期望时间').optional(),
        onBehalfOf: z
          .union([name('代办对象姓名', NAME_MAX), z.object({ name: name('代办对象姓名', NAME_MAX) })], {
            error: '代办对象姓名格式不对',
          })
          .transform((v) => (typeof v === 'string' ? { name: v } : v))
          .optional(),
        /** place it even though an open order of the same item for the same person was placed within 24 hours */
        confirmDuplicate: z.boolean({ error: '参数有误' }).optional(),
        requestId,
      })
      .superRefine((v, ctx) => {
        if (v.menuItemId === undefined && v.themeId === undefined) ctx.addIssue({ code: 'custom', message: '请选择服务菜单或服务主题', path: ['themeId'] })
        if (needIsRequired(v) && v.need === '') ctx.addIssue({ code: 'custom', message: '请填写需求描述', path: ['need'] })
      }),
    get: z.object({ orderId: id('订单编号') }),
    /** who has seen the order's phone and address (its owner and its managers only) */
    reveals: z.object({ orderId: id('订单编号') }),
    listMine: z.object({ cursor, limit }),
    queue: z.object({ cursor, limit }),
    tasks: z.object({ cursor, limit }),
    /** 订单总览: every order of the unit's subtree (by default the caller's managed unit), filtered; see README */
    overview: z
      .object({
        status: z
          .union([orderStatus, z.array(orderStatus, { error: '订单状态有误' }).min(1, '请选择订单状态').max(ORDER_STATUSES.length, '订单状态有误')], {
            error: '订单状态有误',
          })
          .optional(),
        unitId: id('单位').optional(),
        themeId: id('服务主题').optional(),
        from: isoTime('开始时间').optional(),
        to: isoTime('结束时间').optional(),
        q: text('搜索内容', SEARCH_MAX).optional(),
        overdue: z.boolean({ error: '超时筛选有误' }).optional(),
        sort: z.enum(OVERVIEW_SORTS, { error: '排序方式有误' }).default('newest'),
        cursor,
        limit,
      })
      .refine((v) => !v.from || !v.to || Date.parse(v.from) < Date.parse(v.to), '开始时间应早于结束时间'),
    /** 回访 list (issue 11): the unit's subtree (by default the caller's managed unit), 待回访 / 已超时 / 已回访 */
    followUps: z.object({
      unitId: id('单位').optional(),
      status: z.enum(FOLLOW_UP_STATUSES, { error: '回访状态有误' }).default('open'),
      cursor,
      limit,
    }),
    recommend: z.object({ orderId: id('订单编号') }),
    dispatch: z.object({
      ...orderRef,
      teamIds: z
        .array(id('队伍'), { error: '请选择志愿服务队' })
        .min(1, '请至少选择1支志愿服务队')
        .max(3, '一次最多派给3支志愿服务队')
        .refine((ids) => new Set(ids).size === ids.length, '志愿服务队不能重复'),
      capacity: int('所需人数', 1, 20).default(1),
      note,
    }),
    escalate: z.object({ ...orderRef, note }),
    recall: z.object({ ...orderRef, note }),
    decline: z.object({ ...orderRef, reason: reason('退单原因') }),
    reject: z.object({ ...orderRef, reason: reason('退回原因') }),
    cancel: z.object({ ...orderRef, reason: text('取消原因', 200, 0).optional() }),
    claim: z.object({ ...orderRef }),
    unclaim: z.object({ ...orderRef, note }),
    complete: z.object({
      ...orderRef,
      hours: serviceHours,
      beneficiaryCount: int('实际服务人数', 1, 10000),
      /** 服务人次 (person-times, ≥ people served; by default the people served) */
      visits: int('服务人次', 1, 100000).optional(),
      /** where it happened (by default the order's address) */
      place: text('服务地点', 100).optional(),
      /** the activity's photos: ids of uploads under this order's path (order.attachPhoto, POST /api/upload) */
      photos: z
        .array(id('照片'), { error: '照片参数有误' })
        .max(PHOTOS_MAX, `最多上传${PHOTOS_MAX}张照片`)
        .refine((ids) => new Set(ids).size === ids.length, '照片不能重复')
        .default([]),
      note,
    }).refine((v) => v.visits === undefined || v.visits >= v.beneficiaryCount, { message: '服务人次不能少于实际服务人数', path: ['visits'] }),
    /**
     * weapp: a photo the app put into cloud storage (Taro.cloud.uploadFile to `orders/<orderId>/<uuid>.jpg`) becomes
     * an upload of the order; answers its id for order.complete. The local host's POST /api/upload does the same.
     */
    attachPhoto: z.object({
      orderId: id('订单编号'),
      fileId: text('文件', 512),
    }),
    /** the wxa_media_check message push (system only: cloudMain routes it here); the trace id is known only to the server */
    mediaVerdict: z.object({
      traceId: text('检测编号', 128),
      suggest: text('检测结果', 20),
    }),
    rate: z.object({
      ...orderRef,
      stars: int('评分', 1, 5),
      comment: text('评价', 200, 0).default(''),
    }),
    /** the order's current check-in code (its owner, the handling unit's managers, the dispatched teams' leaders) */
    checkinCode: z.object({ orderId: id('订单编号') }),
    checkIn: z.object({ ...orderRef, code: checkinCode }),
    checkOut: z.object({ ...orderRef, code: checkinCode }),
    /** a manager turns a claimer's 待核实 hours into 补录 hours (at most the hours reported), with a reason */
    approveHours: z.object({ ...orderRef, volunteerId: id('志愿者'), hours: serviceHours, reason: reason('认定理由') }),
    rejectHours: z.object({ ...orderRef, volunteerId: id('志愿者'), reason: reason('不予认定的理由') }),
    /** 回访 of a poor rating by a manager of the handling unit or above (issue 11) */
    followUp: z.object({
      ...orderRef,
      outcome: z.enum(FOLLOW_UP_OUTCOMES, { error: '请选择回访结果（已解决、已解释或联系不上）' }),
      note: text('回访情况', 500),
    }),
    /** 申诉 of the requester's rating by the leader of a dispatched team, within APPEAL_DAYS of it */
    appeal: z.object({ ...orderRef, reason: text('申诉理由', 500) }),
    /** the parent unit's manager decides a pending appeal: upheld (申诉成立) or dismissed (驳回) */
    decideAppeal: z.object({
      ...orderRef,
      upheld: z.boolean({ error: '请选择申诉成立或驳回申诉' }),
      note: text('处理意见', 500),
    }),
  },
  points: {
    balance: z.object({}),
    ledger: z.object({ cursor, limit }),
    leaderboard: z.object({
      unitId: id('单位').optional(),
      month: month.optional(),
      limit: int('名次数', 1, 100).optional(),
    }),
    /** 我的服务记录: every service the caller delivered, its hours and their fate, totals and certificates */
    serviceRecords: z.object({}),
    /** the year's honours (年度评选) of a unit's subtree (default: the caller's unit) */
    honors: z.object({ unitId: id('单位').optional(), year: int('年份', 2000, 2100) }),
  },
  mall: {
    /** the goods of a unit and the units above it (default: the caller's station, its 所 and the county) */
    goods: z.object({
      unitId: id('单位').optional(),
      /** managers keeping the shelf also see goods taken off it (下架) */
      includeInactive: z.boolean({ error: '参数有误' }).default(false),
    }),
    upsertGoods: z.object({
      id: id('商品编号').optional(),
      name: name('商品名称', 30),
      points: int('所需积分', 1, 100000),
      stock: int('库存', 0, 100000),
      perPersonMonthly: int('每人每月限兑', 1, 100).nullable().optional(),
      pickup: text('领取地点和时间', 100),
      active: z.boolean({ error: '上架状态有误' }).default(true),
      /** a goods picture of the goods' unit (POST /api/upload?unitId=…, mall.attachPicture); null removes it */
      pictureId: id('商品图片').nullable().optional(),
      orgUnitId: id('所属单位').optional(),
      requestId,
    }),
    /** weapp: a picture the app put into cloud storage (`goods/<unitId>/<uuid>.jpg`) becomes a goods picture of the unit */
    attachPicture: z.object({ unitId: id('所属单位'), fileId: text('文件', 512) }),
    redeem: z.object({
      goodsId: id('商品'),
      quantity: int('兑换数量', 1, 10).default(1),
      requestId: text('请求编号', 64),
    }),
    mine: z.object({ cursor, limit }),
    pending: z.object({ unitId: id('单位').optional(), cursor, limit }),
    fulfil: z.object({ code: pickupCode, requestId }),
    cancel: z.object({ redemptionId: id('兑换记录'), reason: text('取消原因', 200, 0).optional(), requestId }),
  },
  cron: {
    run: z.object({ now: isoTime('时间').optional() }),
  },
  inbox: {
    /** my messages, newest first, with the unread count for the badge */
    list: z.object({ cursor, limit }),
    unread: z.object({}),
    /** mark some (ids) or all of my messages read; message ids are `${notificationId}:${userId}`, longer than other ids */
    read: z
      .object({ ids: z.array(text('消息', MESSAGE_ID_MAX), { error: '消息编号有误' }).max(100, '一次最多100条').optional(), all: z.boolean({ error: '参数有误' }).optional() })
      .refine((v) => (v.ids?.length ?? 0) > 0 || v.all === true, '请选择要标记为已读的消息'),
  },
  stats: {
    /** a unit's figures over [from, to); by default the caller's managed unit and this calendar year (China time) */
    summary: z.object({
      unitId: id('单位').optional(),
      from: isoTime('开始时间').optional(),
      to: isoTime('结束时间').optional(),
    }),
    /** teams of the unit and below with no served order in the last 30 days */
    idleTeams: z.object({ unitId: id('单位').optional() }),
    /**
     * 回头看 (issue 11): the month's orders without a resolved outcome, grouped by why; with `reason`, that group's
     * next page from `cursor`
     */
    lookBack: z.object({
      unitId: id('单位').optional(),
      month,
      reason: z.enum(LOOK_BACK_REASONS, { error: '回头看的类别有误' }).optional(),
      cursor,
    }),
  },
  export: {
    /**
     * A file of the unit's records over [from, to) (at most EXPORT_MAX_YEARS, types/exports.ts), for its
     * managers, managers of a unit above it, and admins; by default the caller's managed unit.
     */
    create: z
      .object({
        kind: z.enum(EXPORT_KINDS, { error: '导出类型有误，应为台账、点单明细、志愿者统计、14534报表或年度评选' }),
        unitId: id('单位').optional(),
        from: isoTime('开始时间'),
        to: isoTime('结束时间'),
        format: z.enum(EXPORT_FORMATS, { error: '文件格式应为xlsx或csv' }).default('xlsx'),
        requestId,
      })
      .superRefine((v, ctx) => {
        const problem = exportPeriodProblem(v.from, v.to)
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['to'] })
      }),
  },
  /** 志愿服务证明 (issue 10): its own function, the only bundle with pdfkit and the Chinese font */
  certificate: {
    /** a certificate of the caller's credited services over the China-time days [from, to] (default: all, up to today) */
    issue: z
      .object({ from: chinaDay('开始日期').optional(), to: chinaDay('结束日期').optional(), requestId })
      .refine((v) => !v.from || !v.to || v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] }),
    /** by a manager of the issuing center or an admin */
    revoke: z.object({ serial: certificateSerial, reason: text('撤销原因', 200), requestId }),
  },
  /** what anyone may read without signing in */
  public: {
    verifyCertificate: z.object({ serial: certificateSerial }),
    /** 公示栏 (issue 11): served orders of the unit's subtree (default: the county), newest first; no sign-in needed */
    wall: z.object({ unitId: id('单位').optional(), themeId: id('服务主题').optional(), cursor, limit }),
    /** 点赞 / 取消点赞 (signed in): once per person per order whatever the retries */
    like: z.object({ ...orderRef }),
    unlike: z.object({ ...orderRef }),
    /** 社会评分 (signed in, not the order's own people): a second rating replaces the caller's first */
    rate: z.object({ ...orderRef, stars: int('评分', 1, 5), comment: text('评价', PUBLIC_COMMENT_MAX, 0).default('') }),
  },
} as const

const inviteCodePattern = new RegExp(`^[${INVITE_ALPHABET}]{${INVITE_LENGTH}}$`)

/** An invite code as typed (any case, dashes and spaces allowed), normalised for lookup. */
export const inviteCode = z
  .string({ error: '邀请码应为文字' })
  .max(40, '邀请码不正确，请核对后重新输入')
  .transform(normalizeInviteCode)
  .refine((c) => inviteCodePattern.test(c), '邀请码不正确，请核对后重新输入')

/** A password: PASSWORD_MIN–PASSWORD_MAX characters, kept exactly as typed (never trimmed). */
export const password = z
  .string({ error: (iss) => (iss.input === undefined ? '请填写密码' : '密码应为文字') })
  .min(1, '请填写密码')
  .min(PASSWORD_MIN, `密码至少${PASSWORD_MIN}位`)
  .max(PASSWORD_MAX, `密码不能超过${PASSWORD_MAX}位`)
  .refine((s) => !hasUnsafeChar(s), '密码含有不允许的特殊字符')

/**
 * Sign-in on the local host (POST /api/auth/register and /api/auth/login; not a cloud function: in the mini-program
 * WeChat says who is calling). A login's password is only checked for its length limits, never to say more.
 */
export const signInSchemas = {
  register: z.object({
    phone: mobilePhone,
    password,
    name: name('姓名', NAME_MAX),
    orgUnitId: id('所在站点'),
    invite: z
      .union([z.literal(''), inviteCode], { error: '邀请码不正确，请核对后重新输入' })
      .optional()
      .transform((v) => (v ? v : undefined)),
  }),
  login: z.object({
    phone: mobilePhone,
    password: z
      .string({ error: (iss) => (iss.input === undefined ? '请填写密码' : '密码应为文字') })
      .min(1, '请填写密码')
      .max(PASSWORD_MAX, '手机号或密码不正确'),
  }),
} as const

export type Schemas = typeof schemas
export type FunctionName = keyof Schemas
export type ActionName<F extends FunctionName> = keyof Schemas[F] & string
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Schemas[F][A] extends z.ZodType
  ? z.input<Schemas[F][A]>
  : never
export type ParsedInput<F extends FunctionName, A extends ActionName<F>> = Schemas[F][A] extends z.ZodType
  ? z.output<Schemas[F][A]>
  : never
