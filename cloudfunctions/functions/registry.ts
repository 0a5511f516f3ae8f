import type { FunctionName } from '~types'
import { catalogFunction } from './catalog/actions'
import { certificateFunction } from './certificate/actions'
import { FONT_FILE, FONT_PACKAGE_PATH } from './certificate/font'
import { cronFunction } from './cron/actions'
import { exportFunction } from './export/actions'
import { inboxFunction } from './inbox/actions'
import { mallFunction } from './mall/actions'
import type { CloudFunction } from './shared/define'
import { orderFunction } from './order/actions'
import { pointsFunction } from './points/actions'
import { publicFunction } from './public/actions'
import { statsFunction } from './stats/actions'
import { userFunction } from './user/actions'

/**
 * What a function's config.json on WeChat Cloud says besides its code: timer triggers, openapi permissions, and a
 * longer timeout (seconds; the platform's default is 3, its maximum 60) or more memory (MB) for a heavy function.
 */
export interface DeployConfig {
  triggers?: Array<{ name: string; type: 'timer'; config: string }>
  openapi?: string[]
  timeout?: number
  memorySize?: number
  /**
   * npm packages this function alone may carry (with what they depend on); build:cloud fails a bundle that carries a
   * package no function names here, besides the shared ones (zod), or one another function names
   */
  libraries?: string[]
  /** files copied beside the bundle (from: a path under node_modules; to: a bare file name), e.g. a font */
  assets?: Array<{ from: string; to: string }>
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
  // content security of what others read (need, notes, comments) and of activity photos (issue 10)
  order: { fn: orderFunction, deploy: { openapi: ['security.msgSecCheck', 'security.mediaCheckAsync'] } },
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
  // 积分超市: goods, redemptions, 核销 (issue 12)
  mall: { fn: mallFunction, deploy: {} },
  // files a center files: exceljs (about 1 MB) rides in this bundle only; a year of a county takes seconds
  export: { fn: exportFunction, deploy: { timeout: 60, memorySize: 512, libraries: ['exceljs'] } },
  // 志愿服务证明: pdfkit, qrcode and the Chinese font (copied beside the bundle) ride in this bundle only
  certificate: {
    fn: certificateFunction,
    deploy: {
      timeout: 20,
      memorySize: 512,
      libraries: ['pdfkit', 'qrcode'],
      assets: [{ from: FONT_PACKAGE_PATH, to: FONT_FILE }],
    },
  },
  // what anyone may read without signing in (certificate verification, the 公示栏), and 社会评单's likes and ratings
  // (a public rating's comment goes through content security)
  public: { fn: publicFunction, deploy: { openapi: ['security.msgSecCheck'] } },
}

/** Every deployable function by name. */
export const FUNCTIONS: Record<string, CloudFunction> = Object.fromEntries(
  Object.entries(REGISTRY).map(([name, { fn }]) => [name, fn]),
)
