import { useEffect, useRef, useState, type ReactNode } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import type { OrderView } from '~types/api'
import type { Team } from '~types/domain'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import StatusChip from '~src/components/StatusChip'
import Timeline from '~src/components/Timeline'
import { useParam } from '~src/hooks/useParam'
import { newRequestId } from '~src/lib/requestId'
import { formatTime } from '~src/lib/time'
import { ROUTES, withQuery } from '~src/routes'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { toApiCallError } from '~src/services/transport'
import { useResidentOrders } from '~src/stores/resident'
import { STAR_WORDS, starText } from '../../stars'
import { useLoad } from '~src/hooks/useLoad'
import './index.scss'

const REASON_MAX = 200

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='order__row'>
      <Text className='order__label'>{label}</Text>
      <View className='order__value'>{children}</View>
    </View>
  )
}

function forWhom(o: OrderView): string {
  return o.beneficiaryCount > 1 ? `群体，共 ${o.beneficiaryCount} 人` : '本人'
}

/** One of my orders: where it stands, who is on it, what was done, and what I can still do (取消, 评单). */
export default function OrderDetail() {
  const id = useParam('id')
  const detail = useLoad(() => order.get(id))
  const [teams, setTeams] = useState<Team[] | null>(null)
  const [cancelOpen, setCancelOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [actionError, setActionError] = useState('')
  const [acting, setActing] = useState(false)
  // one request id per intended cancel, re-sent when the person tries again after a failure
  const cancelRequestId = useRef('')
  const busy = useRef(false)

  useDidShow(() => {
    void detail.reload()
  })

  const o = detail.data?.order
  const actions = detail.data?.actions ?? []
  const dispatched = (o?.teamIds.length ?? 0) > 0

  useEffect(() => {
    // team names are only a nicety: without them the page says how many teams
    if (dispatched && !teams) catalog.teams().then(setTeams, () => setTeams([]))
  }, [dispatched])

  const openCancel = () => {
    cancelRequestId.current = newRequestId()
    setActionError('')
    setCancelOpen(true)
  }

  const confirmCancel = async () => {
    if (!o || busy.current) return
    const why = reason.trim()
    if (!why && o.status !== 'placed') {
      setActionError('请填写取消原因，让志愿者知道为什么不用来了')
      return
    }
    setActionError('')
    busy.current = true
    try {
      const { confirm } = await Taro.showModal({
        title: '确定取消这一单？',
        content: o.status === 'placed' ? '取消后这一单不再派给志愿者' : '取消后志愿者将不再上门服务',
        confirmText: '确定取消',
        cancelText: '不取消',
      })
      if (!confirm) return
      setActing(true)
      const { order: cancelled } = await order.cancel({
        orderId: o.id,
        reason: why || undefined,
        requestId: cancelRequestId.current,
      })
      useResidentOrders.getState().replace(cancelled)
      // the answer carries no actions: show the order at once, then ask which actions are left
      detail.update(() => ({ order: cancelled, actions: [] }))
      setCancelOpen(false)
      void Taro.showToast({ title: '已取消点单', icon: 'success' })
      void detail.reload()
    } catch (err) {
      setActionError(toApiCallError(err).message)
    } finally {
      busy.current = false
      setActing(false)
    }
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

            <View className='card'>
              <Row label='需求'>
                <Text>{o.need}</Text>
              </Row>
              <Row label='服务对象'>
                <Text>{forWhom(o)}</Text>
              </Row>
              <Row label='服务地址'>
                <Text>{o.address}</Text>
              </Row>
              <Row label='联系电话'>
                <Text>{o.phone}</Text>
              </Row>
              <Row label='期望时间'>
                <Text>{o.preferredAt ? formatTime(o.preferredAt) : '不限'}</Text>
              </Row>
              {dispatched && (
                <>
                  <Row label='派给'>
                    <Text>{teamNames.length ? teamNames.join('、') : `${o.teamIds.length} 支志愿服务队`}</Text>
                  </Row>
                  <Row label='接单志愿者'>
                    <Text>
                      已接单 {o.claims.length}/{o.capacity}
                      {o.claims.length > 0 && `：${o.claims.map((c) => c.name).join('、')}`}
                    </Text>
                  </Row>
                </>
              )}
            </View>

            {o.completion && (
              <View className='card'>
                <Text className='field-label'>服务完成</Text>
                <Text className='order__line'>
                  服务时长 {o.completion.hours} 小时，服务 {o.completion.beneficiaryCount} 人
                </Text>
                {o.completion.note && <Text className='order__line'>{o.completion.note}</Text>}
              </View>
            )}

            {o.rating && (
              <View className='card'>
                <Text className='field-label'>我的评价</Text>
                <Text className='order__stars'>
                  {starText(o.rating.stars)} {STAR_WORDS[o.rating.stars - 1]}
                </Text>
                {o.rating.comment && <Text className='order__line'>{o.rating.comment}</Text>}
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
                  <View className='card order__cancel'>
                    <Text className='field-label'>
                      取消原因{o.status === 'placed' ? '（可不填）' : ''}
                    </Text>
                    <Textarea
                      className='textarea'
                      value={reason}
                      maxlength={REASON_MAX}
                      placeholder='为什么不需要了？比如：已经解决了'
                      onInput={(e) => setReason(e.detail.value)}
                    />
                    <Text className='muted order__counter'>
                      {reason.length}/{REASON_MAX}
                    </Text>
                    <View className='actions'>
                      <Button className='btn btn--danger' disabled={acting} onClick={() => void confirmCancel()}>
                        {acting ? '正在取消…' : '确认取消'}
                      </Button>
                      <Button className='btn' disabled={acting} onClick={() => setCancelOpen(false)}>
                        先不取消
                      </Button>
                    </View>
                  </View>
                )}
              </View>
            )}
            {actionError && (
              <View className='field-error order__error' role='alert'>
                {actionError}
              </View>
            )}

            <View className='card order__timeline'>
              <Text className='field-label'>办理经过</Text>
              <Timeline entries={o.timeline} />
            </View>
          </>
        )}
      </StateView>
    </Screen>
  )
}
