export default definePageConfig({ navigationBarTitleText: '四单志愿服务' })
