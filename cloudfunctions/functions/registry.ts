import { catalogFunction } from './catalog/actions'
import { cronFunction } from './cron/actions'
import { inboxFunction } from './inbox/actions'
import type { CloudFunction } from './shared/define'
import { orderFunction } from './order/actions'
import { pointsFunction } from './points/actions'
import { statsFunction } from './stats/actions'
import { userFunction } from './user/actions'

/** Every deployable function by name: the local host routes to these, build:cloud bundles each. */
export const FUNCTIONS: Record<string, CloudFunction> = {
  user: userFunction,
  catalog: catalogFunction,
  order: orderFunction,
  points: pointsFunction,
  cron: cronFunction,
  stats: statsFunction,
  inbox: inboxFunction,
}
