/**
 * Every page of the app, by role. app.config.ts lists the same pages (Taro reads that file statically, so it
 * cannot import this one); test/ui/routes.test.ts keeps the two in step.
 */
export const ROUTES = {
  home: '/pages/home/index',
  login: '/pages/login/index',
  me: '/pages/me/index',
  inbox: '/pages/inbox/index',
  resident: {
    menu: '/packages/resident/pages/menu/index',
    place: '/packages/resident/pages/place/index',
    orders: '/packages/resident/pages/orders/index',
    order: '/packages/resident/pages/order/index',
    rate: '/packages/resident/pages/rate/index',
  },
  volunteer: {
    tasks: '/packages/volunteer/pages/tasks/index',
    task: '/packages/volunteer/pages/task/index',
    complete: '/packages/volunteer/pages/complete/index',
    points: '/packages/volunteer/pages/points/index',
    teams: '/packages/volunteer/pages/teams/index',
    approvals: '/packages/volunteer/pages/approvals/index',
    /** 我的服务记录 and 开具志愿服务证明 */
    records: '/packages/volunteer/pages/records/index',
  },
  manager: {
    queue: '/packages/manager/pages/queue/index',
    order: '/packages/manager/pages/order/index',
    menu: '/packages/manager/pages/menu/index',
    teams: '/packages/manager/pages/teams/index',
    limits: '/packages/manager/pages/limits/index',
    /** county admins only (linked from 我的) */
    audit: '/packages/manager/pages/audit/index',
    export: '/packages/manager/pages/export/index',
    overview: '/packages/manager/pages/overview/index',
    people: '/packages/manager/pages/people/index',
    followUps: '/packages/manager/pages/follow-ups/index',
  },
  honors: {
    leaderboard: '/packages/honors/pages/leaderboard/index',
  },
  stats: {
    summary: '/packages/stats/pages/summary/index',
    /** 回头看 (issue 11): a month's orders without a resolved outcome (?month=2026-03) */
    lookBack: '/packages/stats/pages/look-back/index',
  },
  public: {
    /** 证明核验 (?serial=…), for anyone without signing in */
    verify: '/packages/public/pages/verify/index',
    /** 公示栏 (issue 11): served orders, likes and 社会评分; for everyone, on H5 without signing in too */
    wall: '/packages/public/pages/wall/index',
  },
  /** 签到码 (issue 10): a subpackage of its own, with the QR library, for whoever shows the code */
  checkin: {
    code: '/packages/checkin/pages/code/index',
  },
  mall: {
    shop: '/packages/mall/pages/shop/index',
    mine: '/packages/mall/pages/mine/index',
    goods: '/packages/mall/pages/goods/index',
    fulfil: '/packages/mall/pages/fulfil/index',
  },
  /** 使用帮助, for everyone */
  help: {
    guide: '/packages/help/pages/guide/index',
  },
} as const

/** A route with its query: withQuery(ROUTES.resident.order, { id }) → '/packages/…/index?id=…' */
export function withQuery(route: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
  return parts.length ? `${route}?${parts.join('&')}` : route
}
