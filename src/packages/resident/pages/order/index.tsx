import { useEffect, useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderView } from '~types/api'
import type { TeamListing } from '~types/api'
import { schemas } from '~types/schemas'
import ContactReveals from '~src/components/ContactReveals'
import ReasonForm from '~src/components/ReasonForm'
import OrderFacts, { OrderCompletion, OrderHistory, claimNames, preferredTime, whosePhone } from '~src/components/OrderFacts'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import StatusChip from '~src/components/StatusChip'
import { useOrder } from '~src/hooks/useOrder'
import { useParam } from '~src/hooks/useParam'
import { useSubmit } from '~src/hooks/useSubmit'
import { formatTime } from '~src/lib/time'
import { ROUTES, withQuery } from '~src/routes'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { STAR_WORDS, starText } from '../../stars'
import { useOrders } from '~src/stores/orders'
import HandlingCard from './HandlingCard'
import './index.scss'
import CodeLink from '~src/components/CodeLink'

/** 服务对象: the person served (whom a proxy ordered for, or the resident), or the group with its head count. */
function forWhom(o: OrderView): string {
  const person = o.onBehalfOf ? o.onBehalfOf.name : '本人'
  return o.beneficiaryCount > 1 ? `${person}等群体，点单时约 ${o.beneficiaryCount} 人` : person
}

/** 联系电话 and whose number it is (a proxy order may give the proxy's own). */
function phoneText(o: OrderView): string {
  return `${o.phone}${whosePhone(o)}`
}

/** One of my orders: where it stands, who is on it, what was done, and what I can still do (取消, 评单). */
export default function OrderDetail() {
  const id = useParam('id')
  const detail = useOrder(id)
  const cancelForm = useSubmit(schemas.order.cancel, order.cancel)
  const [teams, setTeams] = useState<TeamListing[] | null>(null)
  const [cancelOpen, setCancelOpen] = useState(false)
  const [reason, setReason] = useState('')

  useDidShow(detail.onShow)

  const o = detail.data?.order
  const handling = useOrders((st) => st.handling[id])
  const actions = detail.data?.actions ?? []
  // after dispatch the volunteers are told why they need not come: the server says when a reason is owed
  const reasonOwed = detail.data?.reasonRequired.includes('cancel') ?? false
  const dispatched = (o?.teamIds.length ?? 0) > 0

  useEffect(() => {
    // team names are only a nicety: without them the page says how many teams
    if (dispatched && !teams) catalog.teams().then(setTeams, () => setTeams([]))
  }, [dispatched])

  const openCancel = () => {
    cancelForm.setError('')
    setCancelOpen(true)
  }

  const confirmCancel = async () => {
    if (!o) return
    const why = reason.trim()
    const answer = await cancelForm.submit(
      { orderId: o.id, reason: why || undefined },
      {
        refuse: () => (!why && reasonOwed ? '请填写取消原因，让志愿者知道为什么不用来了' : ''),
        confirm: async () =>
          (
            await Taro.showModal({
              title: '确定取消这一单？',
              content: o.status === 'placed' ? '取消后这一单不再派给志愿者' : '取消后志愿者将不再上门服务',
              confirmText: '确定取消',
              cancelText: '不取消',
            })
          ).confirm,
        settle: () => detail.recover('cancel'),
      },
    )
    if (!answer) return
    detail.apply(answer)
    setCancelOpen(false)
    void Taro.showToast({ title: '已取消点单', icon: 'success' })
  }

  const teamNames = o && teams ? o.teamIds.flatMap((t) => teams.find((x) => x.id === t)?.name ?? []) : []

  return (
    <Screen className='order'>
      <StateView status={detail.status} error={detail.error} onRetry={() => void detail.reload()}>
        {o && (
          <>
            <View className='card'>
              <View className='order__status'>
                <StatusChip status={o.status} />
              </View>
              <Text className='order__title'>{o.title}</Text>
              <Text className='muted'>点单时间 {formatTime(o.createdAt)}</Text>
              {o.onBehalfOf && (
                <Text className='order__proxy'>
                  由 {o.ownerName} 代 {o.onBehalfOf.name} 点单
                </Text>
              )}
              {o.reason && (o.status === 'rejected' || o.status === 'cancelled') && (
                <Text className='order__reason'>
                  {o.status === 'rejected' ? '退回原因' : '取消原因'}：{o.reason}
                </Text>
              )}
            </View>

            <OrderFacts
              facts={[
                { label: '需求', value: <Text>{o.need}</Text> },
                { label: '服务对象', value: <Text>{forWhom(o)}</Text> },
                { label: '服务地址', value: <Text>{o.address}</Text> },
                { label: '联系电话', value: <Text>{phoneText(o)}</Text> },
                { label: '期望时间', value: <Text>{preferredTime(o, '不限')}</Text> },
                dispatched && {
                  label: '派给',
                  value: <Text>{teamNames.length ? teamNames.join('、') : `${o.teamIds.length} 支志愿服务队`}</Text>,
                },
                dispatched && {
                  label: '接单志愿者',
                  value: (
                    <Text>
                      已接单 {o.claims.length}/{o.capacity}
                      {o.claims.length > 0 && `：${claimNames(o)}`}
                    </Text>
                  ),
                },
              ]}
            />

            {handling && <HandlingCard order={o} handling={handling} />}

            <OrderCompletion order={o} title='服务完成' />

            {o.rating && (
              <View className='card'>
                <Text className='field-label'>我的评价</Text>
                <Text className='order__stars'>
                  {starText(o.rating.stars)} {STAR_WORDS[o.rating.stars - 1]}
                </Text>
                {o.rating.comment && <Text className='order__line'>{o.rating.comment}</Text>}
              </View>
            )}

            {detail.data?.showsCheckinCode && (
              <View className='actions'>
                <CodeLink orderId={o.id} offer={detail.data} />
                <Text className='muted'>志愿者到了以后，请出示签到码让他们签到；服务结束时再出示一次签退</Text>
              </View>
            )}

            {(actions.includes('rate') || actions.includes('cancel')) && (
              <View className='actions'>
                {actions.includes('rate') && (
                  <Button
                    className='btn btn--primary'
                    onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.resident.rate, { id: o.id }) })}
                  >
                    去评单
                  </Button>
                )}
                {actions.includes('cancel') && !cancelOpen && (
                  <Button className='btn btn--danger' onClick={openCancel}>
                    取消点单
                  </Button>
                )}
                {actions.includes('cancel') && cancelOpen && (
                  <ReasonForm
                    action='cancel'
                    className='order__cancel'
                    label={`取消原因${reasonOwed ? '' : '（可不填）'}`}
                    placeholder='为什么不需要了？比如：已经解决了'
                    counter
                    reason={reason}
                    onReason={setReason}
                    error={cancelForm.error}
                    errorClassName='order__error'
                    busy={cancelForm.busy}
                    retry={cancelForm.retryable}
                    busyLabel='正在取消…'
                    submitLabel='确认取消'
                    onSubmit={() => void confirmCancel()}
                    closeLabel='先不取消'
                    onClose={() => setCancelOpen(false)}
                  />
                )}
              </View>
            )}

            <ContactReveals orderId={o.id} title='谁看过我的电话和地址' />

            <OrderHistory entries={o.timeline} title='办理经过' />
          </>
        )}
      </StateView>
    </Screen>
  )
}
