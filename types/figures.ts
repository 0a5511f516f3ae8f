/**
 * The figures a center reports (issue 9): each one's name, unit and the sentence a center director reads under it.
 * The counting rules are cloudfunctions/core/figures.ts (which re-exports these); the statistics page and the export
 * show these words. Every figure counts the orders placed in the period (whole China-time days) that the unit or a
 * unit below it handles now.
 */

/** Stars from which a rating counts as good (好评). */
export const GOOD_STARS = 4

export type FigureKey =
  | 'placed'
  | 'dispatched'
  | 'taken'
  | 'served'
  | 'rated'
  | 'people'
  | 'volunteers'
  | 'volunteerTimes'
  | 'hours'
  | 'avgStars'
  | 'goodRate'
  | 'open'
  | 'overdue'
  | 'rejected'
  | 'cancelled'
  | 'escalated'
  | 'recalled'
  | 'followUpOpen'
  | 'lookBack'

export interface FigureDefinition {
  label: string
  unit: string
  /** what the figure counts, in a sentence a center director understands */
  definition: string
}


export const FIGURES: Record<FigureKey, FigureDefinition> = {
  placed: { label: '点单数', unit: '单', definition: '本期内群众（含代办员代点）提交的点单总数，不论后来结果如何。' },
  dispatched: { label: '派单数', unit: '单', definition: '本期点单中，至少被派给一次志愿服务队的单数（撤回后重派只算一次）。' },
  taken: { label: '接单数', unit: '单', definition: '本期点单中，至少有一名志愿者接过的单数（接单后又放弃的也算）。' },
  served: { label: '服务场次', unit: '场', definition: '本期点单中已完成服务的单数（含已评单和超期自动办结的）。' },
  rated: { label: '评单数', unit: '单', definition: '已完成的点单中，群众给出星级评价的单数。' },
  people: { label: '服务人数', unit: '人次', definition: '已完成的点单在完成时填报的受益群众人数之和。' },
  volunteers: {
    label: '服务志愿者',
    unit: '人',
    definition: '为本期已完成的点单接过单的志愿者人数，同一人服务多次只算一人。',
  },
  volunteerTimes: {
    label: '志愿者人次',
    unit: '人次',
    definition: '已完成的点单上接单志愿者的人数之和，同一人服务两次算两人次。',
  },
  hours: { label: '服务时长', unit: '小时', definition: '已完成的点单上每位接单志愿者被认定的服务时长之和：现场签到签退的信用时长与管理员补录的时长，待核实和不予认定的不计。' },
  avgStars: { label: '平均评分', unit: '星', definition: '群众评单星级（1–5星）的平均值，只计已评单。' },
  goodRate: { label: '好评率', unit: '%', definition: `评单中给出${GOOD_STARS}星及以上的比例。` },
  open: { label: '办理中', unit: '单', definition: '本期点单中尚未办结的：待派单、待接单和已接单待完成的。' },
  overdue: {
    label: '超时未办',
    unit: '单',
    definition: '办理中的点单里超过本单位时限的：待派单超过派单提醒时限、待接单超过接单提醒时限、已接单超过群众期望时间。',
  },
  rejected: { label: '已退回', unit: '单', definition: '管理员审核后退回的点单（会告知群众原因）。' },
  cancelled: { label: '已取消', unit: '单', definition: '下单人自己取消的点单。' },
  escalated: { label: '曾上报上级', unit: '单', definition: '本期点单中至少上报过一次上级单位的单数（人工上报或超时自动上报）。' },
  recalled: { label: '曾撤回派单', unit: '单', definition: '本期点单中至少被撤回过一次派单的单数（管理员撤回或无人接单自动退回）。' },
  followUpOpen: { label: '差评未回访', unit: '单', definition: '群众评3星及以下（以本单位设置为准）、回访还没有办结的单数。' },
  lookBack: {
    label: '待回头看',
    unit: '单',
    definition: '本期点单中还没有好结果的：超时未办、已退回、已取消和差评未回访之和，逐单列在“回头看”里。',
  },
}


/** The fate of an order (core/figures.ts fateOf), as the statistics page and the export files name it. */
export const FATE_LABELS = {
  served: '已完成服务',
  open: FIGURES.open.label,
  rejected: FIGURES.rejected.label,
  cancelled: FIGURES.cancelled.label,
} as const
