import type { FunctionName } from '~types'
import { catalogFunction } from './catalog/actions'
import { cronFunction } from './cron/actions'
import { inboxFunction } from './inbox/actions'
import type { CloudFunction } from './shared/define'
import { orderFunction } from './order/actions'
import { pointsFunction } from './points/actions'
import { statsFunction } from './stats/actions'
import { userFunction } from './user/actions'

/** What a function's config.json on WeChat Cloud says besides its code: timer triggers and openapi permissions. */
export interface DeployConfig {
  triggers?: Array<{ name: string; type: 'timer'; config: string }>
  openapi?: string[]
}

export interface Deployable {
  fn: CloudFunction
  deploy: DeployConfig
}

/**
 * Every deployable function, defined once: the local host and the tests route to `fn`; build:cloud bundles each
 * from its own `<name>/actions.ts` (export `<name>Function`, checked there) with only that function's code, and
 * writes `deploy` into its config.json.
 */
export const REGISTRY: Record<FunctionName, Deployable> = {
  user: { fn: userFunction, deploy: {} },
  catalog: { fn: catalogFunction, deploy: {} },
  order: { fn: orderFunction, deploy: {} },
  points: { fn: pointsFunction, deploy: {} },
  cron: {
    fn: cronFunction,
    deploy: {
      // every 5 minutes (7-field cron, UTC+8 on the platform)
      triggers: [{ name: 'sidanCron', type: 'timer', config: '0 */5 * * * * *' }],
      // the delivery run sends WeChat subscribe messages
      openapi: ['subscribeMessage.send'],
    },
  },
  stats: { fn: statsFunction, deploy: {} },
  inbox: { fn: inboxFunction, deploy: {} },
}

/** Every deployable function by name. */
export const FUNCTIONS: Record<string, CloudFunction> = Object.fromEntries(
  Object.entries(REGISTRY).map(([name, { fn }]) => [name, fn]),
)
