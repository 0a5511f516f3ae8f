import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderItem, OrderView } from '~types/api'
import OrderCard, { ORDER_CARD_HEIGHT } from '~src/components/OrderCard'
import Screen from '~src/components/Screen'
import StateView, { type LoadStatus } from '~src/components/StateView'
import VirtualList from '~src/components/VirtualList'
import { useListPage } from '~src/hooks/useListPage'
import { formatTime } from '~src/lib/time'
import { ROUTES, withQuery } from '~src/routes'
import { useSession } from '~src/stores/session'
import { tasksStore } from '~src/stores/volunteer'
import { claimedBy, placesLeft } from '../../places'
import './index.scss'

type Tab = 'open' | 'mine'

const time = (iso: string | null) => (iso ? Date.parse(iso) : Number.POSITIVE_INFINITY)

/** Nearest preferred time first, orders without a time after them, then the one waiting longest. */
function byNearestTime(a: OrderView, b: OrderView): number {
  return time(a.preferredAt) - time(b.preferredAt) || time(a.createdAt) - time(b.createdAt)
}

function JoinTeams() {
  return (
    <Button className='btn tasks__join' onClick={() => void Taro.navigateTo({ url: ROUTES.volunteer.teams })}>
      加入志愿服务队
    </Button>
  )
}

/** 任务大厅: what I can still claim (the server's offer says so; nearest time first) and what I have claimed. */
export default function Tasks() {
  const list = useListPage(tasksStore)
  const session = useSession()
  const [tab, setTab] = useState<Tab>('open')

  useDidShow(() => {
    if (useSession.getState().status === 'idle') void session.login()
  })

  const me = session.profile?.id
  const groups: Record<Tab, OrderItem[]> = me
    ? {
        open: list.items.filter((o) => o.actions.includes('claim')).sort(byNearestTime),
        mine: list.items.filter((o) => claimedBy(o, me)),
      }
    : { open: [], mine: [] }
  const sessionFailed = session.status === 'error'
  const status: LoadStatus = sessionFailed ? 'error' : me ? list.status : 'loading'
  const shown = groups[tab]
  const checkedAt = list.loadedAt

  return (
    <Screen className='tasks'>
      <StateView
        status={status}
        error={sessionFailed ? session.error : list.error}
        onRetry={() => void (sessionFailed ? session.login() : list.reload())}
      >
        {list.items.length === 0 ? (
          (session.profile?.teamIds.length ?? 0) > 0 ? (
            <View className='card state'>
              <Text className='state__text'>现在没有等待接单的任务</Text>
              <Text className='muted tasks__hint'>
                {checkedAt ? `${formatTime(checkedAt)} 查看过。` : ''}中心派给您所在{session.profile!.teamIds.length}支队伍的任务会出现在这里，下拉可刷新
              </Text>
            </View>
          ) : (
            <View className='card state'>
              <Text className='state__text'>暂时没有派给您队伍的任务</Text>
              <Text className='muted tasks__hint'>加入志愿服务队后，中心派给队伍的任务会出现在这里</Text>
              <JoinTeams />
            </View>
          )
        ) : (
          <>
            <View className='tasks__tabs' role='tablist'>
              {(['open', 'mine'] as const).map((t) => (
                <View
                  key={t}
                  role='tab'
                  aria-selected={tab === t}
                  className={`tasks__tab${tab === t ? ' tasks__tab--active' : ''}`}
                  onClick={() => setTab(t)}
                >
                  {t === 'open' ? '可接单' : '我接的'}（{groups[t].length}）
                </View>
              ))}
            </View>
            {shown.length === 0 ? (
              <View className='card state'>
                <Text className='state__text'>{tab === 'open' ? '暂时没有可接的任务' : '您还没有接单'}</Text>
              </View>
            ) : (
              <VirtualList
                items={shown}
                keyOf={(o) => o.id}
                itemHeight={ORDER_CARD_HEIGHT}
                renderItem={(o) => (
                  <OrderCard
                    order={o}
                    onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.volunteer.task, { id: o.id }) })}
                    extra={
                      <Text className='tasks__extra'>
                        {placesLeft(o)} · {o.preferredAt ? formatTime(o.preferredAt) : '时间可商量'}
                      </Text>
                    }
                  />
                )}
              />
            )}
            {list.loadingMore && <Text className='muted tasks__more'>正在加载更多…</Text>}
          </>
        )}
      </StateView>
      {status === 'error' && list.errorCode === 'FORBIDDEN' && <JoinTeams />}
    </Screen>
  )
}
