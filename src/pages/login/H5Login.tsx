import { useCallback, useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { SignInMethods } from '~types/api'
import Screen from '../../components/Screen'
import { ROUTES } from '../../routes'
import * as signIn from '../../services/signIn'
import { toApiCallError } from '../../services/transport'
import DevLogin from './DevLogin'
import PasswordLogin from './PasswordLogin'
import Register from './Register'

type Methods = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; methods: SignInMethods }
type Tab = 'login' | 'register'

/**
 * H5 on the local host: 登录 and 注册 with a phone and a password, and, when the host has it on, the development
 * login below them. Which are on is the host's answer (one request), never guessed here.
 */
export default function H5Login() {
  const [load, setLoad] = useState<Methods>({ status: 'loading' })
  const [tab, setTab] = useState<Tab>('login')

  const fetchMethods = useCallback(async () => {
    setLoad({ status: 'loading' })
    try {
      setLoad({ status: 'ready', methods: await signIn.signInMethods() })
    } catch (err) {
      setLoad({ status: 'error', message: toApiCallError(err).message })
    }
  }, [])

  useEffect(() => {
    void fetchMethods()
  }, [fetchMethods])

  if (load.status !== 'ready') {
    return (
      <Screen className='login'>
        {load.status === 'loading' ? (
          <View className='card state'>
            <Text className='state__text'>正在加载…</Text>
          </View>
        ) : (
          <View className='card state state--error'>
            <Text className='state__text'>{load.message}</Text>
            <Button className='btn btn--primary' onClick={() => void fetchMethods()}>
              重试
            </Button>
          </View>
        )}
      </Screen>
    )
  }

  return (
    <Screen className='login'>
      {load.methods.password && (
        <>
          <View className='login__tabs' role='tablist'>
            {(
              [
                ['login', '登录'],
                ['register', '注册'],
              ] as const
            ).map(([key, label]) => (
              <View
                key={key}
                role='tab'
                aria-selected={tab === key}
                className={`login__tab${tab === key ? ' login__tab--on' : ''}`}
                onClick={() => setTab(key)}
              >
                <Text>{label}</Text>
              </View>
            ))}
          </View>
          {tab === 'login' ? <PasswordLogin /> : <Register />}
        </>
      )}
      {load.methods.devLogin && <DevLogin />}
      {/* the 公示栏 reads without signing in (a station's screen in its hall) */}
      <Button className='btn' onClick={() => void Taro.navigateTo({ url: ROUTES.public.wall })}>
        不登录，先看公示栏
      </Button>
    </Screen>
  )
}
