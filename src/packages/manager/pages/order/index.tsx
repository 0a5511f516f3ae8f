import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderAnswer } from '~types/api'
import { schemas } from '~types/schemas'
import ContactReveals from '~src/components/ContactReveals'
import OrderFacts, { OrderHead, OrderHistory, preferredTime, servedPerson, whosePhone } from '~src/components/OrderFacts'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useOrder } from '~src/hooks/useOrder'
import { useParam } from '~src/hooks/useParam'
import { useSubmit, type Submission } from '~src/hooks/useSubmit'
import { formatTime, waited } from '~src/lib/time'
import * as orderApi from '~src/services/order'
import { useManagedUnit } from '../../useManagedUnit'
import { dispatchClock, useUnitLimits } from '../../useUnitLimits'
import ActionBar, { MANAGER_ACTIONS, type ManagerAction } from './ActionBar'
import DispatchPanel, { EMPTY_DISPATCH, type DispatchDraft } from './DispatchPanel'
import RejectForm from './RejectForm'
import HoursReview from './HoursReview'
import FollowUpPanel from './FollowUpPanel'
import ClaimsOnSite from '~src/components/ClaimsOnSite'
import CodeLink from '~src/components/CodeLink'
import './index.scss'

const confirm = async (title: string, content: string) => (await Taro.showModal({ title, content })).confirm

const DONE: Record<ManagerAction, string> = { dispatch: '已派单', escalate: '已上报上级', recall: '已撤回派单', reject: '已退回' }

/** One order as the manager of its unit sees it: the details, and 派单 (to recommended teams) / 上报 / 退回 / 撤回. */
export default function ManagerOrder() {
  const orderId = useParam('id')
  const { nameOf } = useManagedUnit()
  const { status, data, error, reload, apply } = useOrder(orderId)
  const [draft, setDraft] = useState<DispatchDraft>(EMPTY_DISPATCH)
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [last, setLast] = useState<ManagerAction>('dispatch')
  const forms: Record<ManagerAction, Submission<object, OrderAnswer>> = {
    dispatch: useSubmit(schemas.order.dispatch, orderApi.dispatch),
    escalate: useSubmit(schemas.order.escalate, orderApi.escalate),
    recall: useSubmit(schemas.order.recall, orderApi.recall),
    reject: useSubmit(schemas.order.reject, orderApi.reject),
  }
  const order = data?.order
  const limits = useUnitLimits(order ? [order.orgUnitId] : [])
  const clock = order?.status === 'placed' ? dispatchClock(order, limits[order.orgUnitId], new Date()) : null
  const busy = MANAGER_ACTIONS.find((a) => forms[a].busy) ?? null

  useEffect(() => {
    void reload()
  }, [orderId])

  const send = async (action: ManagerAction, input: object, ask?: () => Promise<boolean>) => {
    if (busy) return
    setLast(action)
    const answer = await forms[action].submit({ orderId, ...input }, { confirm: ask })
    if (!answer) return
    // the answer carries what may be done next: an escalated order has left this unit, so it offers nothing here
    apply(answer)
    setDraft(EMPTY_DISPATCH)
    setRejecting(false)
    setReason('')
    void Taro.showToast({ title: DONE[action], icon: 'success' })
  }

  const onAction = (action: ManagerAction) => {
    if (action === 'dispatch') void send('dispatch', { ...draft, note: draft.note.trim() })
    if (action === 'escalate') void send('escalate', {}, () => confirm('上报上级', '上报后这一单由上级单位派单，确定上报吗？'))
    if (action === 'recall') void send('recall', {}, () => confirm('撤回派单', '撤回后这一单回到派单台，可以重新派单，确定撤回吗？'))
    if (action === 'reject') {
      forms.reject.setError('')
      setRejecting(true)
    }
  }

  const reject = () => {
    void send('reject', { reason: reason.trim() }, () => confirm('退回点单', '退回后这一单就结束了，群众会看到退回原因，确定退回吗？'))
  }

  const actions = data?.actions ?? []
  const actionError = last === 'reject' ? '' : forms[last].error

  return (
    <Screen className='mgr-order'>
      <StateView status={status} error={error} onRetry={() => void reload()}>
        {order && (
          <>
            <OrderHead order={order} />
            <OrderFacts
              facts={[
                { label: '服务对象', value: <Text>{servedPerson(order)}</Text> },
                { label: '点单人数', value: <Text>约 {order.beneficiaryCount} 人（群众点单时填写）</Text> },
                { label: '服务地址', value: <Text>{order.address}</Text> },
                {
                  label: '联系电话',
                  value: (
                    <>
                      <Text>{`${order.phone}${whosePhone(order)}`}</Text>
                      {order.contactVisible && (
                        <Button className='btn mgr-order__call' onClick={() => void Taro.makePhoneCall({ phoneNumber: order.phone })}>
                          拨打
                        </Button>
                      )}
                    </>
                  ),
                },
                { label: '期望时间', value: <Text>{preferredTime(order, '时间不限')}</Text> },
                {
                  label: '点单时间',
                  value: (
                    <Text>
                      {formatTime(order.createdAt)}
                      {order.status === 'placed' && `（${waited(order.createdAt)}）`}
                    </Text>
                  ),
                },
                clock && {
                  label: '派单时限',
                  value: (
                    <Text>
                      {clock.hours}小时
                      {clock.overdue && <Text className='mgr-order__overdue'> 已超时</Text>}
                    </Text>
                  ),
                },
                nameOf(order.orgUnitId) !== '' && { label: '承办单位', value: <Text>{nameOf(order.orgUnitId)}</Text> },
                order.reason !== '' && { label: '原因', value: <Text>{order.reason}</Text> },
              ]}
            />

            {actions.includes('dispatch') && <DispatchPanel orderId={orderId} draft={draft} onChange={setDraft} />}

            {rejecting && (
              <RejectForm
                reason={reason}
                onReason={setReason}
                error={forms.reject.error}
                busy={forms.reject.busy}
                onSubmit={reject}
                onClose={() => setRejecting(false)}
              />
            )}

            {actionError && (
              <View className='field-error' role='alert'>
                {actionError}
              </View>
            )}

            {!rejecting && <ActionBar offered={actions} busy={busy} onAction={onAction} />}

            <View className='actions'>
              <CodeLink orderId={order.id} offer={data} />
            </View>

            <ClaimsOnSite claims={order.claims} />

            <HoursReview
              orderId={order.id}
              claims={order.claims}
              actions={actions}
              onDone={(answer, message) => {
                apply(answer)
                void Taro.showToast({ title: message, icon: 'success' })
              }}
            />

            <FollowUpPanel
              order={order}
              actions={actions}
              onDone={(answer, message) => {
                apply(answer)
                void Taro.showToast({ title: message, icon: 'success' })
              }}
            />

            <ContactReveals orderId={order.id} title='谁看过群众的电话和地址' />

            <OrderHistory entries={order.timeline} title='办理进度' />
          </>
        )}
      </StateView>
    </Screen>
  )
}
