import type { ContentCheck } from '~core/ports'

/** What the local host says of every text and photo: nothing judged them. */
export const NOT_CHECKED_LOCALLY = '本地未检测'

/**
 * The local host's content security: it has no WeChat to ask, so every text passes as `unchecked` and every photo
 * stays `unchecked` (private to the order's own people); each is logged once with its scene, so that the record
 * says it was not checked (本地未检测). Nothing else depends on WeChat.
 */
export function createLocalContentCheck(log: (msg: string) => void = () => {}): ContentCheck {
  return {
    async checkText(text, scene) {
      log(`[content-check] ${NOT_CHECKED_LOCALLY}: text (${scene}, ${text.length} characters)`)
      return { result: 'unchecked', reason: NOT_CHECKED_LOCALLY }
    },
    async checkImage({ scene }) {
      log(`[content-check] ${NOT_CHECKED_LOCALLY}: image (${scene})`)
      return { status: 'unchecked', reason: NOT_CHECKED_LOCALLY }
    },
  }
}
