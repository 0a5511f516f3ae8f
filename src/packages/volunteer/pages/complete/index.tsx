import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { STATUS_LABELS } from '~types/labels'
import { schemas } from '~types/schemas'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useParam } from '~src/hooks/useParam'
import { ROUTES, withQuery } from '~src/routes'
import * as order from '~src/services/order'
import { toApiCallError } from '~src/services/transport'
import { tasksStore } from '~src/stores/volunteer'
import { useLoad } from '~src/hooks/useLoad'
import { useWrite } from '~src/hooks/useWrite'
import './index.scss'
import FormFooter from '~src/components/FormFooter'

const HOURS_MIN = 0.5
const HOURS_MAX = 24
const HOURS_STEP = 0.5
const NOTE_MAX = 200

/** 完成服务: how long it took, how many people were served, and a note; then the resident is asked to rate it. */
export default function Complete() {
  const orderId = useParam('id')
  const { status, data, error, reload } = useLoad(() => order.get(orderId))
  const { run, busy } = useWrite()
  const [hours, setHours] = useState(1)
  const [count, setCount] = useState('')
  const [note, setNote] = useState('')
  const [problem, setProblem] = useState('')

  useDidShow(() => void reload())

  const served = data?.order.beneficiaryCount
  useEffect(() => {
    if (served !== undefined) setCount(String(served))
  }, [served])

  const step = (delta: number) => setHours((h) => Math.min(HOURS_MAX, Math.max(HOURS_MIN, h + delta)))

  const submit = async () => {
    const payload = {
      orderId,
      hours,
      beneficiaryCount: count.trim() === '' ? undefined : Number(count),
      note: note.trim(),
    }
    const checked = schemas.order.complete.safeParse(payload)
    if (!checked.success) {
      setProblem(checked.error.issues[0].message)
      return
    }
    setProblem('')
    try {
      const result = await run('complete', (requestId) => order.complete({ ...checked.data, requestId }))
      if (!result) return
      tasksStore.getState().replace(result.order)
      void Taro.showToast({ title: '已提交，等待群众评单', icon: 'success' })
      void Taro.redirectTo({ url: withQuery(ROUTES.volunteer.task, { id: orderId }) })
    } catch (err) {
      setProblem(toApiCallError(err).message)
    }
  }

  const sending = busy('complete')

  return (
    <Screen className='complete'>
      <StateView status={status} error={error} onRetry={() => void reload()}>
        {data && (
          <>
            <View className='card'>
              <Text className='complete__title'>{data.order.title}</Text>
              <Text className='muted'>{data.order.need}</Text>
            </View>
            {data.actions.includes('complete') ? (
              <View className='card'>
                <Text className='field-label'>服务时长（小时）</Text>
                <View className='complete__stepper'>
                  <Button className='btn complete__step' disabled={hours <= HOURS_MIN} onClick={() => step(-HOURS_STEP)}>
                    −
                  </Button>
                  <Text className='complete__hours'>{hours}</Text>
                  <Button className='btn complete__step' disabled={hours >= HOURS_MAX} onClick={() => step(HOURS_STEP)}>
                    +
                  </Button>
                </View>
                <Text className='muted'>每次加减半小时，最多24小时</Text>

                <Text className='field-label'>服务人数</Text>
                <Input
                  className='input'
                  type='number'
                  value={count}
                  maxlength={5}
                  placeholder='这次服务了多少人'
                  onInput={(e) => setCount(e.detail.value)}
                />

                <Text className='field-label'>服务情况（选填）</Text>
                <Textarea
                  className='textarea'
                  value={note}
                  maxlength={NOTE_MAX}
                  placeholder='做了什么、群众有什么需要跟进的'
                  onInput={(e) => setNote(e.detail.value)}
                />
                <Text className='muted complete__count'>
                  {note.length}/{NOTE_MAX}
                </Text>

                <FormFooter
                  error={problem}
                  busy={sending}
                  label='提交完成'
                  onSubmit={() => void submit()}
                  errorClassName='complete__problem'
                />
              </View>
            ) : (
              <View className='card state'>
                <Text className='state__text'>这一单现在不能提交完成（{STATUS_LABELS[data.order.status]}）</Text>
                <Button
                  className='btn'
                  onClick={() => void Taro.redirectTo({ url: withQuery(ROUTES.volunteer.task, { id: orderId }) })}
                >
                  查看任务详情
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
    </Screen>
  )
}
