import path from 'node:path'
import { createSqliteStores } from '~adapters/sqlite'
import { policyFromEnv } from '~core/config'
import { FUNCTIONS } from '~functions/registry'
import type { Deps } from '~functions/shared/deps'
import { createTokenSigner } from './auth'
import { demoCounty } from './demo-county'
import { buildServer } from './server'

export interface HostConfig {
  port: number
  host: string
  dbFile: string
  devLogin: boolean
  cronIntervalMs: number
  staticDir: string
}

export function hostConfigFromEnv(env: NodeJS.ProcessEnv, root: string): HostConfig {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dbFile: env.SIDAN_DB ?? path.join(root, '.data', 'sidan.db'),
    devLogin: env.SIDAN_DEV_LOGIN !== '0',
    cronIntervalMs: Number(env.SIDAN_CRON_INTERVAL_MS ?? 60_000),
    staticDir: path.join(root, 'dist-h5'),
  }
}

/** Opens the store (seeding an empty one with the demo county), builds the server and starts the scheduled job. */
export async function startHost(config: HostConfig, env: NodeJS.ProcessEnv = process.env) {
  const stores = createSqliteStores({ filename: config.dbFile })
  const policy = policyFromEnv(env)
  if (await stores.seed.isEmpty()) await stores.seed.importData(demoCounty(policy.limits))
  const deps: Deps = { ...stores, policy, clock: () => new Date() }
  const app = buildServer({ deps, signer: createTokenSigner(env.SIDAN_SECRET), devLogin: config.devLogin, staticDir: config.staticDir })
  await app.listen({ port: config.port, host: config.host })
  const runCron = () => FUNCTIONS.cron.handle({ action: 'run' }, { openid: null, source: 'system' }, deps)
  const timer = config.cronIntervalMs > 0 ? setInterval(() => void runCron(), config.cronIntervalMs) : null
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
