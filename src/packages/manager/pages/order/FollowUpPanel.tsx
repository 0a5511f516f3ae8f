import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderAnswer, OrderView, TransitionActionName } from '~types/api'
import { FOLLOW_UP_OUTCOMES, type FollowUpOutcome } from '~types/domain'
import { APPEAL_STATUS_LABELS, FOLLOW_UP_OUTCOME_LABELS } from '~types/labels'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import { useSubmit } from '~src/hooks/useSubmit'
import { formatTime } from '~src/lib/time'
import * as orderApi from '~src/services/order'

interface Props {
  order: OrderView
  /** what the server offers: 回访 while it is open, 处理申诉 for the parent unit's managers while one is pending */
  actions: readonly TransitionActionName[]
  onDone: (answer: OrderAnswer, message: string) => void
}

const confirm = async (title: string, content: string) => (await Taro.showModal({ title, content })).confirm

/** The 回访 form: the outcome, what was said (with a counter), confirmed before it is sent. */
function FollowUpForm({ orderId, onDone }: { orderId: string; onDone: Props['onDone'] }) {
  const [outcome, setOutcome] = useState<FollowUpOutcome | null>(null)
  const [note, setNote] = useState('')
  const send = useSubmit(schemas.order.followUp, orderApi.followUp)
  const onSubmit = async () => {
    const label = outcome ? FOLLOW_UP_OUTCOME_LABELS[outcome] : ''
    const answer = await send.submit(
      { orderId, outcome: outcome as FollowUpOutcome, note: note.trim() },
      { confirm: () => confirm('记录回访', `确定记录回访结果为「${label}」吗？`) },
    )
    if (answer) onDone(answer, '已记录回访')
  }
  return (
    <View className='mgr-order__follow-form' aria-label='记录回访'>
      <Text className='field-label'>回访结果</Text>
      <View role='radiogroup' aria-label='回访结果'>
        {FOLLOW_UP_OUTCOMES.map((o) => (
          <View key={o} className={`mgr-order__choice${outcome === o ? ' mgr-order__choice--on' : ''}`} role='radio' aria-checked={outcome === o} onClick={() => setOutcome(o)}>
            <Text>{FOLLOW_UP_OUTCOME_LABELS[o]}</Text>
          </View>
        ))}
      </View>
      <Text className='muted'>联系不上可再回访一次，第二次仍联系不上即办结</Text>
      <Field label='回访情况（必填）' schema={schemas.order.followUp} name='note' multiline counter value={note} placeholder='如：已电话致歉，约好下周再来' onInput={setNote} />
      <FormFooter error={send.error} busy={send.busy} busyLabel='正在记录…' kind='primary' label='记录回访' onSubmit={() => void onSubmit()} />
    </View>
  )
}

/** 申诉成立 / 驳回申诉 with a note, for a manager of the parent unit. */
function AppealDecision({ orderId, onDone }: { orderId: string; onDone: Props['onDone'] }) {
  const [note, setNote] = useState('')
  const decide = useSubmit(schemas.order.decideAppeal, orderApi.decideAppeal)
  const onDecide = async (upheld: boolean) => {
    const word = upheld ? '申诉成立' : '驳回申诉'
    const answer = await decide.submit(
      { orderId, upheld, note: note.trim() },
      { confirm: () => confirm(word, upheld ? '申诉成立后，这条评价保留在记录中，但不计入服务队的评价。确定吗？' : '确定驳回这条申诉吗？') },
    )
    if (answer) onDone(answer, upheld ? '申诉成立' : '已驳回')
  }
  return (
    <View className='mgr-order__appeal-form' aria-label='处理申诉'>
      <Field label='处理意见（必填）' schema={schemas.order.decideAppeal} name='note' multiline counter value={note} placeholder='如：经核实，服务队按约定到场' onInput={setNote} />
      <FormFooter error={decide.error} busy={decide.busy} busyLabel='正在提交…' kind='primary' label='申诉成立' onSubmit={() => void onDecide(true)}>
        <Button className='btn btn--danger' disabled={decide.busy} onClick={() => void onDecide(false)}>
          驳回申诉
        </Button>
      </FormFooter>
    </View>
  )
}

/** 回访 and 申诉 of a rated order: their state and attempts, and the forms the server offers. */
export default function FollowUpPanel({ order, actions, onDone }: Props) {
  const { followUp, appeal } = order
  if (!followUp && !appeal) return null
  return (
    <View className='card mgr-order__follow' aria-label='回访与申诉'>
      {followUp && (
        <>
          <Text className='mgr-order__hours-title'>回访</Text>
          <Text>
            {followUp.stars}星评价 ·{' '}
            {followUp.status === 'closed' ? `已回访（${FOLLOW_UP_OUTCOME_LABELS[followUp.outcome!]}）` : `待回访，请于${formatTime(followUp.dueAt)}前回访`}
          </Text>
          {followUp.attempts.map((a) => (
            <Text key={a.at} className='muted'>
              {formatTime(a.at)} {a.byName}：{FOLLOW_UP_OUTCOME_LABELS[a.outcome]}。{a.note}
            </Text>
          ))}
          {actions.includes('followUp') && <FollowUpForm orderId={order.id} onDone={onDone} />}
        </>
      )}
      {appeal && (
        <>
          <Text className='mgr-order__hours-title'>申诉（{APPEAL_STATUS_LABELS[appeal.status]}）</Text>
          <Text>
            {appeal.byName}：{appeal.reason}
          </Text>
          {appeal.decidedByName && (
            <Text className='muted'>
              {appeal.decidedByName}：{appeal.note}
            </Text>
          )}
          {actions.includes('decideAppeal') && <AppealDecision orderId={order.id} onDone={onDone} />}
        </>
      )}
    </View>
  )
}
