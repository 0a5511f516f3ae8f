import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { FOLLOW_UP_OUTCOME_LABELS } from '~types/labels'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useListPage } from '~src/hooks/useListPage'
import { roleOf } from '~src/lib/roles'
import { formatTime } from '~src/lib/time'
import { ROUTES, withQuery } from '~src/routes'
import { FOLLOW_UP_TABS, type FollowUpRow, useFollowUps, useFollowUpTab } from './store'
import type { FollowUpStatus } from '~types/domain'
import './index.scss'

const EMPTY: Record<FollowUpStatus, string> = { open: '没有待回访的评价', overdue: '没有超时的回访', closed: '还没有已回访的记录' }

function FollowUpCard({ item, onOpen }: { item: FollowUpRow; onOpen: () => void }) {
  return (
    <View className='card follow-ups__card' {...roleOf('link')} onClick={onOpen}>
      <View className='follow-ups__head'>
        <Text className='follow-ups__title'>{item.title}</Text>
        <Text className={`chip${item.overdue ? ' follow-ups__late' : ''}`}>
          {item.status === 'closed' ? '已回访' : item.overdue ? '已超时' : '待回访'}
        </Text>
      </View>
      <Text>
        {item.stars}星 · {item.resident} · {item.unitName}
      </Text>
      {item.comment !== '' && <Text className='muted'>“{item.comment}”</Text>}
      <Text className='muted'>
        {item.status === 'closed'
          ? `回访结果：${item.outcome ? FOLLOW_UP_OUTCOME_LABELS[item.outcome] : ''}`
          : `请在${formatTime(item.dueAt)}前回访${item.attempts > 0 ? `（已联系${item.attempts}次）` : ''}`}
      </Text>
    </View>
  )
}

/**
 * 回访 (issue 11): the follow-ups of the manager's unit and below, by tab (待回访 / 已超时 / 已回访), soonest due
 * first; a card opens the manager's order page, where the call-back is recorded. What each card says comes from the
 * server.
 */
export default function FollowUps() {
  const list = useListPage(useFollowUps)
  const tab = useFollowUpTab((s) => s.tab)
  const pick = (key: FollowUpStatus) => {
    if (key === tab) return
    useFollowUpTab.setState({ tab: key })
    useFollowUps.getState().reset()
    void useFollowUps.getState().reload()
  }

  return (
    <Screen className='follow-ups'>
      <View className='follow-ups__tabs'>
        {FOLLOW_UP_TABS.map((t) => (
          <Text key={t.key} className={`chip follow-ups__tab${tab === t.key ? ' follow-ups__tab--on' : ''}`} {...roleOf('button', { on: tab === t.key })} onClick={() => pick(t.key)}>
            {t.label}
          </Text>
        ))}
      </View>
      <StateView
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={list.items.length === 0}
        emptyText={EMPTY[tab]}
        emptyHint='居民评价较低时会出现在这里，下拉可刷新'
      >
        {list.items.map((i) => (
          <FollowUpCard key={i.id} item={i} onOpen={() => void Taro.navigateTo({ url: withQuery(ROUTES.manager.order, { id: i.orderId }) })} />
        ))}
        {list.error && <Text className='field-error'>{list.error}</Text>}
        {list.loadingMore ? (
          <Text className='muted'>加载中…</Text>
        ) : (
          list.nextCursor && (
            <Button className='btn' onClick={() => void useFollowUps.getState().loadMore()}>
              加载更多
            </Button>
          )
        )}
      </StateView>
    </Screen>
  )
}
