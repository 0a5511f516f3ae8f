import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderView } from '~types/api'
import OrderCard, { ORDER_CARD_HEIGHT } from '~src/components/OrderCard'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import VirtualList from '~src/components/VirtualList'
import { useListPage } from '~src/hooks/useListPage'
import { ROUTES, withQuery } from '~src/routes'
import { useResidentOrders } from '~src/stores/resident'
import './index.scss'

/** 我的点单: every order I placed, newest first, with where it stands. */
export default function Orders() {
  const { status, items, error, nextCursor, loadingMore, reload, loadMore } = useListPage(useResidentOrders)
  const open = (o: OrderView) => void Taro.navigateTo({ url: withQuery(ROUTES.resident.order, { id: o.id }) })

  return (
    <Screen className='orders'>
      <StateView
        status={status}
        error={error}
        onRetry={() => void reload()}
        empty={items.length === 0}
        emptyText='还没有点单'
        emptyHint='有需要时，从服务菜单点一单，志愿者会上门服务'
      >
        <VirtualList
          items={items}
          keyOf={(o) => o.id}
          itemHeight={ORDER_CARD_HEIGHT}
          renderItem={(o) => <OrderCard order={o} onClick={() => open(o)} />}
        />
        <View className='orders__foot'>
          {loadingMore ? (
            <Text className='muted'>加载中…</Text>
          ) : error ? (
            <View className='orders__more-error'>
              <Text className='field-error'>{error}</Text>
              <Button className='btn' onClick={() => void loadMore()}>
                重试
              </Button>
            </View>
          ) : (
            !nextCursor && <Text className='muted'>没有更多了</Text>
          )}
        </View>
      </StateView>
      {status === 'ready' && items.length === 0 && (
        <Button className='btn btn--primary' onClick={() => void Taro.navigateTo({ url: ROUTES.resident.menu })}>
          去点单
        </Button>
      )}
    </Screen>
  )
}
