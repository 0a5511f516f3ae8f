export default defineAppConfig({
  pages: ['pages/home/index', 'pages/login/index'],
  window: {
    navigationBarTitleText: '四单志愿服务',
    navigationBarBackgroundColor: '#C8102E',
    navigationBarTextStyle: 'white',
    backgroundColor: '#F7F3EE',
    backgroundTextStyle: 'dark',
  },
})
