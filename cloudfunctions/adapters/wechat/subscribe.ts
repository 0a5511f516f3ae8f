import { chinaTime, SUBSCRIBE_TEMPLATES, type AppNotification, type SubscribeSend, type SubscribeTemplate, type User } from '~types'
import { WHO_IS_TOLD, type SubscribeChannel } from '~core/notify'
import type { Stores } from '~core/ports'

/** The part of wx-server-sdk's `cloud.openapi` this adapter uses. */
export interface OpenApi {
  subscribeMessage: {
    send(args: { touser: string; templateId: string; page: string; data: Record<string, { value: string }>; miniprogramState?: string }): Promise<{ errCode?: number; errMsg?: string }>
  }
}

/** Where a template field's value comes from. */
export type FieldSource = 'title' | 'phrase' | 'text' | 'at'

export interface TemplateConfig {
  templateId: string
  /** template field key (thing1, phrase2, time3 …) → what it shows */
  fields: Record<string, FieldSource>
}

export interface SubscribeConfig {
  templates: Partial<Record<SubscribeTemplate, TemplateConfig>>
  /** the page a message opens (must exist in the released version, else 41030) */
  page: string
  miniprogramState: 'formal' | 'trial' | 'developer'
}

const DEFAULT_FIELDS: Record<string, FieldSource> = { thing1: 'title', phrase2: 'phrase', time3: 'at', thing4: 'text' }
const ENV_NAMES: Record<SubscribeTemplate, string> = { orderProgress: 'ORDER_PROGRESS', newTask: 'NEW_TASK', reminder: 'REMINDER' }

/**
 * From the environment: SIDAN_SUBSCRIBE_<ORDER_PROGRESS|NEW_TASK|REMINDER>_ID (the template id from the mini-program
 * console; a template without one is never sent), SIDAN_SUBSCRIBE_<…>_FIELDS (JSON: field key → title | phrase | text
 * | at; default {"thing1":"title","phrase2":"phrase","time3":"at","thing4":"text"}), SIDAN_SUBSCRIBE_PAGE (default
 * pages/inbox/index), SIDAN_SUBSCRIBE_STATE (formal | trial | developer; default formal).
 */
export function subscribeConfigFromEnv(env: Record<string, string | undefined>): SubscribeConfig {
  const templates: SubscribeConfig['templates'] = {}
  for (const t of SUBSCRIBE_TEMPLATES) {
    const id = env[`SIDAN_SUBSCRIBE_${ENV_NAMES[t]}_ID`]
    if (!id) continue
    const raw = env[`SIDAN_SUBSCRIBE_${ENV_NAMES[t]}_FIELDS`]
    const fields = raw ? (JSON.parse(raw) as Record<string, FieldSource>) : DEFAULT_FIELDS
    for (const [key, source] of Object.entries(fields)) {
      if (!['title', 'phrase', 'text', 'at'].includes(source)) throw new Error(`SIDAN_SUBSCRIBE_${ENV_NAMES[t]}_FIELDS: ${key} has unknown source ${source}`)
    }
    templates[t] = { templateId: id, fields }
  }
  const state = env.SIDAN_SUBSCRIBE_STATE
  return {
    templates,
    page: env.SIDAN_SUBSCRIBE_PAGE || 'pages/inbox/index',
    miniprogramState: state === 'trial' || state === 'developer' ? state : 'formal',
  }
}

/** Characters allowed per field type (subscribeMessage.send; longer values fail with 47003). */
const MAX_CHARS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
}

/** A time as the platform's time field wants it, in China time: 2026年3月2日 09:00. */
export function platformTime(iso: string): string {
  const { year, month, day, hour, minute } = chinaTime(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${year}年${month}月${day}日 ${pad(hour)}:${pad(minute)}`
}

/** The value cut to what the field's type allows (thing ≤ 20 characters, phrase ≤ 5 …; time formatted). */
export function fieldValue(key: string, value: string): string {
  const type = key.replace(/\d+$/, '')
  if (type === 'time') return platformTime(value)
  if (type === 'date') return platformTime(value).split(' ')[0]
  const max = MAX_CHARS[type]
  const chars = [...value]
  if (max === undefined || chars.length <= max) return value
  // a phrase is a word: cut it; elsewhere show that text was left out
  return type === 'phrase' || type === 'symbol' ? chars.slice(0, max).join('') : chars.slice(0, max - 1).join('') + '…'
}

export function templateData(n: AppNotification, cfg: TemplateConfig): Record<string, { value: string }> {
  const source: Record<FieldSource, string> = { title: n.title, phrase: WHO_IS_TOLD[n.kind].phrase, text: n.text, at: n.at }
  return Object.fromEntries(Object.entries(cfg.fields).map(([key, from]) => [key, { value: fieldValue(key, source[from]) }]))
}

export const REASONS = {
  noGrant: '未订阅：该用户没有剩余的订阅次数',
  noTemplate: '未配置该订阅消息模板',
  noOpenid: '该用户没有微信身份',
  platform: (code: number, msg: string) => `微信平台拒绝发送（${code}）：${msg}`.slice(0, 120),
}

/** 43101: the user refused or has no grant left on the platform's side; the grant is gone either way. */
const GRANT_GONE = new Set([43101])

/**
 * WeChat subscribe messages. Per person and template it spends one grant, atomically and once per notification
 * (reserveSend of the notifications port, keyed `${notificationId}:${userId}`), before calling the platform; never sends without one; and
 * records every attempt with its outcome. A platform refusal other than 43101 gives the grant back (the platform did
 * not count it).
 */
export function createSubscribeChannel(opts: {
  openapi: OpenApi
  stores: Pick<Stores, 'notifications'>
  config: SubscribeConfig
}): SubscribeChannel {
  const { openapi, stores, config } = opts
  return {
    async send(n: AppNotification, user: User, at: string) {
      const template = WHO_IS_TOLD[n.kind].template
      const base: SubscribeSend = { id: `${n.id}:${user.id}`, notificationId: n.id, userId: user.id, template, outcome: 'skipped', reason: null, errCode: null, at }
      const cfg = config.templates[template]
      if (!cfg || !user.openid) {
        const reason = !cfg ? REASONS.noTemplate : REASONS.noOpenid
        return (await stores.notifications.recordSend({ ...base, reason })) ? 'skipped' : 'duplicate'
      }
      const reserved = await stores.notifications.reserveSend(base, REASONS.noGrant)
      if (reserved === 'duplicate') return 'duplicate'
      if (reserved === 'noGrant') return 'skipped'
      let errCode = 0
      let errMsg = ''
      try {
        const res = await openapi.subscribeMessage.send({
          touser: user.openid,
          templateId: cfg.templateId,
          page: `${config.page}${config.page.includes('?') ? '&' : '?'}orderId=${encodeURIComponent(n.orderId)}`,
          data: templateData(n, cfg),
          miniprogramState: config.miniprogramState,
        })
        errCode = Number(res?.errCode ?? 0)
        errMsg = String(res?.errMsg ?? '')
      } catch (e) {
        const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown }
        errCode = Number(err?.errCode ?? -1)
        errMsg = String(err?.errMsg ?? err?.message ?? '')
      }
      if (errCode === 0) {
        await stores.notifications.settleSend({ ...base, outcome: 'sent' }, false)
        return 'sent'
      }
      await stores.notifications.settleSend({ ...base, outcome: 'failed', reason: REASONS.platform(errCode, errMsg), errCode }, !GRANT_GONE.has(errCode))
      return 'failed'
    },
  }
}
