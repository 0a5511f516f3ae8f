export default definePageConfig({ navigationBarTitleText: '志愿服务队管理', enablePullDownRefresh: true })
