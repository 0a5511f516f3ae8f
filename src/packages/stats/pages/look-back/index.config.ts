export default definePageConfig({ navigationBarTitleText: '回头看', enablePullDownRefresh: true })
