export default definePageConfig({ navigationBarTitleText: '加入志愿服务队', enablePullDownRefresh: true })
