import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '~types/domain'
import { ACTION_LABELS } from '~types/labels'
import { formatTime, fromNow } from '../../lib/time'
import './index.scss'

/** Who did what and when to an order, newest first. */
export default function Timeline({ entries, now = new Date() }: { entries: TimelineEntry[]; now?: Date }) {
  const newestFirst = [...entries].reverse()
  return (
    <View className='timeline'>
      {newestFirst.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`timeline__item${i === 0 ? ' timeline__item--latest' : ''}`}>
          <View className='timeline__dot' />
          <View className='timeline__body'>
            <View className='timeline__head'>
              <Text className='timeline__action'>{ACTION_LABELS[e.action]}</Text>
              <Text className='muted'>{e.actorName}</Text>
            </View>
            {e.note && <Text className='timeline__note'>{e.note}</Text>}
            <Text className='muted'>
              {fromNow(e.at, now)} · {formatTime(e.at, now)}
            </Text>
          </View>
        </View>
      ))}
    </View>
  )
}
