import { type ReactNode, useMemo, useState } from 'react'
import Taro, { usePageScroll } from '@tarojs/taro'
import { View } from '@tarojs/components'

interface Props<T> {
  items: readonly T[]
  keyOf: (item: T) => string
  renderItem: (item: T) => ReactNode
  /** every row's height in design px (750 wide); rows must keep to it (ellipsis for long text) */
  itemHeight: number
  /** rows rendered above and below the visible ones */
  overscan?: number
  /** below this many rows everything is rendered */
  threshold?: number
}

/** design px → screen px on this phone (Taro's designWidth is 750) */
function toScreenPx(designPx: number): number {
  const width = Taro.getSystemInfoSync?.().windowWidth || 375
  return (designPx * width) / 750
}

/**
 * A long list that renders only the rows near the screen, over the page's own scroll (so pull-to-refresh and
 * 触底加载 keep working). Off-screen rows become two spacers: each scroll changes a few rows, not the whole list,
 * which keeps Taro's setData small on old phones.
 */
export default function VirtualList<T>({ items, keyOf, renderItem, itemHeight, overscan = 6, threshold = 40 }: Props<T>) {
  const [scrollTop, setScrollTop] = useState(0)
  const rowPx = useMemo(() => toScreenPx(itemHeight), [itemHeight])
  const windowed = items.length > threshold
  usePageScroll(({ scrollTop: top }) => {
    // re-render only when the first visible row changes
    if (windowed && Math.floor(top / rowPx) !== Math.floor(scrollTop / rowPx)) setScrollTop(top)
  })

  if (!windowed) {
    return (
      <View className='virtual-list'>
        {items.map((item) => (
          <View key={keyOf(item)}>{renderItem(item)}</View>
        ))}
      </View>
    )
  }
  const screenRows = Math.ceil((Taro.getSystemInfoSync?.().windowHeight || 800) / rowPx)
  const first = Math.max(0, Math.floor(scrollTop / rowPx) - overscan)
  const last = Math.min(items.length, first + screenRows + overscan * 2)
  return (
    <View className='virtual-list'>
      <View style={{ height: `${first * rowPx}px` }} />
      {items.slice(first, last).map((item) => (
        <View key={keyOf(item)} style={{ height: `${rowPx}px`, overflow: 'hidden' }}>
          {renderItem(item)}
        </View>
      ))}
      <View style={{ height: `${(items.length - last) * rowPx}px` }} />
    </View>
  )
}
