import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { usePrefs } from '../../stores/prefs'

/** Every page's root: the base type and, when 大字模式 is on, the larger sizes for everything inside. */
export default function Screen({ className = '', children }: PropsWithChildren<{ className?: string }>) {
  const largeText = usePrefs((s) => s.largeText)
  return <View className={`screen${largeText ? ' screen--large' : ''} ${className}`.trim()}>{children}</View>
}
