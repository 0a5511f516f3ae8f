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
      ],
    },
    // 光荣榜, for everyone: a subpackage of its own, so no one loads the manager pages for it
    { root: 'packages/honors', pages: ['pages/leaderboard/index'] },
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
