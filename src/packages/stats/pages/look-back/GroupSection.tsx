import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { LOOK_BACK_LABELS, LOOK_BACK_PAGE, type LookBackGroup } from '~types/look-back'
import StatusChip from '~src/components/StatusChip'
import { roleOf } from '~src/lib/roles'
import { formatTime } from '~src/lib/time'
import { ROUTES, withQuery } from '~src/routes'

interface Props {
  group: LookBackGroup
  loadingMore: boolean
  onMore: () => void
}

/** One group of 回头看: its count and hint, then its orders, each opening the manager's order page. */
export default function GroupSection({ group, loadingMore, onMore }: Props) {
  const label = LOOK_BACK_LABELS[group.reason]
  const rest = group.count - group.items.length
  return (
    <View className='card look-back__group' aria-label={`${label.title}${group.count}单`}>
      <View className='look-back__group-head'>
        <Text className='look-back__group-title'>{label.title}</Text>
        <Text className={`look-back__count${group.count > 0 ? ' look-back__count--some' : ''}`}>{group.count}单</Text>
      </View>
      <Text className='muted'>{label.hint}</Text>
      {group.count === 0 && <Text className='look-back__none'>没有这类点单</Text>}
      {group.items.map((item) => (
        <View
          key={item.orderId}
          className='look-back__item'
          {...roleOf('link', { label: `${item.title}，${item.detail}` })}
          onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.manager.order, { id: item.orderId }) })}
        >
          <View className='look-back__item-head'>
            <Text className='look-back__item-title'>{item.title}</Text>
            <StatusChip status={item.status} />
          </View>
          <Text>{item.detail}</Text>
          <Text className='muted'>
            {item.unitName} · 点单于{formatTime(item.createdAt)}
          </Text>
        </View>
      ))}
      {group.nextCursor &&
        (loadingMore ? (
          <Text className='muted'>加载中…</Text>
        ) : (
          <Button className='btn' onClick={onMore}>
            {rest > 0 ? `再看${Math.min(LOOK_BACK_PAGE, rest)}单` : '加载更多'}
          </Button>
        ))}
    </View>
  )
}
