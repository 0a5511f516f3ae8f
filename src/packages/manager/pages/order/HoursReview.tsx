import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { OrderAnswer, TransitionActionName } from '~types/api'
import type { Claim } from '~types/domain'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import { useSubmit } from '~src/hooks/useSubmit'
import * as orderApi from '~src/services/order'

interface Props {
  orderId: string
  claims: readonly Claim[]
  /** what the server offers: 认定时长 and 不予认定 only while some claimer's hours are 待核实 */
  actions: readonly TransitionActionName[]
  onDone: (answer: OrderAnswer, message: string) => void
}

const confirm = async (title: string, content: string) => (await Taro.showModal({ title, content })).confirm

/** One claimer's 待核实 hours: 认定 (补录, the hours and a reason) or 不予认定 (a reason), each confirmed first. */
function PendingClaim({ orderId, claim, onDone }: { orderId: string; claim: Claim; onDone: Props['onDone'] }) {
  const reported = claim.hours?.reported ?? 0
  const [hours, setHours] = useState(String(reported))
  const [reason, setReason] = useState('')
  const approve = useSubmit(schemas.order.approveHours, orderApi.approveHours)
  const reject = useSubmit(schemas.order.rejectHours, orderApi.rejectHours)
  const busy = approve.busy || reject.busy

  const onApprove = async () => {
    reject.setError('')
    const answer = await approve.submit(
      { orderId, volunteerId: claim.volunteerId, hours: Number(hours), reason: reason.trim() },
      { confirm: () => confirm('认定服务时长', `确定为${claim.name}补录${hours}小时吗？补录后计入服务记录和积分。`) },
    )
    if (answer) onDone(answer, '已认定')
  }
  const onReject = async () => {
    approve.setError('')
    const answer = await reject.submit(
      { orderId, volunteerId: claim.volunteerId, reason: reason.trim() },
      { confirm: () => confirm('不予认定', `确定不认定${claim.name}上报的${reported}小时吗？`) },
    )
    if (answer) onDone(answer, '已不予认定')
  }

  return (
    <View className='mgr-order__pending' aria-label={`${claim.name}的待核实时长`}>
      <Text className='mgr-order__pending-name'>
        {claim.name}：上报{reported}小时，{claim.checkInAt ? '现场签到时间不足' : '没有现场签到'}
      </Text>
      <Field label='认定小时数' type='digit' maxLength={4} value={hours} placeholder='如 2 或 1.5' onInput={setHours} />
      <Field label='理由（必填）' schema={schemas.order.approveHours} name='reason' multiline value={reason} placeholder='如：队长证明当天到场' onInput={setReason} />
      <FormFooter error={approve.error || reject.error} busy={approve.busy} disabled={reject.busy} busyLabel='正在认定…' kind='primary' label='认定' onSubmit={() => void onApprove()}>
        <Button className='btn btn--danger' disabled={busy} onClick={() => void onReject()}>
          {reject.busy ? '正在提交…' : '不予认定'}
        </Button>
      </FormFooter>
    </View>
  )
}

/** 待核实的服务时长: hours reported without enough on-site time, for a manager of the handling unit to decide. */
export default function HoursReview({ orderId, claims, actions, onDone }: Props) {
  if (!actions.includes('approveHours') && !actions.includes('rejectHours')) return null
  const pending = claims.filter((c) => c.hours?.status === 'pending')
  if (pending.length === 0) return null
  return (
    <View className='card mgr-order__hours' aria-label='待核实的服务时长'>
      <Text className='mgr-order__hours-title'>待核实的服务时长</Text>
      <Text className='muted'>认定后记为补录时长，计入志愿服务记录；已办结的单会补发时长积分</Text>
      {pending.map((c) => (
        <PendingClaim key={c.volunteerId} orderId={orderId} claim={c} onDone={onDone} />
      ))}
    </View>
  )
}
