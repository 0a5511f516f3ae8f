import type { PropsWithChildren } from 'react'
import { Button, Text, View } from '@tarojs/components'
import './index.scss'

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error'

interface Props {
  status: LoadStatus
  /** the error in Chinese, as the API said it */
  error?: string
  onRetry?: () => void
  /** true when the data is there but holds nothing */
  empty?: boolean
  emptyText?: string
  emptyHint?: string
  loadingText?: string
}

/**
 * The four states of anything loaded from the network: loading (a skeleton), error (the message and 重试),
 * empty (what it means and what to do), and the data itself (children).
 */
export default function StateView({
  status,
  error,
  onRetry,
  empty = false,
  emptyText = '这里还没有内容',
  emptyHint,
  loadingText = '加载中…',
  children,
}: PropsWithChildren<Props>) {
  if (status === 'idle' || status === 'loading') {
    return (
      <View className='card state-view' aria-busy='true'>
        <View className='skeleton skeleton--line state-view__title' />
        <View className='skeleton skeleton--line' />
        <View className='skeleton skeleton--block' />
        <Text className='muted'>{loadingText}</Text>
      </View>
    )
  }
  if (status === 'error') {
    return (
      <View className='card state state--error' role='alert'>
        <Text className='state__text'>{error || '加载失败，请稍后再试'}</Text>
        {onRetry && (
          <Button className='btn btn--primary' onClick={onRetry}>
            重试
          </Button>
        )}
      </View>
    )
  }
  if (empty) {
    return (
      <View className='card state'>
        <Text className='state__text'>{emptyText}</Text>
        {emptyHint && <Text className='muted'>{emptyHint}</Text>}
      </View>
    )
  }
  return <>{children}</>
}
