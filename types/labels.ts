import type { AppealStatus, FollowUpOutcome, HoursStatus, NotificationKind, OrderAction, OrderStatus, Role, UnitLevel } from './domain'

export const STATUS_LABELS: Record<OrderStatus, string> = {
  placed: '待派单',
  dispatched: '待接单',
  claimed: '已接单',
  completed: '待评单',
  rated: '已评单',
  closed: '已办结',
  rejected: '已退回',
  cancelled: '已取消',
}

/**
 * One colour per status (text on ground), so no two statuses look alike; always shown with STATUS_LABELS' words, never
 * colour alone. Every pair has at least 4.5:1 contrast (test/ui/status-chip.test.tsx).
 */
export const STATUS_COLORS: Record<OrderStatus, { text: string; ground: string }> = {
  placed: { text: '#7A4B00', ground: '#FFF1D6' },
  dispatched: { text: '#5B2A86', ground: '#F1E6FB' },
  claimed: { text: '#0B4A8B', ground: '#E3F0FF' },
  completed: { text: '#0F5757', ground: '#DDF3F1' },
  rated: { text: '#1E6B34', ground: '#E4F4E7' },
  closed: { text: '#3F4A1F', ground: '#ECEFDF' },
  rejected: { text: '#8C1D18', ground: '#FDE8E6' },
  cancelled: { text: '#454545', ground: '#ECECEC' },
}

/** What each status means to the person who ordered, in plain words (使用帮助, and wherever a status is explained). */
export const STATUS_DESCRIPTIONS: Record<OrderStatus, string> = {
  placed: '您的点单已经交给站点，正在等工作人员安排志愿服务队',
  dispatched: '已经派给志愿服务队，正在等志愿者接单',
  claimed: '志愿者已经接单，会打电话和您约时间，按时上门',
  completed: '志愿者已经服务完了，请您给这次服务打星评价',
  rated: '您已经评过了，谢谢您',
  closed: '这一单已经结束（服务完成后7天没有评价，会自动办结）',
  rejected: '站点没法安排这项服务，退回时写了原因，您可以换一项再点',
  cancelled: '这一单已经取消，不会再有人上门',
}

export const ROLE_LABELS: Record<Role, string> = {
  resident: '群众',
  proxy: '代办员',
  volunteer: '志愿者',
  leader: '队长',
  manager: '管理员',
  admin: '中心管理员',
}

export const LEVEL_LABELS: Record<UnitLevel, string> = {
  center: '新时代文明实践中心',
  institute: '新时代文明实践所',
  station: '新时代文明实践站',
}

export const ACTION_LABELS: Record<OrderAction, string> = {
  place: '点单',
  escalate: '上报上级',
  dispatch: '派单',
  recall: '撤回派单',
  decline: '队伍退单',
  reject: '退回',
  cancel: '取消',
  claim: '接单',
  unclaim: '放弃接单',
  complete: '完成服务',
  rate: '评单',
  autoClose: '自动办结',
  checkIn: '签到',
  checkOut: '签退',
  approveHours: '认定时长',
  rejectHours: '不予认定',
  followUp: '回访',
  appeal: '申诉',
  decideAppeal: '处理申诉',
}

/** What became of a volunteer's hours (志愿服务记录). */
export const HOURS_STATUS_LABELS: Record<HoursStatus, string> = {
  verified: '信用时长',
  pending: '待核实',
  approved: '补录',
  rejected: '不予认定',
}

/** How a message looks in 消息: its tone (the colour of its sign, always beside the words) per kind of news. */
export type NotificationTone = 'progress' | 'done' | 'reminder' | 'stopped' | 'task'

/**
 * Each kind of message (消息) in the words of the person it is for: the label beside it, the one character drawn as
 * its sign, and its tone, so messages of different kinds never look alike.
 */
export const NOTIFICATION_KINDS: Record<NotificationKind, { label: string; sign: string; tone: NotificationTone }> = {
  dispatched: { label: '已派单', sign: '派', tone: 'progress' },
  claimed: { label: '志愿者已接单', sign: '接', tone: 'progress' },
  completed: { label: '服务已完成，请评单', sign: '评', tone: 'done' },
  cancelled: { label: '点单已取消', sign: '消', tone: 'stopped' },
  rejected: { label: '点单被退回', sign: '退', tone: 'stopped' },
  orderEscalated: { label: '已转上级办理', sign: '转', tone: 'progress' },
  remindUndispatched: { label: '派单提醒', sign: '催', tone: 'reminder' },
  escalated: { label: '下级上报', sign: '报', tone: 'reminder' },
  recalled: { label: '无人接单已退回', sign: '回', tone: 'reminder' },
  alertPreferred: { label: '临近服务时间', sign: '时', tone: 'reminder' },
  newTask: { label: '新任务', sign: '新', tone: 'task' },
  taskCancelled: { label: '任务已取消', sign: '消', tone: 'stopped' },
  remindUnclaimed: { label: '接单提醒', sign: '催', tone: 'reminder' },
  redemptionExpired: { label: '兑换已过期，积分已退回', sign: '兑', tone: 'stopped' },
  followUpOpened: { label: '差评待回访', sign: '访', tone: 'reminder' },
  followUpDue: { label: '回访到期', sign: '访', tone: 'reminder' },
  followUpEscalated: { label: '下级回访超时', sign: '督', tone: 'reminder' },
  appealed: { label: '服务队申诉', sign: '诉', tone: 'reminder' },
  appealDecided: { label: '申诉已处理', sign: '诉', tone: 'done' },
}

/** 回访 outcomes (issue 11), as the manager chooses them. */
export const FOLLOW_UP_OUTCOME_LABELS: Record<FollowUpOutcome, string> = {
  resolved: '已解决',
  explained: '已解释',
  unreachable: '联系不上',
}

/** 申诉 states (issue 11). */
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  pending: '待处理',
  upheld: '申诉成立',
  dismissed: '已驳回',
}
