import { createLocalContentCheck } from '~adapters/local/content-check'
import { fail } from '~core/errors'
import type { ContentCheck, TextScene } from '~core/ports'
import type { Call } from './define'

const LOCAL = createLocalContentCheck()

/** The content security of this deployment: WeChat's on the cloud (shared/cloud.ts), else the local one (本地未检测). */
export function contentCheckOf(call: Call): ContentCheck {
  return call.deps.contentCheck ?? LOCAL
}

/**
 * Text that others will read goes through content security before anything is stored: each non-empty field is
 * judged (in parallel, one platform call each); a rejected one is INVALID_INPUT naming the field, and the action
 * stores nothing. `unchecked` (the local host, or the platform unavailable) lets it through.
 */
export async function requireFitText(call: Call, fields: ReadonlyArray<{ label: string; text: string | undefined; scene: TextScene }>): Promise<void> {
  const check = contentCheckOf(call)
  const present = fields.filter((f) => f.text && f.text.trim() !== '')
  if (present.length === 0) return
  const verdicts = await Promise.all(present.map((f) => check.checkText(f.text!, f.scene, call.ctx.openid)))
  const refused = verdicts.findIndex((v) => v.result === 'reject')
  if (refused >= 0) fail('INVALID_INPUT', `${present[refused].label}含有不宜公开的内容，请修改后再提交`)
}
