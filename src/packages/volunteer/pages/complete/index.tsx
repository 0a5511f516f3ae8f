import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { STATUS_LABELS } from '~types/labels'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useDraft } from '~src/hooks/useDraft'
import { draftKey } from '~src/lib/drafts'
import { useOrder } from '~src/hooks/useOrder'
import { useParam } from '~src/hooks/useParam'
import { useSubmit } from '~src/hooks/useSubmit'
import { ROUTES, withQuery } from '~src/routes'
import * as order from '~src/services/order'
import './index.scss'
import { returnTo } from '~src/lib/returnTo'
import PhotoPicker from './PhotoPicker'
import { usePhotoUploads } from './usePhotoUploads'
import { villageOf } from './village'
import { confirmShortHanded } from './shortHanded'

const HOURS = schemas.order.complete.shape.hours
const HOURS_MIN = HOURS.minValue ?? 0.5
const HOURS_MAX = HOURS.maxValue ?? 24
const HOURS_STEP = 0.5

const asNumber = (s: string) => (s.trim() === '' ? (undefined as unknown as number) : Number(s))

/**
 * 完成服务, the activity record (结项): how long it took, how many people were actually served (实际服务人数, apart
 * from the 服务人数 the resident asked for) and how many person-times (服务人次), where (服务地点, from the order's
 * village), photos (each uploaded on its own before the completion, which is one request), and a note.
 */
export default function Complete() {
  const orderId = useParam('id')
  const { status, data, error, reload, apply, onShow, recover } = useOrder(orderId)
  const completeForm = useSubmit(schemas.order.complete, order.complete, draftKey('complete', orderId))
  const photos = usePhotoUploads(orderId)
  const [hours, setHours] = useState(1)
  const [count, setCount] = useState('')
  const [visits, setVisits] = useState('')
  const [visitsEdited, setVisitsEdited] = useState(false)
  const [place, setPlace] = useState('')
  const [note, setNote] = useState('')
  const draft = useDraft('complete', orderId, { note, hours: hours === 1 ? 0 : hours }, (d) => {
    if (d.note) setNote(d.note)
    if (d.hours) setHours(d.hours)
  })

  useDidShow(onShow)

  const served = data?.order.beneficiaryCount
  const address = data?.order.address
  useEffect(() => {
    if (served !== undefined) setCount(String(served))
  }, [served])
  useEffect(() => {
    if (address !== undefined) setPlace((p) => p || villageOf(address))
  }, [address])
  // 服务人次 follows 实际服务人数 until the person types their own
  const shownVisits = visitsEdited ? visits : count

  const step = (delta: number) => setHours((h) => Math.min(HOURS_MAX, Math.max(HOURS_MIN, h + delta)))

  const submit = async () => {
    const answer = await completeForm.submit(
      {
        orderId,
        hours,
        beneficiaryCount: asNumber(count),
        visits: asNumber(shownVisits),
        place: place.trim(),
        photos: photos.ids,
        note: note.trim(),
      },
      {
        refuse: () => photos.problem,
        confirm: () => (data ? confirmShortHanded(data.order) : Promise.resolve(true)),
        settle: () => recover('complete'),
      },
    )
    if (!answer) return
    draft.clear()
    apply(answer)
    void Taro.showToast({ title: '已提交，等待群众评单', icon: 'success' })
    void returnTo(withQuery(ROUTES.volunteer.task, { id: orderId }))
  }

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
                  <Button className='btn complete__step' aria-label='减少半小时' disabled={hours <= HOURS_MIN} onClick={() => step(-HOURS_STEP)}>
                    −
                  </Button>
                  <Text className='complete__hours'>{hours}</Text>
                  <Button className='btn complete__step' aria-label='增加半小时' disabled={hours >= HOURS_MAX} onClick={() => step(HOURS_STEP)}>
                    +
                  </Button>
                </View>
                <Text className='muted'>每次加减半小时，最多24小时</Text>

                <Field
                  label='实际服务人数'
                  schema={schemas.order.complete}
                  name='beneficiaryCount'
                  type='number'
                  value={count}
                  placeholder='这次实际服务了多少人'
                  onInput={setCount}
                />
                <Text className='muted'>群众申请的服务人数：{data.order.beneficiaryCount}人</Text>

                <Field
                  label='服务人次'
                  schema={schemas.order.complete}
                  name='visits'
                  type='number'
                  value={shownVisits}
                  placeholder='服务了多少人次'
                  onInput={(v) => {
                    setVisitsEdited(true)
                    setVisits(v)
                  }}
                />
                <Text className='muted'>同一个人服务多次算多人次，不少于实际服务人数</Text>

                <Field
                  label='服务地点'
                  schema={schemas.order.complete}
                  name='place'
                  value={place}
                  placeholder='在哪里服务的，如滩尾村党群服务中心'
                  onInput={setPlace}
                />

                <PhotoPicker photos={photos.photos} full={photos.full} onAdd={() => void photos.add()} onRetry={photos.retry} onRemove={photos.remove} />

                <Field
                  label='服务情况（选填）'
                  schema={schemas.order.complete}
                  name='note'
                  multiline
                  counter
                  value={note}
                  placeholder='做了什么、群众有什么需要跟进的'
                  onInput={setNote}
                />

                <FormFooter
                  error={completeForm.error}
                  busy={completeForm.busy}
                  retry={completeForm.retryable}
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
                  onClick={() => void returnTo(withQuery(ROUTES.volunteer.task, { id: orderId }))}
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
