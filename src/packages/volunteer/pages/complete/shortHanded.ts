import Taro from '@tarojs/taro'
import type { OrderView } from '~types/api'
import { shortHanded, shortHandedText } from '~types/rules'

/**
 * Before completing an order that fewer volunteers claimed than it needed (types/rules.ts shortHanded), ask: the
 * completion will say so on the order. Answers true to go on (at once when the order had all its volunteers).
 */
export async function confirmShortHanded(order: Pick<OrderView, 'capacity' | 'claims'>): Promise<boolean> {
  const gap = shortHanded(order)
  if (!gap) return true
  const { confirm } = await Taro.showModal({
    title: '人数不足，确定完成？',
    content: `这一单${shortHandedText(gap)}。提交后订单上会注明。`,
    confirmText: '确定完成',
    cancelText: '再等等',
  })
  return confirm
}
