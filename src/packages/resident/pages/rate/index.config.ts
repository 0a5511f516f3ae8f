export default definePageConfig({ navigationBarTitleText: '评单' })
