import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { schemas, type ActionInput } from '~types/schemas'
import Field from '~src/components/Field'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import * as orderApi from '~src/services/order'
import { roleOf } from '~src/lib/roles'

const CAPACITY = schemas.order.dispatch.shape.capacity.unwrap()
const CAPACITY_MIN = CAPACITY.minValue ?? 1
const CAPACITY_MAX = CAPACITY.maxValue ?? 20

/** What the manager is about to send with 派单. */
export type DispatchDraft = Required<Pick<ActionInput<'order', 'dispatch'>, 'teamIds' | 'capacity' | 'note'>>
export const EMPTY_DISPATCH: DispatchDraft = { teamIds: [], capacity: 1, note: '' }

interface Props {
  orderId: string
  draft: DispatchDraft
  onChange: (change: (draft: DispatchDraft) => DispatchDraft) => void
}

/** 派单: the teams recommended for this order (the best one chosen to start with), how many people, and a note. */
export default function DispatchPanel({ orderId, draft, onChange }: Props) {
  const recommended = useLoad(async () => {
    const { recommendations } = await orderApi.recommend(orderId)
    // the best team is chosen to start with, in the same render as the list
    onChange((d) => ({ ...d, teamIds: recommendations.length > 0 ? [recommendations[0].team.id] : [] }))
    return recommendations
  })
  const recommendations = recommended.data ?? []

  useEffect(() => {
    void recommended.reload()
  }, [orderId])

  const toggleTeam = (teamId: string) => {
    if (draft.teamIds.includes(teamId)) {
      onChange((d) => ({ ...d, teamIds: d.teamIds.filter((t) => t !== teamId) }))
      return
    }
    const next = [...draft.teamIds, teamId]
    const checked = schemas.order.dispatch.shape.teamIds.safeParse(next)
    if (checked.success) onChange((d) => ({ ...d, teamIds: next }))
    else void Taro.showToast({ title: checked.error.issues[0].message, icon: 'none' })
  }

  const setCapacity = (capacity: number) => onChange((d) => ({ ...d, capacity }))

  return (
    <View className='card'>
      <StateView status={recommended.status} error={recommended.error} onRetry={() => void recommended.reload()}>
        <Text className='field-label'>推荐的志愿服务队（可选1至3支）</Text>
        {recommendations.length === 0 && <Text className='muted'>没有找到能承接这项服务的志愿服务队，可上报上级</Text>}
        {recommendations.map((rec) => {
          const on = draft.teamIds.includes(rec.team.id)
          return (
            <View key={rec.team.id} className={`mgr-order__team${on ? ' mgr-order__team--on' : ''}`} {...roleOf('checkbox', { on })} onClick={() => toggleTeam(rec.team.id)}>
              <View className='mgr-order__team-head'>
                <Text className='mgr-order__team-name'>{rec.team.name}</Text>
                <Text className={on ? 'mgr-order__check mgr-order__check--on' : 'mgr-order__check'}>{on ? '已选' : '未选'}</Text>
              </View>
              <View className='mgr-order__reasons'>
                {rec.reasons.map((r) => (
                  <Text key={r} className='chip'>
                    {r}
                  </Text>
                ))}
              </View>
            </View>
          )
        })}
      </StateView>

      <Text className='field-label'>所需人数</Text>
      <View className='mgr-order__stepper'>
        <Button
          className='btn mgr-order__step'
          disabled={draft.capacity <= CAPACITY_MIN}
          onClick={() => setCapacity(Math.max(CAPACITY_MIN, draft.capacity - 1))}
        >
          减少
        </Button>
        <Text className='mgr-order__capacity'>{draft.capacity}人</Text>
        <Button
          className='btn mgr-order__step'
          disabled={draft.capacity >= CAPACITY_MAX}
          onClick={() => setCapacity(Math.min(CAPACITY_MAX, draft.capacity + 1))}
        >
          增加
        </Button>
      </View>

      <Field
        label='给志愿服务队的备注（选填）'
        schema={schemas.order.dispatch}
        name='note'
        multiline
        value={draft.note}
        placeholder='如：请带上血压计'
        onInput={(note) => onChange((d) => ({ ...d, note }))}
      />
    </View>
  )
}
