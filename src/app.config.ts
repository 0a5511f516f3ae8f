export default defineAppConfig({
  // main package: what everyone needs first; each role's pages are a subpackage, loaded when first opened
  pages: ['pages/home/index', 'pages/login/index', 'pages/me/index', 'pages/inbox/index'],
  subPackages: [
    {
      root: 'packages/resident',
      pages: ['pages/menu/index', 'pages/place/index', 'pages/orders/index', 'pages/order/index', 'pages/rate/index'],
    },
    {
      root: 'packages/volunteer',
      pages: [
        'pages/tasks/index',
        'pages/task/index',
        'pages/complete/index',
        'pages/points/index',
        'pages/teams/index',
        'pages/approvals/index',
        'pages/records/index',
      ],
    },
    {
      root: 'packages/manager',
      pages: [
        'pages/queue/index',
        'pages/order/index',
        'pages/menu/index',
        'pages/teams/index',
        'pages/limits/index',
        'pages/audit/index',
        'pages/export/index',
        'pages/overview/index',
        'pages/people/index',
        'pages/follow-ups/index',
      ],
    },
    // 光荣榜, for everyone: a subpackage of its own, so no one loads the manager pages for it
    { root: 'packages/honors', pages: ['pages/leaderboard/index'] },
    // the statistics page with its charts (ECharts): a subpackage of its own, so neither the main package nor the
    // manager's carries the chart library
    { root: 'packages/stats', pages: ['pages/summary/index', 'pages/look-back/index'] },
    // 证明核验, for anyone without signing in (the certificate's QR code opens it)
    { root: 'packages/public', pages: ['pages/verify/index', 'pages/wall/index'] },
    // 签到码 (issue 10): with the QR library, loaded only by whoever shows the code
    { root: 'packages/checkin', pages: ['pages/code/index'] },
    // 积分超市 (issue 12): the shelf, my redemptions, and for managers the goods and 核销
    { root: 'packages/mall', pages: ['pages/shop/index', 'pages/mine/index', 'pages/goods/index', 'pages/fulfil/index'] },
    // 使用帮助, for everyone (linked from home and 我的)
    { root: 'packages/help', pages: ['pages/guide/index'] },
  ],
  window: {
    navigationBarTitleText: '四单志愿服务',
    navigationBarBackgroundColor: '#C8102E',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F7F3EE',
    backgroundTextStyle: 'dark',
  },
})
