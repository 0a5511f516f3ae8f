import type { PolicyConfig } from '~core/config'
import type { SubscribeChannel } from '~core/notify'
import type { ContentCheck, FileStorage, Stores } from '~core/ports'

/**
 * What a function needs from the outside world, the store ports among them; the cloud entry and the local host each
 * provide it. A use case reads only the ports it uses (`deps.orders`, `deps.users` …).
 */
export type Deps = Stores & {
  policy: PolicyConfig
  clock: () => Date
  /** WeChat subscribe messages (the cloud entry); absent locally, where a no-op records that nothing was sent */
  subscribe?: SubscribeChannel
  /** where exports are kept (cloud storage on WeChat, a data folder locally); export.create needs it */
  files?: FileStorage
  /** where certificates' PDFs are kept (cloud storage `certificates/`, a data folder locally); certificate.issue needs it */
  certificateFiles?: FileStorage
  /** the public verification page a certificate's QR code opens, `?serial=…` appended (SIDAN_VERIFY_URL) */
  verifyUrlBase?: string
  /**
   * Server secrets: `checkin` keys the check-in codes (order.checkinCode). The local host derives it from its own
   * signing secret; on CloudBase it is SIDAN_CHECKIN_SECRET. Without it, check-in refuses to work (never a default).
   */
  secrets?: { checkin?: string }
  /** where activity photos are kept (the orders' folder of cloud storage on WeChat, `uploads/` locally) */
  photoFiles?: FileStorage
  /**
   * content security on what others will read (issue 10): WeChat's on the cloud; absent, the local one, which
   * judges nothing and says so (本地未检测)
   */
  contentCheck?: ContentCheck
}

/** Who is calling: a client with the platform's openid (null if none), or the platform's scheduler. */
export interface CallContext {
  openid: string | null
  source: 'client' | 'system'
}
