export default definePageConfig({ navigationBarTitleText: '完成服务' })
