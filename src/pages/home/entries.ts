import type { Role } from '~types/domain'
import { ROUTES, withQuery } from '../../routes'

export interface Entry {
  title: string
  hint: string
  url: string
  /** shown to anyone holding one of these roles */
  roles: readonly Role[]
}

const EVERYONE: readonly Role[] = ['resident', 'proxy', 'volunteer', 'leader', 'manager', 'admin']

/** What each role can start from the home page, in the order a person in that role needs it. */
export const ENTRIES: readonly Entry[] = [
  { title: '我要点单', hint: '看看身边的志愿服务菜单', url: ROUTES.resident.menu, roles: EVERYONE },
  { title: '我的点单', hint: '进度、评单', url: ROUTES.resident.orders, roles: EVERYONE },
  { title: '消息', hint: '点单、派单、接单的进展和提醒', url: ROUTES.inbox, roles: EVERYONE },
  { title: '代人点单', hint: '替没有手机的群众点单', url: withQuery(ROUTES.resident.menu, { proxy: 1 }), roles: ['proxy'] },
  { title: '任务大厅', hint: '派给我所在队伍的服务', url: ROUTES.volunteer.tasks, roles: ['volunteer', 'leader'] },
  { title: '我的积分', hint: '积分、服务时长和明细', url: ROUTES.volunteer.points, roles: ['volunteer', 'leader'] },
  { title: '我的服务记录', hint: '每次服务的时长和认定情况，开具志愿服务证明', url: ROUTES.volunteer.records, roles: ['volunteer', 'leader'] },
  { title: '入队审核', hint: '审核志愿者的入队申请', url: ROUTES.volunteer.approvals, roles: ['leader', 'manager', 'admin'] },
  { title: '派单台', hint: '待派的点单，按等待时间排序', url: ROUTES.manager.queue, roles: ['manager', 'admin'] },
  { title: '订单总览', hint: '本单位及下级的全部订单，可筛选、搜索', url: ROUTES.manager.overview, roles: ['manager', 'admin'] },
  { title: '回访', hint: '低分评价的回访，到期和超时的在前', url: ROUTES.manager.followUps, roles: ['manager'] },
  { title: '服务菜单', hint: '维护本单位的服务菜单', url: ROUTES.manager.menu, roles: ['manager', 'admin'] },
  { title: '志愿服务队', hint: '维护本单位的志愿服务队', url: ROUTES.manager.teams, roles: ['manager', 'admin'] },
  { title: '统计', hint: '点单、服务、志愿者的数字和每一单的去向', url: ROUTES.stats.summary, roles: ['manager', 'admin'] },
  { title: '时限设置', hint: '派单、接单、评单的等待时限', url: ROUTES.manager.limits, roles: ['manager', 'admin'] },
  { title: '导出报表', hint: '台账、点单明细、志愿者统计、14534报表', url: ROUTES.manager.export, roles: ['manager', 'admin'] },
  { title: '人员与角色', hint: '查找人员，授予或撤销管理员、代办员', url: ROUTES.manager.people, roles: ['admin'] },
  { title: '积分超市', hint: '用积分兑换日用品，凭码到站点领取', url: ROUTES.mall.shop, roles: EVERYONE },
  { title: '商品管理', hint: '积分超市的商品、库存和核销', url: ROUTES.mall.goods, roles: ['manager', 'admin'] },
  { title: '核销兑换码', hint: '扫码或输入兑换码，交付商品', url: ROUTES.mall.fulfil, roles: ['manager', 'admin'] },
  { title: '光荣榜', hint: '本月积分排名、年度评选', url: ROUTES.honors.leaderboard, roles: EVERYONE },
  { title: '公示栏', hint: '已完成的服务，点赞和社会评分', url: ROUTES.public.wall, roles: EVERYONE },
  { title: '加入志愿服务队', hint: '申请成为志愿者', url: ROUTES.volunteer.teams, roles: EVERYONE },
]

export function entriesFor(roles: readonly Role[]): Entry[] {
  return ENTRIES.filter((e) => e.roles.some((r) => roles.includes(r)))
}
