import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { InboxMessage } from '~types/domain'
import { NOTIFICATION_KINDS } from '~types/labels'
import Screen from '../../components/Screen'
import StateView from '../../components/StateView'
import VirtualList from '../../components/VirtualList'
import { useListPage } from '../../hooks/useListPage'
import { fromNow } from '../../lib/time'
import * as inbox from '../../services/inbox'
import { toApiCallError } from '../../services/transport'
import { useInbox, useUnread } from '../../stores/inbox'
import { usePrefs } from '../../stores/prefs'
import { linkOf } from './links'
import './index.scss'
import { roleOf } from '../../lib/roles'

// a row: the sign and title, two lines of text, the kind and when (design px, 大字模式 larger)
const ROW_HEIGHT = 330
const ROW_HEIGHT_LARGE = 420

/** 消息: what happened to my orders and tasks, newest first; a tap opens the order and marks the message read. */
export default function Inbox() {
  const list = useListPage(useInbox)
  const unread = useUnread((s) => s.unread)
  const largeText = usePrefs((s) => s.largeText)

  const markRead = async (ids: string[] | 'all') => {
    try {
      const { unread: left } = await inbox.read(ids === 'all' ? { all: true } : { ids })
      useUnread.setState({ unread: left })
      const at = new Date().toISOString()
      for (const m of useInbox.getState().items) {
        if (!m.readAt && (ids === 'all' || ids.includes(m.id))) useInbox.getState().replace({ ...m, readAt: at })
      }
    } catch (err) {
      void Taro.showToast({ title: toApiCallError(err).message, icon: 'none' })
    }
  }

  const open = (message: InboxMessage) => {
    if (!message.readAt) void markRead([message.id])
    const url = linkOf(message)
    if (url) void Taro.navigateTo({ url })
  }

  return (
    <Screen className='inbox'>
      <StateView
        status={list.status}
        error={list.error}
        onRetry={() => void list.reload()}
        empty={list.items.length === 0}
        emptyText='还没有消息'
        emptyHint='点单、派单、接单有了进展，都会在这里告诉您'
      >
        {unread > 0 && (
          <View className='inbox__head'>
            <Text>{unread} 条未读</Text>
            <Button className='btn inbox__all' onClick={() => void markRead('all')}>
              全部已读
            </Button>
          </View>
        )}
        <VirtualList
          items={list.items}
          keyOf={(m) => m.id}
          itemHeight={largeText ? ROW_HEIGHT_LARGE : ROW_HEIGHT}
          renderItem={(m) => {
            const kind = NOTIFICATION_KINDS[m.kind]
            return (
              <View
                className={`card inbox__item inbox__item--${kind.tone}${m.readAt ? '' : ' inbox__item--unread'}`}
                // named by what it reads (title, 未读, text, kind, when): a label of its own would say it otherwise
                {...roleOf('link')}
                onClick={() => open(m)}
              >
                <View className='inbox__item-head'>
                  <Text className='inbox__sign' aria-hidden='true'>
                    {kind.sign}
                  </Text>
                  <Text className='inbox__title'>{m.title}</Text>
                  {!m.readAt && <Text className='inbox__new'>未读</Text>}
                </View>
                <Text className='inbox__text'>{m.text}</Text>
                <View className='inbox__foot'>
                  <Text className='inbox__kind'>{kind.label}</Text>
                  <Text className='muted'>{fromNow(m.at)}</Text>
                </View>
              </View>
            )
          }}
        />
        {list.loadingMore && <Text className='muted'>正在加载更多…</Text>}
      </StateView>
    </Screen>
  )
}
