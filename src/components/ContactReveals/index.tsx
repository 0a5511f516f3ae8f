import { useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import { useLoad } from '../../hooks/useLoad'
import { formatTime } from '../../lib/time'
import * as orderApi from '../../services/order'
import StateView from '../StateView'
import './index.scss'

interface Props {
  orderId: string
  /** the section's title, in the reader's words: 谁看过我的电话和地址 (the resident), 谁看过群众的电话和地址 (a manager) */
  title: string
}

/**
 * Who has seen an order's phone and address (order.reveals): folded until the person opens it, so the order page
 * still loads with one request; then each viewer with their role and when, newest first.
 */
export default function ContactReveals({ orderId, title }: Props) {
  const [open, setOpen] = useState(false)
  const reveals = useLoad(() => orderApi.reveals(orderId))

  const toggle = () => {
    if (!open) void reveals.reload()
    setOpen(!open)
  }

  const items = reveals.data?.items ?? []
  return (
    <View className='card reveals'>
      <Button className='btn reveals__toggle' onClick={toggle}>
        {title}
        {open ? ' ▲' : ' ▼'}
      </Button>
      {open && (
        <StateView
          status={reveals.status}
          error={reveals.error}
          onRetry={() => void reveals.reload()}
          empty={items.length === 0}
          emptyText='还没有其他人看过'
          emptyHint='接单的志愿者和承办单位管理员查看时，这里会记下是谁、什么时候'
        >
          <View className='reveals__list'>
            {items.map((r, i) => (
              <View key={`${r.at}-${i}`} className='reveals__row'>
                <Text className='reveals__who'>{r.viewerName}</Text>
                <Text className='muted'>
                  {r.viewerRole} · {formatTime(r.at)}
                </Text>
              </View>
            ))}
          </View>
          <Text className='muted reveals__note'>同一人同一天多次查看只记一次。</Text>
        </StateView>
      )}
    </View>
  )
}
