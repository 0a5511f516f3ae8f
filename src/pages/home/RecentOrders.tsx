import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderItem } from '~types/api'
import StatusChip from '../../components/StatusChip'
import { ROUTES, withQuery } from '../../routes'
import * as order from '../../services/order'

/** How many recent orders the home page offers 再来一单 for. */
export const RECENT_ORDERS = 3

/** The 点单 page for the same thing again: the item (or the theme and need), and for a proxy, the same person. */
export function repeatUrl(o: OrderItem): string {
  return withQuery(ROUTES.resident.place, {
    ...(o.menuItemId ? { menuItemId: o.menuItemId } : { themeId: o.themeId, need: o.need }),
    ...(o.onBehalfOf && { proxy: 1, for: o.onBehalfOf.name }),
  })
}

/**
 * 最近点单 on the home page: the person's last orders, each with 再来一单, so a repeat order is two taps from home
 * (再来一单, then 提交点单: the address and phone are remembered, the time is 尽快).
 */
export default function RecentOrders() {
  const [items, setItems] = useState<OrderItem[]>([])
  useEffect(() => {
    // only a nicety: without it the home page is as before
    order.listMine().then((page) => setItems(page.items.slice(0, RECENT_ORDERS)), () => setItems([]))
  }, [])
  if (items.length === 0) return null
  return (
    <View className='card home__recent'>
      <Text className='field-label'>最近点单</Text>
      {items.map((o) => (
        <View key={o.id} className='home__recent-row'>
          <View className='home__recent-text'>
            <Text className='home__recent-title'>{o.title}</Text>
            <View className='home__recent-meta'>
              <StatusChip status={o.status} />
              {o.onBehalfOf && <Text className='muted'>为{o.onBehalfOf.name}</Text>}
            </View>
          </View>
          <Button className='btn btn--primary home__again' onClick={() => void Taro.navigateTo({ url: repeatUrl(o) })}>
            再来一单
          </Button>
        </View>
      ))}
    </View>
  )
}
