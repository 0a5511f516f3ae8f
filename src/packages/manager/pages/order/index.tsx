import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, Textarea, View } from '@tarojs/components'
import type { OrderView, TeamRecommendation, TransitionActionName } from '~types/api'
import { ACTION_LABELS } from '~types/labels'
import { schemas } from '~types/schemas'
import Screen from '~src/components/Screen'
import StateView, { type LoadStatus } from '~src/components/StateView'
import StatusChip from '~src/components/StatusChip'
import Timeline from '~src/components/Timeline'
import { useParam } from '~src/hooks/useParam'
import { newRequestId } from '~src/lib/requestId'
import { formatTime, waited } from '~src/lib/time'
import * as orderApi from '~src/services/order'
import { toApiCallError } from '~src/services/transport'
import { useQueue } from '~src/stores/manager'
import { useManagedUnit } from '../../useManagedUnit'
import { dispatchClock, useUnitLimits } from '../../useUnitLimits'
import './index.scss'

/** The lifecycle actions a manager takes on this page, in the order their buttons appear. */
const MANAGER_ACTIONS = ['dispatch', 'escalate', 'recall', 'reject'] as const
type ManagerAction = (typeof MANAGER_ACTIONS)[number]

const CAPACITY = schemas.order.dispatch.shape.capacity.unwrap()
const CAPACITY_MIN = CAPACITY.minValue ?? 1
const CAPACITY_MAX = CAPACITY.maxValue ?? 20

const firstMessage = (result: { success: boolean; error?: { issues: Array<{ message: string }> } }) =>
  result.success ? '' : (result.error?.issues[0]?.message ?? '')

function ratingText(rating: TeamRecommendation['rating']): string {
  return rating ? `${rating.average.toFixed(1)}分 (${rating.count}次)` : '暂无评价'
}

/** One order as the manager of its unit sees it: the details, and 派单 (to recommended teams) / 上报 / 退回 / 撤回. */
export default function ManagerOrder() {
  const orderId = useParam('id')
  const { nameOf } = useManagedUnit()
  const [status, setStatus] = useState<LoadStatus>('loading')
  const [error, setError] = useState('')
  const [order, setOrder] = useState<OrderView | null>(null)
  const [actions, setActions] = useState<TransitionActionName[]>([])
  const [recommendations, setRecommendations] = useState<TeamRecommendation[]>([])
  const [selected, setSelected] = useState<string[]>([])
  const [capacity, setCapacity] = useState(1)
  const [note, setNote] = useState('')
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<ManagerAction | null>(null)
  const [actionError, setActionError] = useState('')
  // one request id per intended action, kept until it succeeds, so a retry repeats the same request
  const requestIds = useRef<Partial<Record<ManagerAction, string>>>({})
  const limits = useUnitLimits(order ? [order.orgUnitId] : [])
  const clock = order?.status === 'placed' ? dispatchClock(order, limits[order.orgUnitId], new Date()) : null

  /** The order, what the caller may do with it now and, when it can be dispatched, the ranked teams. */
  const load = useCallback(
    async (silent: boolean) => {
      if (!silent) {
        setStatus('loading')
        setError('')
      }
      try {
        const got = await orderApi.get(orderId)
        const recs = got.actions.includes('dispatch') ? (await orderApi.recommend(orderId)).recommendations : []
        setOrder(got.order)
        setActions(got.actions)
        setRecommendations(recs)
        setSelected(recs.length > 0 ? [recs[0].team.id] : [])
        setStatus('ready')
      } catch (err) {
        const message = toApiCallError(err).message
        if (silent) setActionError(message)
        else {
          setError(message)
          setStatus('error')
        }
      }
    },
    [orderId],
  )

  useEffect(() => {
    void load(false)
  }, [load])

  const run = async (action: ManagerAction, send: (requestId: string) => Promise<{ order: OrderView }>, done: string) => {
    if (busy) return
    const requestId = requestIds.current[action] ?? newRequestId()
    requestIds.current[action] = requestId
    setBusy(action)
    setActionError('')
    try {
      const { order: next } = await send(requestId)
      delete requestIds.current[action]
      setOrder(next)
      setActions([])
      setCapacity(1)
      setNote('')
      setRejecting(false)
      setReason('')
      useQueue.getState().replace(next)
      void Taro.showToast({ title: done, icon: 'success' })
      // an escalated order has left this unit: it is the parent unit's to dispatch now, nothing more to do here
      if (action !== 'escalate') await load(true)
    } catch (err) {
      setActionError(toApiCallError(err).message)
    } finally {
      setBusy(null)
    }
  }

  const toggleTeam = (teamId: string) => {
    if (selected.includes(teamId)) {
      setSelected(selected.filter((t) => t !== teamId))
      return
    }
    const next = [...selected, teamId]
    const refusal = firstMessage(schemas.order.dispatch.shape.teamIds.safeParse(next))
    if (refusal) void Taro.showToast({ title: refusal, icon: 'none' })
    else setSelected(next)
  }

  const confirm = async (title: string, content: string) => (await Taro.showModal({ title, content })).confirm

  const dispatch = () => {
    const input = { orderId, teamIds: selected, capacity, note: note.trim() }
    const refusal = firstMessage(schemas.order.dispatch.safeParse(input))
    if (refusal) {
      setActionError(refusal)
      return
    }
    void run('dispatch', (requestId) => orderApi.dispatch({ ...input, requestId }), '已派单')
  }

  const escalate = async () => {
    if (!(await confirm('上报上级', '上报后这一单由上级单位派单，确定上报吗？'))) return
    void run('escalate', (requestId) => orderApi.escalate({ orderId, requestId }), '已上报上级')
  }

  const recall = async () => {
    if (!(await confirm('撤回派单', '撤回后这一单回到派单台，可以重新派单，确定撤回吗？'))) return
    void run('recall', (requestId) => orderApi.recall({ orderId, requestId }), '已撤回派单')
  }

  const reject = async () => {
    const input = { orderId, reason: reason.trim() }
    const refusal = firstMessage(schemas.order.reject.safeParse(input))
    if (refusal) {
      setActionError(refusal)
      return
    }
    if (!(await confirm('退回点单', '退回后这一单就结束了，群众会看到退回原因，确定退回吗？'))) return
    void run('reject', (requestId) => orderApi.reject({ ...input, requestId }), '已退回')
  }

  const onAction: Record<ManagerAction, () => void> = {
    dispatch,
    escalate: () => void escalate(),
    recall: () => void recall(),
    reject: () => {
      setActionError('')
      setRejecting(true)
    },
  }

  const shown = MANAGER_ACTIONS.filter((a) => actions.includes(a))
  const canDispatch = actions.includes('dispatch')

  return (
    <Screen className='mgr-order'>
      <StateView status={status} error={error} onRetry={() => void load(false)}>
        {order && (
          <>
            <View className='card'>
              <View className='mgr-order__head'>
                <Text className='mgr-order__title'>{order.title}</Text>
                <StatusChip status={order.status} />
              </View>
              <Text className='mgr-order__need'>{order.need}</Text>
              <View className='mgr-order__row'>
                <Text className='mgr-order__label'>服务对象</Text>
                <Text className='mgr-order__value'>
                  {order.onBehalfOf ? `${order.onBehalfOf.name}（${order.ownerName}代点）` : order.ownerName}
                </Text>
              </View>
              <View className='mgr-order__row'>
                <Text className='mgr-order__label'>服务人数</Text>
                <Text className='mgr-order__value'>{order.beneficiaryCount}人</Text>
              </View>
              <View className='mgr-order__row'>
                <Text className='mgr-order__label'>服务地址</Text>
                <Text className='mgr-order__value'>{order.address}</Text>
              </View>
              <View className='mgr-order__row'>
                <Text className='mgr-order__label'>联系电话</Text>
                <Text className='mgr-order__value'>{order.phone}</Text>
                {order.contactVisible && (
                  <Button
                    className='btn mgr-order__call'
                    onClick={() => void Taro.makePhoneCall({ phoneNumber: order.phone })}
                  >
                    拨打
                  </Button>
                )}
              </View>
              <View className='mgr-order__row'>
                <Text className='mgr-order__label'>期望时间</Text>
                <Text className='mgr-order__value'>{order.preferredAt ? formatTime(order.preferredAt) : '时间不限'}</Text>
              </View>
              <View className='mgr-order__row'>
                <Text className='mgr-order__label'>点单时间</Text>
                <Text className='mgr-order__value'>
                  {formatTime(order.createdAt)}
                  {order.status === 'placed' && `（${waited(order.createdAt)}）`}
                </Text>
              </View>
              {clock && (
                <View className='mgr-order__row'>
                  <Text className='mgr-order__label'>派单时限</Text>
                  <Text className='mgr-order__value'>
                    {clock.hours}小时
                    {clock.overdue && <Text className='mgr-order__overdue'> 已超时</Text>}
                  </Text>
                </View>
              )}
              {nameOf(order.orgUnitId) && (
                <View className='mgr-order__row'>
                  <Text className='mgr-order__label'>承办单位</Text>
                  <Text className='mgr-order__value'>{nameOf(order.orgUnitId)}</Text>
                </View>
              )}
              {order.reason && (
                <View className='mgr-order__row'>
                  <Text className='mgr-order__label'>原因</Text>
                  <Text className='mgr-order__value'>{order.reason}</Text>
                </View>
              )}
            </View>

            {canDispatch && (
              <View className='card'>
                <Text className='field-label'>推荐的志愿服务队（可选1至3支）</Text>
                {recommendations.length === 0 && <Text className='muted'>没有找到能承接这项服务的志愿服务队，可上报上级</Text>}
                {recommendations.map((rec) => {
                  const on = selected.includes(rec.team.id)
                  return (
                    <View
                      key={rec.team.id}
                      className={`mgr-order__team${on ? ' mgr-order__team--on' : ''}`}
                      onClick={() => toggleTeam(rec.team.id)}
                    >
                      <View className='mgr-order__team-head'>
                        <Text className='mgr-order__team-name'>{rec.team.name}</Text>
                        <Text className={on ? 'mgr-order__check mgr-order__check--on' : 'mgr-order__check'}>
                          {on ? '已选' : '未选'}
                        </Text>
                      </View>
                      <View className='mgr-order__reasons'>
                        {rec.reasons.map((r) => (
                          <Text key={r} className='chip'>
                            {r}
                          </Text>
                        ))}
                      </View>
                      <Text className='muted'>
                        在办 {rec.openLoad} 单 · {ratingText(rec.rating)}
                      </Text>
                    </View>
                  )
                })}

                <Text className='field-label'>所需人数</Text>
                <View className='mgr-order__stepper'>
                  <Button
                    className='btn mgr-order__step'
                    disabled={capacity <= CAPACITY_MIN}
                    onClick={() => setCapacity(Math.max(CAPACITY_MIN, capacity - 1))}
                  >
                    减少
                  </Button>
                  <Text className='mgr-order__capacity'>{capacity}人</Text>
                  <Button
                    className='btn mgr-order__step'
                    disabled={capacity >= CAPACITY_MAX}
                    onClick={() => setCapacity(Math.min(CAPACITY_MAX, capacity + 1))}
                  >
                    增加
                  </Button>
                </View>

                <Text className='field-label'>给志愿服务队的备注（选填）</Text>
                <Textarea
                  className='textarea'
                  value={note}
                  maxlength={200}
                  placeholder='如：请带上血压计'
                  onInput={(e) => setNote(e.detail.value)}
                />
              </View>
            )}

            {rejecting && (
              <View className='card'>
                <Text className='field-label'>退回原因（会告知群众）</Text>
                <Textarea
                  className='textarea'
                  value={reason}
                  maxlength={200}
                  placeholder='请写明退回原因，群众会看到'
                  onInput={(e) => setReason(e.detail.value)}
                />
                <View className='actions'>
                  <Button className='btn btn--danger' disabled={busy !== null} onClick={() => void reject()}>
                    {busy === 'reject' ? '正在提交…' : '确认退回'}
                  </Button>
                  <Button className='btn' onClick={() => setRejecting(false)}>
                    暂不退回
                  </Button>
                </View>
              </View>
            )}

            {actionError && (
              <View className='field-error' role='alert'>
                {actionError}
              </View>
            )}

            {shown.length > 0 && !rejecting && (
              <View className='actions'>
                {shown.map((a) => (
                  <Button
                    key={a}
                    className={`btn${a === 'dispatch' ? ' btn--primary' : a === 'reject' ? ' btn--danger' : ''}`}
                    disabled={busy !== null}
                    onClick={onAction[a]}
                  >
                    {busy === a ? '正在提交…' : ACTION_LABELS[a]}
                  </Button>
                ))}
              </View>
            )}

            <View className='card mgr-order__timeline'>
              <Text className='field-label'>办理进度</Text>
              <Timeline entries={order.timeline} />
            </View>
          </>
        )}
      </StateView>
    </Screen>
  )
}
