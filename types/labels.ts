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
