import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderAnswer, TransitionActionName } from '~types/api'
import { ACTION_LABELS } from '~types/labels'
import { CHECKIN_CODE_DIGITS } from '~types/rules'
import { schemas } from '~types/schemas'
import BusyButton from '~src/components/BusyButton'
import ReasonForm from '~src/components/ReasonForm'
import OrderFacts, { OrderCompletion, OrderHead, OrderHistory, claimNames, preferredTime, servedPerson, whosePhone } from '~src/components/OrderFacts'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { doneText, useOrder } from '~src/hooks/useOrder'
import { useParam } from '~src/hooks/useParam'
import { useSubmit } from '~src/hooks/useSubmit'
import { useWrite } from '~src/hooks/useWrite'
import { askToSubscribe } from '~src/lib/subscribe'
import { ROUTES, withQuery } from '~src/routes'
import * as order from '~src/services/order'
import { isLostReply, toApiCallError } from '~src/services/transport'
import { placesLeft } from '../../places'
import ClaimsOnSite from '~src/components/ClaimsOnSite'
import CodeLink from '~src/components/CodeLink'
import { useSession } from '~src/stores/session'
import CheckInPanel from './CheckInPanel'
import AppealPanel from './AppealPanel'
import './index.scss'

type Write = (requestId: string) => Promise<OrderAnswer | null>

async function confirmed(title: string, content: string): Promise<boolean> {
  const { confirm } = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '再想想' })
  return confirm
}

/** One task: what is needed, who has claimed it, the contact once I claim it, and the actions open to me now. */
export default function Task() {
  const orderId = useParam('id')
  const { status, data, error, reload, apply, onShow, recover } = useOrder(orderId)
  const { run, forget, busy } = useWrite()
  const declineForm = useSubmit(schemas.order.decline, order.decline)
  const [notice, setNotice] = useState('')
  // the write whose reply was lost, offered again as 重试 (with the same requestId)
  const [retry, setRetry] = useState<(() => void) | null>(null)
  const [declining, setDeclining] = useState(false)
  const [reason, setReason] = useState('')

  useDidShow(() => {
    onShow()
    // opened straight from a link or a notice (no home page before it): who I am, to find my claim's 签到 state
    if (useSession.getState().status === 'idle') void useSession.getState().login()
  })

  const done = (answer: OrderAnswer, message: string) => {
    apply(answer)
    void Taro.showToast({ title: message, icon: 'success' })
    setDeclining(false)
  }

  const perform = async (action: TransitionActionName, write: Write, message: string) => {
    setNotice('')
    setRetry(null)
    try {
      const answer = await run(action, write)
      if (answer) done(answer, message)
    } catch (err) {
      const e = toApiCallError(err)
      if (isLostReply(e)) {
        // the reply was lost, not necessarily the write: the order as it is now says which
        const fresh = await recover(action)
        if (fresh) {
          forget(action)
          setNotice(`${doneText(action)}（网络慢，刚才没有收到回复）`)
          return
        }
        setRetry(() => () => void perform(action, write, message))
      }
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

  const decline = async () => {
    setNotice('')
    const answer = await declineForm.submit({ orderId, reason }, { confirm: () => confirmed('队伍退单', '确定把这一单退回派单单位吗？') })
    if (answer) done(answer, '已退单')
  }

  /** 签到 / 签退 with the code: the server judges it; a wrong one is told on the page, nothing is recorded */
  const site = async (action: 'checkIn' | 'checkOut', code: string): Promise<OrderAnswer | null> => {
    setNotice('')
    if (!new RegExp(`^\\d{${CHECKIN_CODE_DIGITS}}$`).test(code)) {
      setNotice(`请输入${CHECKIN_CODE_DIGITS}位签到码`)
      return null
    }
    try {
      const answer = await run(action, (requestId) => (action === 'checkIn' ? order.checkIn({ orderId, code, requestId }) : order.checkOut({ orderId, code, requestId })))
      if (answer) done(answer, action === 'checkIn' ? '签到成功' : '签退成功')
      return answer
    } catch (err) {
      const e = toApiCallError(err)
      setNotice(e.message)
      forget(action)
      if (e.code === 'CONFLICT') void reload()
      return null
    }
  }

  const me = useSession((s) => s.profile?.id)
  const o = data?.order
  const actions = data?.actions ?? []
  const mine = o?.claims.find((c) => c.volunteerId === me)

  return (
    <Screen className='task'>
      <StateView status={status} error={error} onRetry={() => void reload()}>
        {o && (
          <>
            <OrderHead order={o} />

            <OrderFacts
              facts={[
                {
                  label: '名额',
                  value: (
                    <>
                      <Text>
                        已接 {o.claims.length}/{o.capacity} 人 · {placesLeft(o)}
                      </Text>
                      {o.claims.length > 0 && <Text className='muted'>接单志愿者：{claimNames(o)}</Text>}
                    </>
                  ),
                },
                { label: '期望时间', value: <Text>{preferredTime(o, '时间可商量')}</Text> },
                { label: '点单人数', value: <Text>约 {o.beneficiaryCount} 人（群众点单时填写）</Text> },
                { label: '点单人', value: <Text>{servedPerson(o)}</Text> },
                { label: '服务地址', value: <Text>{o.address}</Text> },
                { label: '联系电话', value: <Text className='task__phone'>{`${o.phone}${whosePhone(o)}`}</Text> },
              ]}
            >
              {o.contactVisible ? (
                <Button className='btn btn--primary task__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: o.phone })}>
                  拨打电话
                </Button>
              ) : (
                <Text className='muted'>接单后可看到完整的电话和地址</Text>
              )}
            </OrderFacts>

            <CheckInPanel actions={actions} mine={mine} busy={busy} onSubmit={site} />

            <ClaimsOnSite claims={o.claims} />

            <OrderCompletion order={o} title='服务情况' />

            {notice && (
              <View className='card task__notice' role='alert'>
                <Text>{notice}</Text>
                {retry && (
                  <Button className='btn btn--primary task__retry' onClick={retry}>
                    重试
                  </Button>
                )}
              </View>
            )}

            <View className='actions'>
              <CodeLink orderId={o.id} offer={data} />
              {actions.includes('claim') && (
                <BusyButton kind='primary' busy={busy('claim')} busyLabel='正在接单…' onClick={() => void claim()}>
                  {ACTION_LABELS.claim}
                </BusyButton>
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
                  <ReasonForm
                    action='decline'
                    className='task__decline'
                    label='退单原因'
                    placeholder='请写明退单原因，派单单位会看到'
                    reason={reason}
                    onReason={setReason}
                    error={declineForm.error}
                    busy={declineForm.busy}
                    busyLabel='确认退单'
                    submitLabel='确认退单'
                    onSubmit={() => void decline()}
                    closeLabel='不退了'
                    onClose={() => setDeclining(false)}
                  />
                ) : (
                  <Button className='btn btn--danger' onClick={() => setDeclining(true)}>
                    {ACTION_LABELS.decline}
                  </Button>
                ))}
            </View>

            <AppealPanel order={o} actions={actions} onDone={done} />

            <OrderHistory entries={o.timeline} title='办理进度' />
          </>
        )}
      </StateView>
    </Screen>
  )
}
