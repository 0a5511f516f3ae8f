import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderAnswer, TransitionActionName } from '~types/api'
import type { Claim } from '~types/domain'
import { ACTION_LABELS } from '~types/labels'
import { CHECKIN_CODE_DIGITS } from '~types/rules'
import BusyButton from '~src/components/BusyButton'
import Field from '~src/components/Field'
import { onSiteText } from '~src/components/ClaimsOnSite'

type SiteAction = Extract<TransitionActionName, 'checkIn' | 'checkOut'>

interface Props {
  /** what the server offers now: 签到 before the check-in, 签退 after it */
  actions: readonly TransitionActionName[]
  /** my claim on this order, when I have one */
  mine: Claim | undefined
  busy: (action: SiteAction) => boolean
  /** sends the code; answers the order, or null when it was refused (the page shows why) */
  onSubmit: (action: SiteAction, code: string) => Promise<OrderAnswer | null>
}

const digitsOf = (text: string) => text.replace(/\D/g, '').slice(0, CHECKIN_CODE_DIGITS)

/**
 * 现场签到 / 签退: scan the code the resident, the manager or the leader shows (weapp, camera only: a screenshot from
 * the album is refused), or type its six digits (weapp and H5). Offered only as the server says.
 */
export default function CheckInPanel({ actions, mine, busy, onSubmit }: Props) {
  const [code, setCode] = useState('')
  const action: SiteAction | null = actions.includes('checkIn') ? 'checkIn' : actions.includes('checkOut') ? 'checkOut' : null
  if (!action && !mine?.checkInAt) return null

  const send = async (typed: string) => {
    if (!action) return
    const answer = await onSubmit(action, typed)
    if (answer) setCode('')
  }

  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      const scanned = digitsOf(result)
      setCode(scanned)
      await send(scanned)
    } catch {
      // the person closed the camera: nothing to do
    }
  }

  const label = action ? ACTION_LABELS[action] : ''
  return (
    <View className='card task__site' aria-label='现场签到'>
      <Text className='task__site-title'>现场签到</Text>
      {mine && <Text className='task__site-state'>{onSiteText(mine)}</Text>}
      {action && (
        <>
          <Field
            label={`输入${CHECKIN_CODE_DIGITS}位签到码`}
            type='number'
            maxLength={CHECKIN_CODE_DIGITS}
            value={code}
            placeholder='请向群众、管理员或队长要签到码'
            onInput={(v) => setCode(digitsOf(v))}
          />
          <View className='actions'>
            {process.env.TARO_ENV === 'weapp' && (
              <Button className='btn btn--primary' disabled={busy(action)} onClick={() => void scan()}>
                扫码{label}
              </Button>
            )}
            <BusyButton kind='primary' busy={busy(action)} busyLabel={`正在${label}…`} onClick={() => void send(code)}>
              {label}
            </BusyButton>
          </View>
          {action === 'checkOut' && <Text className='muted'>完成服务前请先签退，时长才能按现场签到认定；可多次签退，以最后一次为准</Text>}
        </>
      )}
    </View>
  )
}
