import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderAnswer, OrderView, TransitionActionName } from '~types/api'
import { APPEAL_STATUS_LABELS } from '~types/labels'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import { useSubmit } from '~src/hooks/useSubmit'
import * as orderApi from '~src/services/order'

interface Props {
  order: OrderView
  /** what the server offers: 申诉 for the leader of a dispatched team, once, within 7 days of the rating */
  actions: readonly TransitionActionName[]
  onDone: (answer: OrderAnswer, message: string) => void
}

/** A team leader's 申诉 of the requester's rating: the appeal's state, or the button and its reason form. */
export default function AppealPanel({ order, actions, onDone }: Props) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const send = useSubmit(schemas.order.appeal, orderApi.appeal)
  const { appeal } = order

  if (appeal) {
    return (
      <View className='card task__appeal' aria-label='申诉'>
        <Text>申诉：{APPEAL_STATUS_LABELS[appeal.status]}</Text>
        <Text className='muted'>{appeal.reason}</Text>
        {appeal.decidedByName && (
          <Text className='muted'>
            {appeal.decidedByName}：{appeal.note}
          </Text>
        )}
      </View>
    )
  }
  if (!actions.includes('appeal')) return null
  if (!open) {
    return (
      <View className='actions'>
        <Button className='btn' onClick={() => setOpen(true)}>
          对评价申诉
        </Button>
      </View>
    )
  }
  const onSubmit = async () => {
    const answer = await send.submit(
      { orderId: order.id, reason: reason.trim() },
      { confirm: async () => (await Taro.showModal({ title: '提交申诉', content: '每单只能申诉一次，由上级单位管理员处理。确定提交吗？' })).confirm },
    )
    if (answer) {
      setOpen(false)
      onDone(answer, '已提交申诉')
    }
  }
  return (
    <View className='card task__appeal' aria-label='申诉'>
      <Field label='申诉理由（必填）' schema={schemas.order.appeal} name='reason' multiline counter value={reason} placeholder='请写明评价与实际不符之处' onInput={setReason} />
      <FormFooter error={send.error} busy={send.busy} busyLabel='正在提交…' kind='primary' label='提交申诉' onSubmit={() => void onSubmit()}>
        <Button className='btn' disabled={send.busy} onClick={() => setOpen(false)}>
          不申诉了
        </Button>
      </FormFooter>
    </View>
  )
}
