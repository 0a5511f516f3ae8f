/**
 * Content security (内容安全, issue 10): user text that others will read and activity photos. WeChat's
 * security.msgSecCheck (v2) and security.mediaCheckAsync on the cloud (adapters/wechat/content-check.ts); the local
 * host checks nothing and says so (本地未检测, adapters/local-content-check.ts). Not a database context: not in Stores.
 */

/** Where a text is published, as WeChat's msgSecCheck v2 scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type TextScene = 'profile' | 'comment' | 'forum' | 'social'

export type TextVerdict =
  | { result: 'pass' }
  | { result: 'reject'; reason: string }
  /** nothing judged it (the local host, or the check was unavailable): stored as written, said so */
  | { result: 'unchecked'; reason: string }

export type ImageSubmission =
  /** the verdict arrives later (a message push, applied by uploads.applyVerdict) */
  | { status: 'pending'; traceId: string }
  | { status: 'unchecked'; reason: string }

export interface ContentCheck {
  /** Judges one text (at most 2,500 characters) for the scene; `openid` is the author's, when WeChat knows them. */
  checkText(text: string, scene: TextScene, openid?: string | null): Promise<TextVerdict>
  /** Sends an image (fetchable at `url`) to be judged; the verdict comes later under the trace id answered. */
  checkImage(input: { url: string; scene: TextScene; openid?: string | null }): Promise<ImageSubmission>
}
