import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { useSession } from '../../stores/session'

const HOME_URL = '/pages/home/index'

/** Sign in with the WeChat identity, then go home. */
export default function CloudLogin() {
  const { status, error, login } = useSession()

  useEffect(() => {
    void login()
  }, [login])

  useEffect(() => {
    if (status === 'ready') void Taro.reLaunch({ url: HOME_URL })
  }, [status])

  return (
    <View className='screen login'>
      {status === 'error' ? (
        <View className='card state state--error'>
          <Text className='state__text'>{error}</Text>
          <Button className='btn btn--primary' onClick={() => void login()}>
            重试
          </Button>
        </View>
      ) : (
        <View className='card state'>
          <Text className='state__text'>正在登录…</Text>
        </View>
      )}
    </View>
  )
}
