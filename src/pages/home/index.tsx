import { useEffect } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { LEVEL_LABELS, ROLE_LABELS } from '~types/labels'
import Screen from '../../components/Screen'
import { ROUTES } from '../../routes'
import { getToken } from '../../services/auth'
import { useUnread } from '../../stores/inbox'
import { useSession } from '../../stores/session'
import { entriesFor } from './entries'
import RecentOrders from './RecentOrders'
import './index.scss'
import { roleOf } from '../../lib/roles'

const LOGIN_URL = ROUTES.login
/** read at call time, so tests can switch platforms; the build still folds it to a constant */
const isH5 = () => process.env.TARO_ENV === 'h5'

export default function Home() {
  const { status, profile, unitName, unitLevel, error, errorCode, login, logout } = useSession()
  const unread = useUnread((s) => s.unread)

  useDidShow(() => {
    // H5 signs in through the development login; in WeChat the identity comes with every call.
    if (isH5() && !getToken()) {
      void Taro.redirectTo({ url: LOGIN_URL })
      return
    }
    const refreshBadge = () => void useUnread.getState().refresh()
    if (useSession.getState().status === 'idle') void login().then(refreshBadge)
    else refreshBadge()
  })

  useEffect(() => {
    // an expired or unknown H5 token: sign in again
    if (isH5() && status === 'error' && errorCode === 'UNAUTHENTICATED') {
      logout()
      void Taro.redirectTo({ url: LOGIN_URL })
    }
  }, [status, errorCode, logout])

  const switchAccount = () => {
    logout()
    void Taro.redirectTo({ url: LOGIN_URL })
  }

  if (status === 'error') {
    return (
      <Screen className='home'>
        <View className='card state state--error'>
          <Text className='state__text'>{error}</Text>
          <Button className='btn btn--primary' onClick={() => void login()}>
            重试
          </Button>
        </View>
        {isH5() && (
          <Button className='btn' onClick={switchAccount}>
            切换账号
          </Button>
        )}
      </Screen>
    )
  }

  if (status !== 'ready' || !profile) {
    return (
      <Screen className='home'>
        <View className='card'>
          <View className='skeleton skeleton--line home__skeleton-title' />
          <View className='skeleton skeleton--line' />
          <View className='skeleton skeleton--block' />
          <Text className='muted'>加载中…</Text>
        </View>
      </Screen>
    )
  }

  return (
    <Screen className='home'>
      <View className='card'>
        <Text className='home__greeting'>您好，{profile.name || '朋友'}</Text>
        <View className='home__roles'>
          {profile.roles.map((role) => (
            <Text key={role} className='chip'>
              {ROLE_LABELS[role]}
            </Text>
          ))}
        </View>
      </View>

      <View className='card'>
        <View className='home__row'>
          <Text className='home__label'>所在单位</Text>
          {unitName ? (
            <View className='home__value'>
              <Text className='home__unit'>{unitName}</Text>
              {unitLevel && !unitName.endsWith(LEVEL_LABELS[unitLevel]) && (
                <Text className='muted'>{LEVEL_LABELS[unitLevel]}</Text>
              )}
            </View>
          ) : (
            <Text className='home__value muted'>尚未选择所在站点</Text>
          )}
        </View>
        <View className='home__row'>
          <Text className='home__label'>志愿服务队</Text>
          <Text className='home__value'>
            {profile.teamIds.length > 0 ? `已加入 ${profile.teamIds.length} 支` : '尚未加入'}
          </Text>
        </View>
      </View>

      <RecentOrders />

      <View className='home__entries'>
        {entriesFor(profile.roles).map((entry) => (
          <View
            key={entry.url}
            className='card home__entry'
            hoverClass='home__entry--pressed'
            {...roleOf('link')}
            onClick={() => void Taro.navigateTo({ url: entry.url })}
          >
            <View className='home__entry-head'>
              <Text className='home__entry-title'>{entry.title}</Text>
              {entry.url === ROUTES.inbox && unread > 0 && <Text className='home__badge'>{unread > 99 ? '99+' : unread}</Text>}
            </View>
            <Text className='muted'>{entry.hint}</Text>
          </View>
        ))}
      </View>

      <Button className='btn' onClick={() => void Taro.navigateTo({ url: ROUTES.me })}>
        我的 · 大字模式
      </Button>
      <Button className='btn home__help' onClick={() => void Taro.navigateTo({ url: ROUTES.help.guide })}>
        使用帮助
      </Button>
    </Screen>
  )
}
