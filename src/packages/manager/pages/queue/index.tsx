import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { OrderView } from '~types/api'
import OrderCard, { ORDER_CARD_HEIGHT } from '~src/components/OrderCard'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import VirtualList from '~src/components/VirtualList'
import { useListPage } from '~src/hooks/useListPage'
import { waited } from '~src/lib/time'
import { ROUTES, withQuery } from '~src/routes'
import { useQueue } from '~src/stores/manager'
import { useManagedUnit } from '../../useManagedUnit'
import { dispatchClock, useUnitLimits } from '../../useUnitLimits'
import './index.scss'
import { roleOf } from '~src/lib/roles'

/** 派单台: the orders waiting to be dispatched in the manager's subtree, the longest-waiting first. */
export default function Queue() {
  const { status, items, error, nextCursor, loadingMore, reload } = useListPage(useQueue)
  const { unitName, nameOf } = useManagedUnit()
  const limits = useUnitLimits(items.map((o) => o.orgUnitId))
  const now = new Date()

  const extra = (order: OrderView) => {
    const clock = dispatchClock(order, limits[order.orgUnitId], now)
    return (
      <View className='queue__extra'>
        <Text className='queue__waited'>
          {waited(order.createdAt, now)}
          {clock && ` · 时限${clock.hours}小时`}
          {nameOf(order.orgUnitId) && ` · ${nameOf(order.orgUnitId)}`}
        </Text>
        {clock?.overdue && <Text className='queue__overdue'>已超时</Text>}
      </View>
    )
  }

  return (
    <Screen className='queue'>
      <View className='card queue__head'>
        <Text className='queue__unit'>{unitName || '派单台'}</Text>
        <Text className='queue__link' {...roleOf('link')} onClick={() => void Taro.navigateTo({ url: ROUTES.manager.overview })}>
          订单总览 ›
        </Text>
        {status === 'ready' && (
          <Text className='muted'>
            待派 {items.length}
            {nextCursor ? '+' : ''} 单
          </Text>
        )}
      </View>
      <StateView
        status={status}
        error={error}
        onRetry={() => void reload()}
        empty={items.length === 0}
        emptyText='派单台暂时没有待派的点单'
        emptyHint='群众点单后会出现在这里，下拉可刷新'
      >
        <VirtualList
          items={items}
          keyOf={(o) => o.id}
          itemHeight={ORDER_CARD_HEIGHT}
          renderItem={(o) => (
            <OrderCard
              order={o}
              now={now}
              extra={extra(o)}
              onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.manager.order, { id: o.id }) })}
            />
          )}
        />
        {loadingMore && <Text className='muted'>加载中…</Text>}
        {error && <Text className='field-error'>{error}</Text>}
      </StateView>
    </Screen>
  )
}
