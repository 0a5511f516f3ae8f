import { tmpdir } from 'node:os'
import path from 'node:path'
import { createDiskFiles } from '~adapters/disk/files'
import { createSqliteStores } from '~adapters/sqlite'
import { policyFromEnv, SIGN_IN } from '~core/config'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import { createTokenSigner } from './auth'
import { recordCronRun } from './dev-cron'
import { demoCounty } from './demo-county'
import { type IpRateLimit, ipRateLimitFromEnv } from './ip-rate-limit'
import { isLoopbackAddress } from './loopback'
import { createDevClock, loadDevClock } from './dev-clock'
import { checkinSecretOf, loadSecret } from './secret'
import { buildServer } from './server'
import { type TrustProxy, trustProxyFromEnv } from './trust-proxy'

export interface HostConfig {
  port: number
  host: string
  dbFile: string
  devLogin: boolean
  cronIntervalMs: number
  staticDir: string
  /** the origin the H5 build sends API calls to, when not this host (SIDAN_API_BASE) */
  apiBase?: string
  /** requests per address on /api/* (SIDAN_RATE_PER_IP, SIDAN_RATE_PER_IP_LOOPBACK); unset: DEFAULT_IP_RATE_LIMIT */
  ipRateLimit?: IpRateLimit
  /** how long a sign-in session lasts, in days (SIDAN_SESSION_DAYS; default SIGN_IN.sessionDays, 30) */
  sessionDays?: number
  /** the proxies believed about the client's address (SIDAN_TRUST_PROXY, trust-proxy.ts); unset: none */
  trustProxy?: TrustProxy
}

function trustProxyOf(raw: string | undefined): TrustProxy {
  try {
    return trustProxyFromEnv(raw)
  } catch (e) {
    throw new HostConfigError(
      `SIDAN_TRUST_PROXY 应是反向代理的层数（如 1）或代理的地址（如 127.0.0.1，可用逗号分隔多个）：现在是 "${raw}"。\n${(e as Error).message}`,
    )
  }
}

/** A configuration the host refuses to start with; its message (Chinese, then English) says what to change. */
export class HostConfigError extends Error {}

/**
 * The host's configuration from the environment. Development login is on when `SIDAN_DEV_LOGIN=1`, off when `0`;
 * unset, it follows `devLoginByDefault` (main.ts: on for `npm start`, off for `npm run serve`) on a loopback HOST,
 * and is off on any other.
 */
export function hostConfigFromEnv(env: NodeJS.ProcessEnv, root: string, devLoginByDefault = false): HostConfig {
  const host = env.HOST ?? '127.0.0.1'
  const flag = env.SIDAN_DEV_LOGIN
  if (flag !== undefined && flag !== '0' && flag !== '1') {
    throw new HostConfigError(`SIDAN_DEV_LOGIN 只能是 1（开启开发登录）或 0（关闭）：现在是 "${flag}"。\nSIDAN_DEV_LOGIN must be 1 or 0, not "${flag}".`)
  }
  return {
    port: Number(env.PORT ?? 3000),
    host,
    dbFile: env.SIDAN_DB ?? path.join(root, '.data', 'sidan.db'),
    devLogin: flag === undefined ? devLoginByDefault && isLoopbackAddress(host) : flag === '1',
    cronIntervalMs: Number(env.SIDAN_CRON_INTERVAL_MS ?? 60_000),
    staticDir: path.join(root, 'dist-h5'),
    ...(env.SIDAN_API_BASE ? { apiBase: env.SIDAN_API_BASE } : {}),
    ipRateLimit: ipRateLimitFromEnv(env),
    sessionDays: sessionDaysFromEnv(env.SIDAN_SESSION_DAYS),
    trustProxy: trustProxyOf(env.SIDAN_TRUST_PROXY),
  }
}

function sessionDaysFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return SIGN_IN.sessionDays
  const days = Number(raw)
  if (!Number.isFinite(days) || days <= 0 || days > 3650) {
    throw new HostConfigError(`SIDAN_SESSION_DAYS 应是 1 到 3650 之间的天数：现在是 "${raw}"。\nSIDAN_SESSION_DAYS must be a number of days (0 < days ≤ 3650), not "${raw}".`)
  }
  return days
}

/** Throws HostConfigError for a configuration that would be unsafe or cannot work. */
export function checkHostConfig(config: HostConfig): void {
  if (config.devLogin && !isLoopbackAddress(config.host)) {
    throw new HostConfigError(
      `开发登录只能在本机地址（127.0.0.1、::1、localhost）上开启：HOST=${config.host} 会让局域网里的任何人以管理员身份登录。` +
        '请去掉 SIDAN_DEV_LOGIN=1，或把 HOST 设为 127.0.0.1。\n' +
        `Refusing to start: development login is on and HOST=${config.host} is not a loopback address; ` +
        'anyone who can reach it could sign in as any user. Unset SIDAN_DEV_LOGIN or set HOST=127.0.0.1.',
    )
  }
  if (config.devLogin && config.trustProxy !== undefined && config.trustProxy !== false) {
    throw new HostConfigError(
      '开发登录不能在反向代理之后开启：设置了 SIDAN_TRUST_PROXY，经代理转发的任何人都可能以管理员身份登录。' +
        '请去掉 SIDAN_DEV_LOGIN=1（或 SIDAN_TRUST_PROXY）。\n' +
        'Refusing to start: development login is on behind a reverse proxy (SIDAN_TRUST_PROXY is set); ' +
        'anyone the proxy forwards could sign in as any user. Unset SIDAN_DEV_LOGIN or SIDAN_TRUST_PROXY.',
    )
  }
  if (config.apiBase !== undefined) {
    let protocol = ''
    try {
      protocol = new URL(config.apiBase).protocol
    } catch {
      // reported below
    }
    if (protocol !== 'http:' && protocol !== 'https:') {
      throw new HostConfigError(
        `SIDAN_API_BASE 应是完整的网址（如 https://api.example.com）：现在是 "${config.apiBase}"。\n` +
          `SIDAN_API_BASE must be an http(s) URL, not "${config.apiBase}".`,
      )
    }
  }
}

/** Opens the store (seeding an empty one with the demo county), builds the server and starts the scheduled job. */
export async function startHost(config: HostConfig, env: NodeJS.ProcessEnv = process.env) {
  checkHostConfig(config)
  const stores = createSqliteStores({ filename: config.dbFile })
  const policy = policyFromEnv(env)
  if (await stores.seed.isEmpty()) await stores.seed.importData(demoCounty(policy.limits))
  // exports live beside the database (.data/exports/), or in a temporary folder for an in-memory one
  const files = createDiskFiles(config.dbFile === ':memory:' ? path.join(tmpdir(), `sidan-exports-${process.pid}`) : path.join(path.dirname(config.dbFile), 'exports'))
  // activity photos likewise (.data/uploads/), served only through GET /api/files/<id>
  const photoFiles = createDiskFiles(config.dbFile === ':memory:' ? path.join(tmpdir(), `sidan-uploads-${process.pid}`) : path.join(path.dirname(config.dbFile), 'uploads'))
  // certificates' PDFs beside the database too (.data/certificates/); the QR code opens this host's verification page
  const certificateFiles = createDiskFiles(
    config.dbFile === ':memory:' ? path.join(tmpdir(), `sidan-certificates-${process.pid}`) : path.join(path.dirname(config.dbFile), 'certificates'),
    '/api/certificates/',
  )
  const verifyUrlBase = env.SIDAN_VERIFY_URL || `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}/#/packages/public/pages/verify/index`
  // with development login, the clock POST /api/dev/clock moves forward (kept in the store across restarts)
  const devClock = config.devLogin ? createDevClock() : undefined
  if (devClock) await loadDevClock(stores.jobs, devClock)
  const secret = loadSecret(env.SIDAN_SECRET, config.dbFile)
  const secrets = { checkin: checkinSecretOf(secret) }
  const deps: Deps = { ...stores, policy, clock: devClock ? devClock.now : () => new Date(), files, certificateFiles, verifyUrlBase, secrets }
  const app = buildServer({
    exportFiles: files,
    certificateFiles,
    photoFiles,
    deps,
    devClock,
    signer: createTokenSigner(secret),
    devLogin: config.devLogin,
    staticDir: config.staticDir,
    apiBase: config.apiBase,
    ipRateLimit: config.ipRateLimit,
    sessionDays: config.sessionDays,
    trustProxy: config.trustProxy,
  })
  try {
    await app.listen({ port: config.port, host: config.host })
  } catch (e) {
    stores.close()
    throw e
  }
  const runCron = async () => {
    const envelope = await FUNCTIONS.cron.handle({ action: 'run' }, { openid: null, source: 'system' }, deps)
    if (envelope.ok) await recordCronRun(deps, (envelope.data as { now: string }).now)
  }
  const timer = config.cronIntervalMs > 0 ? setInterval(() => void runCron().catch((e) => app.log.error(e)), config.cronIntervalMs) : null
  timer?.unref()
  return {
    app,
    stores,
    async close() {
      if (timer) clearInterval(timer)
      await app.close()
      stores.close()
    },
  }
}
