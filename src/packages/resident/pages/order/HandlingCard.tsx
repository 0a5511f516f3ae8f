import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderHandling, OrderView } from '~types/api'
import { formatTime } from '~src/lib/time'

/** read at call time, so tests can switch platforms */
const isWeapp = () => process.env.TARO_ENV === 'weapp'

/** The one sentence of who handles the order and by when, from what the server said (never recomputed here). */
export function handlingSentence(order: Pick<OrderView, 'status'>, h: OrderHandling): string {
  const unit = h.unitName || '实践站'
  if (h.status !== order.status || !h.next || !h.dueAt) return `这一单由${unit}负责。`
  return h.next === 'dispatch'
    ? `这一单由${unit}安排，${formatTime(h.dueAt)}前会派给志愿服务队。`
    : `这一单已派给志愿服务队，由${unit}跟进，${formatTime(h.dueAt)}前会有志愿者接单。`
}

/** 谁来办: the sentence, the handling station's phone with 联系站点, and (weapp) 客服. */
export default function HandlingCard({ order, handling }: { order: OrderView; handling: OrderHandling }) {
  const call = () => void Taro.makePhoneCall({ phoneNumber: handling.phone }).catch(() => undefined)
  return (
    <View className='card order__handling'>
      <Text className='field-label'>谁来办</Text>
      <Text className='order__line'>{handlingSentence(order, handling)}</Text>
      {handling.phone ? (
        <Text className='order__line'>
          站点电话 {handling.phone}
        </Text>
      ) : (
        <Text className='muted'>站点还没有登记电话</Text>
      )}
      <View className='actions'>
        {handling.phone && (
          <Button className='btn btn--primary' onClick={call}>
            联系站点
          </Button>
        )}
        {isWeapp() && (
          <Button className='btn' openType='contact'>
            客服
          </Button>
        )}
      </View>
    </View>
  )
}
