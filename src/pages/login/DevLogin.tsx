import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrgUnit, Role } from '~types/domain'
import { ROLE_LABELS } from '~types/labels'
import { setToken } from '../../services/auth'
import * as catalog from '../../services/catalog'
import { devLogin, listDemoUsers, type DemoUser } from '../../services/devAuth'
import { toApiCallError } from '../../services/transport'
import { useSession } from '../../stores/session'
import { roleOf } from '../../lib/roles'

const HOME_URL = '/pages/home/index'

/** Each demo user is listed once, under the most senior role they hold. */
const ROLE_ORDER: Role[] = ['admin', 'manager', 'leader', 'volunteer', 'proxy', 'resident']

type Load =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; users: DemoUser[]; unitNames: Map<string, string> }

function primaryRole(user: DemoUser): Role {
  return ROLE_ORDER.find((r) => user.roles.includes(r)) ?? 'resident'
}

function unitLabel(user: DemoUser, names: Map<string, string>): string {
  if (!user.orgUnitId) return '未选择所在站点'
  return names.get(user.orgUnitId) ?? ''
}

/** Unit names are a nicety: the list still shows when the tree cannot be read before signing in. */
async function unitNames(): Promise<Map<string, string>> {
  let units: OrgUnit[] = []
  try {
    units = (await catalog.tree()) ?? []
  } catch {
    units = []
  }
  return new Map(units.map((u) => [u.id, u.name]))
}

/** H5 development login of the local host: pick a seeded demo user. */
export default function DevLogin() {
  const [load, setLoad] = useState<Load>({ status: 'loading' })
  const [signingIn, setSigningIn] = useState<string | null>(null)
  const [signInError, setSignInError] = useState('')

  const fetchUsers = useCallback(async () => {
    setLoad({ status: 'loading' })
    try {
      const [users, names] = await Promise.all([listDemoUsers(), unitNames()])
      setLoad({ status: 'ready', users, unitNames: names })
    } catch (err) {
      setLoad({ status: 'error', message: toApiCallError(err).message })
    }
  }, [])

  useEffect(() => {
    void fetchUsers()
  }, [fetchUsers])

  const signIn = async (user: DemoUser) => {
    if (signingIn) return
    setSigningIn(user.openid)
    setSignInError('')
    try {
      const { token } = await devLogin(user.openid)
      useSession.getState().logout()
      setToken(token)
      await Taro.reLaunch({ url: HOME_URL })
    } catch (err) {
      setSignInError(toApiCallError(err).message)
    } finally {
      setSigningIn(null)
    }
  }

  return (
    <View className='login__dev'>
      <View className='login__banner'>
        <Text className='login__title'>开发登录（仅本地演示）</Text>
        <Text className='login__hint'>开发登录只在本机开发和演示时出现：点一位演示用户即可登录。微信小程序里直接用微信身份登录，不会看到这一页。</Text>
      </View>

      {load.status === 'loading' && (
        <View className='card state'>
          <Text className='state__text'>正在加载演示用户…</Text>
        </View>
      )}

      {load.status === 'error' && (
        <View className='card state state--error'>
          <Text className='state__text'>{load.message}</Text>
          <Button className='btn btn--primary' onClick={() => void fetchUsers()}>
            重试
          </Button>
        </View>
      )}

      {load.status === 'ready' && load.users.length === 0 && (
        <View className='card state'>
          <Text className='state__text'>还没有演示用户</Text>
          <Text className='muted'>请确认本地服务已导入演示数据后再试。</Text>
          <Button className='btn login__retry' onClick={() => void fetchUsers()}>
            刷新
          </Button>
        </View>
      )}

      {signInError && (
        <View className='login__error'>
          <Text>{signInError}</Text>
        </View>
      )}

      {load.status === 'ready' &&
        ROLE_ORDER.map((role) => {
          const group = load.users.filter((u) => primaryRole(u) === role)
          if (group.length === 0) return null
          return (
            <View key={role} className='login__group'>
              <Text className='login__group-title'>{ROLE_LABELS[role]}</Text>
              {group.map((user) => (
                <View
                  key={user.openid}
                  className={`card login__user${signingIn === user.openid ? ' login__user--busy' : ''}`}
                  {...roleOf('button')}
                  onClick={() => void signIn(user)}
                >
                  <View className='login__user-head'>
                    <Text className='login__user-name'>{user.name}</Text>
                    {signingIn === user.openid && <Text className='muted'>正在登录…</Text>}
                  </View>
                  <View className='login__roles'>
                    {user.roles.map((r) => (
                      <Text key={r} className='chip'>
                        {ROLE_LABELS[r]}
                      </Text>
                    ))}
                  </View>
                  {unitLabel(user, load.unitNames) && <Text className='muted'>{unitLabel(user, load.unitNames)}</Text>}
                </View>
              ))}
            </View>
          )
        })}
    </View>
  )
}
