import type { HoursStatus, OrderAction, OrderStatus, Role, UnitLevel } from './domain'

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
}

/** What became of a volunteer's hours (志愿服务记录). */
export const HOURS_STATUS_LABELS: Record<HoursStatus, string> = {
  verified: '信用时长',
  pending: '待核实',
  approved: '补录',
  rejected: '不予认定',
}
