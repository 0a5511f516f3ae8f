export default definePageConfig({ navigationBarTitleText: '订单总览', enablePullDownRefresh: true })
