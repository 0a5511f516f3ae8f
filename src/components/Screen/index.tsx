import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { usePrefs } from '../../stores/prefs'
import TitleBar from '../TitleBar'

/**
 * Every page's root: the base type and, when 大字模式 is on, the larger sizes for everything inside; on H5 the
 * title bar (WeChat draws its own).
 */
export default function Screen({ className = '', children }: PropsWithChildren<{ className?: string }>) {
  const largeText = usePrefs((s) => s.largeText)
  return (
    <View className={`screen${largeText ? ' screen--large' : ''} ${className}`.trim()}>
      {process.env.TARO_ENV === 'h5' && <TitleBar />}
      {children}
    </View>
  )
}
