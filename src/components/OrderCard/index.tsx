import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { OrderView } from '~types/api'
import { fromNow } from '../../lib/time'
import StatusChip from '../StatusChip'
import './index.scss'
import { roleOf } from '../../lib/roles'

export const ORDER_CARD_HEIGHT = 260

interface Props {
  order: OrderView
  /** a line of its own under the need: places left, time waited … */
  extra?: ReactNode
  onClick?: () => void
  now?: Date
}

/** One order in a list: what is needed, where, its status and how long ago it was placed. Fixed height. */
export default function OrderCard({ order, extra, onClick, now = new Date() }: Props) {
  return (
    <View className='card order-card' onClick={onClick} hoverClass='order-card--pressed' {...(onClick ? roleOf('link') : {})}>
      <View className='order-card__head'>
        <Text className='order-card__title'>{order.title}</Text>
        <StatusChip status={order.status} />
      </View>
      <Text className='order-card__need'>{order.need}</Text>
      <View className='order-card__foot'>
        <Text className='muted order-card__address'>{order.address}</Text>
        <Text className='muted'>{fromNow(order.createdAt, now)}</Text>
      </View>
      {extra && <View className='order-card__extra'>{extra}</View>}
    </View>
  )
}
