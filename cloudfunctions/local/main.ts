import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { hostConfigFromEnv, startHost } from './host'

const root = path.resolve(__dirname, '..', '..')
const config = hostConfigFromEnv(process.env, root)
if (config.dbFile !== ':memory:') mkdirSync(path.dirname(config.dbFile), { recursive: true })

startHost(config)
  .then((host) => {
    const url = `http://${config.host}:${config.port}/`
    console.log(`四单志愿服务 本地服务已启动：${url}`)
    console.log(`数据库：${config.dbFile}；开发登录：${config.devLogin ? '开启（仅限本地演示）' : '关闭'}`)
    const stop = () => void host.close().then(() => process.exit(0))
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  .catch((err) => {
    console.error('本地服务启动失败：', err)
    process.exit(1)
  })
