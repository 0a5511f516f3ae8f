import type { ContentCheck, TextScene } from '~core/ports'

/** The part of wx-server-sdk's `cloud.openapi` content security uses (the function's config.json must allow both). */
export interface SecurityApi {
  security: {
    msgSecCheck(args: { content: string; version: 2; scene: number; openid: string }): Promise<{
      errCode?: number
      errMsg?: string
      result?: { suggest: 'pass' | 'review' | 'risky'; label: number }
    }>
    mediaCheckAsync(args: { mediaUrl: string; mediaType: 2; version: 2; scene: number; openid: string }): Promise<{ errCode?: number; errMsg?: string; traceId?: string }>
  }
}

/** msgSecCheck v2's scenes. */
export const SCENES: Record<TextScene, number> = { profile: 1, comment: 2, forum: 3, social: 4 }
/** msgSecCheck takes at most 2,500 characters a call. */
export const TEXT_MAX = 2500

const UNAVAILABLE = '内容安全检测暂不可用'

/**
 * WeChat content security through wx-server-sdk (`cloud.openapi.security.*`, the same API as security.msgSecCheck
 * and security.mediaCheckAsync over HTTP). A text is rejected when WeChat suggests `risky` or `review`; an image's
 * verdict arrives later as the `wxa_media_check` message push (routed to the order function, see the README). v2
 * needs the author's openid (someone who opened the mini-program in the last 2 hours): without one, or when the API
 * fails, the text is `unchecked` (logged) rather than refused, so a platform hiccup does not stop a service.
 */
export function createWechatContentCheck(api: SecurityApi, log: (msg: string) => void = (m) => console.warn(m)): ContentCheck {
  return {
    async checkText(text, scene, openid) {
      if (!openid) return { result: 'unchecked', reason: UNAVAILABLE }
      try {
        const res = await api.security.msgSecCheck({ content: text.slice(0, TEXT_MAX), version: 2, scene: SCENES[scene], openid })
        if (res.errCode && res.errCode !== 0) throw new Error(`${res.errCode} ${res.errMsg ?? ''}`)
        const suggest = res.result?.suggest
        if (suggest === 'pass') return { result: 'pass' }
        if (suggest === 'risky' || suggest === 'review') return { result: 'reject', reason: `label ${res.result?.label ?? '?'}` }
        throw new Error('no suggestion in the answer')
      } catch (e) {
        log(`[content-check] msgSecCheck failed: ${(e as Error).message}`)
        return { result: 'unchecked', reason: UNAVAILABLE }
      }
    },
    async checkImage({ url, scene, openid }) {
      if (!openid) return { status: 'unchecked', reason: UNAVAILABLE }
      try {
        const res = await api.security.mediaCheckAsync({ mediaUrl: url, mediaType: 2, version: 2, scene: SCENES[scene], openid })
        if ((res.errCode && res.errCode !== 0) || !res.traceId) throw new Error(`${res.errCode ?? ''} ${res.errMsg ?? 'no trace id'}`)
        return { status: 'pending', traceId: res.traceId }
      } catch (e) {
        log(`[content-check] mediaCheckAsync failed: ${(e as Error).message}`)
        return { status: 'unchecked', reason: UNAVAILABLE }
      }
    },
  }
}
