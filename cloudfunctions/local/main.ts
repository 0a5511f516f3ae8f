import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { HostConfigError, hostConfigFromEnv, startHost } from './host'

const root = path.resolve(__dirname, '..', '..')

/** `--dev-login` (npm start): development login on by default, on a loopback HOST only. */
async function main() {
  const config = hostConfigFromEnv(process.env, root, process.argv.includes('--dev-login'))
  if (config.dbFile !== ':memory:') mkdirSync(path.dirname(config.dbFile), { recursive: true })
  const host = await startHost(config)
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/`
  console.log(`四单志愿服务 本地服务已启动：${url}`)
  console.log(`数据库：${config.dbFile}；开发登录：${config.devLogin ? '开启（仅限本机访问）' : '关闭'}`)
  const stop = () => void host.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((err) => {
  if (err instanceof HostConfigError) console.error(`本地服务拒绝启动 (refusing to start)：${err.message}`)
  else console.error('本地服务启动失败：', err)
  process.exit(1)
})
