import Taro from '@tarojs/taro'
import type { SubscribeTemplate } from '~types/domain'
import * as user from '../services/user'

function templateIds(): Partial<Record<SubscribeTemplate, string>> {
  try {
    return JSON.parse(SUBSCRIBE_TEMPLATE_IDS) as Partial<Record<SubscribeTemplate, string>>
  } catch {
    return {}
  }
}

/**
 * In WeChat, ask the person to receive these subscribe messages (each "允许" lets the backend send one) and tell the
 * backend what they answered. Call it first thing in a tap handler: WeChat only shows the request on a tap. Outside
 * WeChat, or without configured templates, it does nothing; the in-app 消息 receives everything anyway.
 */
export async function askToSubscribe(templates: SubscribeTemplate[]): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return
  const ids = templateIds()
  const wanted = templates.filter((t) => ids[t])
  if (wanted.length === 0) return
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: wanted.map((t) => ids[t]!), entityIds: [] })) as unknown as Record<string, string>
    await user.grantSubscribe({ templates: wanted.map((t) => ({ template: t, accepted: answer[ids[t]!] === 'accept' })) })
  } catch {
    // refused, or the network failed: nothing is sent to WeChat, the inbox still has it
  }
}
