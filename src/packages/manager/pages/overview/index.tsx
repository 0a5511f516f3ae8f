import { useEffect, useMemo } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import VirtualList from '~src/components/VirtualList'
import { useListPage } from '~src/hooks/useListPage'
import { useLoad } from '~src/hooks/useLoad'
import { ROUTES, withQuery } from '~src/routes'
import * as catalog from '~src/services/catalog'
import { useManagedUnit } from '../../useManagedUnit'
import Filters from './Filters'
import OverviewCard, { OVERVIEW_CARD_HEIGHT } from './OverviewCard'
import { useOverview, useOverviewFilters } from './store'
import './index.scss'

/**
 * 订单总览: every order of the manager's unit and below, by status tab, with filters (unit, theme, dates, 超时,
 * search) and either order; a card opens the manager's order page. What each card says comes from the server.
 */
export default function Overview() {
  const list = useListPage(useOverview)
  const filters = useOverviewFilters()
  const { unitId, units, unitName } = useManagedUnit()
  const themes = useLoad(() => catalog.themes())
  useEffect(() => {
    // once, when the page opens
    void themes.reload()
  }, [])
  const subtree = useMemo(
    () =>
      units
        .filter((u) => unitId && u.path.includes(unitId))
        .sort((a, b) => a.path.length - b.path.length || a.path.join('/').localeCompare(b.path.join('/'))),
    [units, unitId],
  )
  const now = new Date()

  return (
    <Screen className='overview'>
      <View className='card overview__head'>
        <Text className='overview__unit'>{unitName || '订单总览'}</Text>
        {list.status === 'ready' && (
          <Text className='muted'>
            {list.items.length}
            {list.nextCursor ? '+' : ''} 单
          </Text>
        )}
      </View>
      <Filters filters={filters} units={subtree} themes={themes.data ?? []} />
      <StateView
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={list.items.length === 0}
        emptyText='没有符合条件的订单'
        emptyHint='换个状态或筛选条件试试，下拉可刷新'
      >
        <VirtualList
          items={list.items}
          keyOf={(o) => o.id}
          itemHeight={OVERVIEW_CARD_HEIGHT}
          renderItem={(o) => (
            <OverviewCard order={o} now={now} onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.manager.order, { id: o.id }) })} />
          )}
        />
        {list.loadingMore && <Text className='muted'>加载中…</Text>}
        {list.error && <Text className='field-error'>{list.error}</Text>}
      </StateView>
    </Screen>
  )
}
