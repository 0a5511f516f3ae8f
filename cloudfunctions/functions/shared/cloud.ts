import cloud from 'wx-server-sdk'
import { createCloudbaseStores } from '~adapters/cloudbase'
import { createWechatContentCheck, type SecurityApi } from '~adapters/wechat/content-check'
import { type CloudStorage, createCloudFiles } from '~adapters/wechat/files'
import { createSubscribeChannel, subscribeConfigFromEnv, type OpenApi } from '~adapters/wechat/subscribe'
import { policyFromEnv } from '~core/config'
import type { CloudFunction } from './define'
import type { Deps } from './deps'

/**
 * The WeChat Cloud entry of a function: identity from the platform context only (an openid in the payload is
 * ignored by the schemas), the CloudBase store, and timer-trigger events treated as the system.
 */
export function cloudMain(fn: CloudFunction) {
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  const stores = createCloudbaseStores(cloud.database())
  // subscribe messages need the function's config.json to allow openapi subscribeMessage.send (cron's does)
  const openapi = (cloud as unknown as { openapi: OpenApi }).openapi
  const subscribe = createSubscribeChannel({ openapi, stores, config: subscribeConfigFromEnv(process.env) })
  const files = createCloudFiles(cloud as unknown as CloudStorage)
  const certificateFiles = createCloudFiles(cloud as unknown as CloudStorage, 'certificates')
  const verifyUrlBase = process.env.SIDAN_VERIFY_URL || undefined
  // the check-in codes' key (order.checkinCode): a long random value set in the console for every function (README)
  const secrets = { checkin: process.env.SIDAN_CHECKIN_SECRET }
    const photoFiles = createCloudFiles(cloud as unknown as CloudStorage, 'orders')
  // content security needs the function's config.json to allow security.msgSecCheck and security.mediaCheckAsync
  const contentCheck = createWechatContentCheck(cloud.openapi as unknown as SecurityApi)
  const deps: Deps = { ...stores, policy: policyFromEnv(process.env), clock: () => new Date(), subscribe, files, certificateFiles, verifyUrlBase, secrets, photoFiles, contentCheck }
  return async (event: Record<string, unknown>) => {
    // The verdict of an image check (security.mediaCheckAsync) arrives as the wxa_media_check message push, which the
    // console's 消息推送 (云函数 mode: MsgType event, Event wxa_media_check) routes to the order function. Only its
    // trace id and suggestion are read; the trace id is known only to the server, so a forged push matches nothing.
    if (event?.MsgType === 'event' && event?.Event === 'wxa_media_check') {
      const suggest = (event.result as { suggest?: unknown } | undefined)?.suggest
      const verdict = { action: 'mediaVerdict', traceId: event.trace_id, suggest }
      return fn.handle(verdict, { openid: null, source: 'system' }, deps)
    }
    const { OPENID } = cloud.getWXContext()
    // A mini-program call always carries an openid, so a payload claiming to be the timer cannot pass as one.
    const isTimer = !OPENID && event?.Type === 'Timer'
    const payload = isTimer ? { action: 'run' } : event
    return fn.handle(payload, { openid: isTimer ? null : OPENID || null, source: isTimer ? 'system' : 'client' }, deps)
  }
}
