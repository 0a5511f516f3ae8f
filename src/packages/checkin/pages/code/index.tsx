import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Image, Text, View } from '@tarojs/components'
import type { CheckinCodeAnswer } from '~types/api'
import Screen from '~src/components/Screen'
import StateView, { type LoadStatus } from '~src/components/StateView'
import { useParam } from '~src/hooks/useParam'
import * as order from '~src/services/order'
import { toApiCallError } from '~src/services/transport'
import { secondsLeft } from './countdown'
import { qrDataUrl } from './qr'
import './index.scss'

/**
 * 签到码: shown where the service happens by the resident, a manager or the team's leader. Volunteers scan the QR code
 * or type the six digits to check in and out; a new code comes every 30 s, with a countdown.
 */
export default function CheckinCode() {
  const orderId = useParam('id')
  const [status, setStatus] = useState<LoadStatus>('loading')
  const [error, setError] = useState('')
  const [shown, setShown] = useState<{ answer: CheckinCodeAnswer; receivedAt: number } | null>(null)
  const [now, setNow] = useState(Date.now())
  const fetching = useRef(false)

  const load = useCallback(async () => {
    if (fetching.current) return
    fetching.current = true
    try {
      const answer = await order.checkinCode(orderId)
      setShown({ answer, receivedAt: Date.now() })
      setStatus('ready')
      setError('')
    } catch (err) {
      setError(toApiCallError(err).message)
      setStatus('error')
    } finally {
      fetching.current = false
    }
  }, [orderId])

  useEffect(() => {
    // the phone stays lit while the code is shown (weapp; elsewhere the call is absent or refused)
    if (process.env.TARO_ENV === 'weapp') void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    void load()
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [load])

  const left = shown ? secondsLeft(shown.answer, shown.receivedAt, now) : 0
  useEffect(() => {
    if (shown && left === 0 && status === 'ready') void load()
  }, [left, shown, status, load])

  const code = shown?.answer.code ?? ''
  return (
    <Screen className='checkin-code'>
      <StateView status={status} error={error} onRetry={() => void load()}>
        {shown && (
          <View className='card checkin-code__card'>
            <Text className='checkin-code__hint'>请志愿者扫码或输入下面的数字签到、签退</Text>
            <Text className='checkin-code__digits' aria-label={`签到码 ${code.split('').join(' ')}`}>
              {code}
            </Text>
            {/* named on a wrapper: on H5 Taro's <img> inside the Image carries no alt */}
            <View role='img' aria-label='签到二维码'>
              <Image className='checkin-code__qr' src={qrDataUrl(code)} aria-hidden='true' mode='scaleToFill' />
            </View>
            <View className='checkin-code__countdown' role='timer'>
              {left > 0 ? `${left}秒后换新码` : '正在换新码…'}
            </View>
            <Text className='muted'>签到码每{shown.answer.periodSeconds}秒更新一次，截图无效</Text>
          </View>
        )}
      </StateView>
    </Screen>
  )
}
