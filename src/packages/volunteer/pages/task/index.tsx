import { type ReactNode, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import type { OrderView, TransitionActionName } from '~types/api'
import { ACTION_LABELS } from '~types/labels'
import { schemas } from '~types/schemas'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import StatusChip from '~src/components/StatusChip'
import Timeline from '~src/components/Timeline'
import { useParam } from '~src/hooks/useParam'
import { formatTime } from '~src/lib/time'
import { ROUTES, withQuery } from '~src/routes'
import * as order from '~src/services/order'
import { toApiCallError } from '~src/services/transport'
import { tasksStore } from '~src/stores/volunteer'
import { placesLeft } from '../../places'
import { useLoad } from '~src/hooks/useLoad'
import { useWrite } from '~src/hooks/useWrite'
import './index.scss'
import { askToSubscribe } from '~src/lib/subscribe'

type Write = (requestId: string) => Promise<{ order: OrderView } | null>

async function confirmed(title: string, content: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '再想想' })
  return confirm
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='task__row'>
      <Text className='task__label'>{label}</Text>
      <View className='task__value'>{children}</View>
    </View>
  )
}

/** One task: what is needed, who has claimed it, the contact once I claim it, and the actions open to me now. */
export default function Task() {
  const orderId = useParam('id')
  const { status, data, error, reload, update } = useLoad(() => order.get(orderId))
  const { run, forget, busy } = useWrite()
  const [notice, setNotice] = useState('')
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')

  useDidShow(() => void reload())

  const perform = async (action: TransitionActionName, write: Write, done: string) => {
    setNotice('')
    try {
      const result = await run(action, write)
      if (!result) return
      update(() => ({ order: result.order, actions: [] }))
      tasksStore.getState().replace(result.order)
      void Taro.showToast({ title: done, icon: 'success' })
      setDeclining(false)
      // the buttons open now come with order.get; after 退单 the order has left my team, so there is nothing to ask
      if (action !== 'decline') void reload()
    } catch (err) {
      const e = toApiCallError(err)
      setNotice(e.message)
      // someone else changed the order first: show it as it is now, and start a new intention from there
      if (e.code === 'CONFLICT') {
        forget(action)
        void reload()
      }
    }
  }

  const claim = () => {
    // WeChat asks only on a tap: reminders before the service and if it is cancelled
    void askToSubscribe(['reminder'])
    return perform('claim', (requestId) => order.claim({ orderId, requestId }), '接单成功')
  }

  const unclaim = () =>
    perform(
      'unclaim',
      async (requestId) =>
        (await confirmed('放弃接单', '确定放弃这一单吗？名额会让给其他志愿者。')) ? order.unclaim({ orderId, requestId }) : null,
      '已放弃接单',
    )

  const decline = () => {
    const checked = schemas.order.decline.safeParse({ orderId, reason })
    setReasonError(checked.success ? '' : checked.error.issues[0].message)
    if (!checked.success) return
    void perform(
      'decline',
      async (requestId) =>
        (await confirmed('队伍退单', '确定把这一单退回派单单位吗？'))
          ? order.decline({ orderId, reason: checked.data.reason, requestId })
          : null,
      '已退单',
    )
  }

  const o = data?.order
  const actions = data?.actions ?? []

  return (
    <Screen className='task'>
      <StateView status={status} error={error} onRetry={() => void reload()}>
        {o && (
          <>
            <View className='card'>
              <View className='task__head'>
                <Text className='task__title'>{o.title}</Text>
                <StatusChip status={o.status} />
              </View>
              <Text className='task__need'>{o.need}</Text>
            </View>

            <View className='card'>
              <Row label='名额'>
                <Text>
                  已接 {o.claims.length}/{o.capacity} 人 · {placesLeft(o)}
                </Text>
                {o.claims.length > 0 && <Text className='muted'>接单志愿者：{o.claims.map((c) => c.name).join('、')}</Text>}
              </Row>
              <Row label='期望时间'>
                <Text>{o.preferredAt ? formatTime(o.preferredAt) : '时间可商量'}</Text>
              </Row>
              <Row label='服务人数'>
                <Text>{o.beneficiaryCount} 人</Text>
              </Row>
              <Row label='点单人'>
                <Text>
                  {o.onBehalfOf ? `${o.onBehalfOf.name}（${o.ownerName}代点）` : o.ownerName}
                </Text>
              </Row>
              <Row label='服务地址'>
                <Text>{o.address}</Text>
              </Row>
              <Row label='联系电话'>
                <Text className='task__phone'>{o.phone}</Text>
              </Row>
              {o.contactVisible ? (
                <Button className='btn btn--primary task__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: o.phone })}>
                  拨打电话
                </Button>
              ) : (
                <Text className='muted'>接单后可看到完整的电话和地址</Text>
              )}
            </View>

            {o.completion && (
              <View className='card'>
                <Text className='task__section'>服务情况</Text>
                <Text className='task__line'>
                  服务时长 {o.completion.hours} 小时 · 服务 {o.completion.beneficiaryCount} 人
                </Text>
                {o.completion.note && <Text className='task__line'>{o.completion.note}</Text>}
              </View>
            )}

            {notice && (
              <View className='card task__notice' role='alert'>
                <Text>{notice}</Text>
              </View>
            )}

            <View className='actions'>
              {actions.includes('claim') && (
                <Button className='btn btn--primary' disabled={busy('claim')} onClick={() => void claim()}>
                  {busy('claim') ? '正在接单…' : ACTION_LABELS.claim}
                </Button>
              )}
              {actions.includes('complete') && (
                <Button
                  className='btn btn--primary'
                  onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.volunteer.complete, { id: o.id }) })}
                >
                  {ACTION_LABELS.complete}
                </Button>
              )}
              {actions.includes('unclaim') && (
                <Button className='btn btn--danger' disabled={busy('unclaim')} onClick={() => void unclaim()}>
                  {ACTION_LABELS.unclaim}
                </Button>
              )}
              {actions.includes('decline') &&
                (declining ? (
                  <View className='card task__decline'>
                    <Text className='field-label'>退单原因</Text>
                    <Textarea
                      className='textarea'
                      value={reason}
                      maxlength={200}
                      placeholder='请写明退单原因，派单单位会看到'
                      onInput={(e) => setReason(e.detail.value)}
                    />
                    {reasonError && <Text className='field-error'>{reasonError}</Text>}
                    <View className='actions'>
                      <Button className='btn btn--danger' disabled={busy('decline')} onClick={decline}>
                        确认退单
                      </Button>
                      <Button className='btn' onClick={() => setDeclining(false)}>
                        不退了
                      </Button>
                    </View>
                  </View>
                ) : (
                  <Button className='btn btn--danger' onClick={() => setDeclining(true)}>
                    {ACTION_LABELS.decline}
                  </Button>
                ))}
            </View>

            <View className='card task__timeline'>
              <Text className='task__section'>办理进度</Text>
              <Timeline entries={o.timeline} />
            </View>
          </>
        )}
      </StateView>
    </Screen>
  )
}
