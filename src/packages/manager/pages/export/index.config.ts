export default definePageConfig({ navigationBarTitleText: '导出报表' })
