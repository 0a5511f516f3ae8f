import { Button, View } from '@tarojs/components'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'

interface Props {
  reason: string
  onReason: (reason: string) => void
  error: string
  busy: boolean
  onSubmit: () => void
  onClose: () => void
}

/** 退回: the reason the resident will read, then 确认退回 or 暂不退回. */
export default function RejectForm({ reason, onReason, error, busy, onSubmit, onClose }: Props) {
  return (
    <View className='card'>
      <Field
        label='退回原因（会告知群众）'
        schema={schemas.order.reject}
        name='reason'
        multiline
        value={reason}
        placeholder='请写明退回原因，群众会看到'
        onInput={onReason}
      />
      <FormFooter error={error} busy={busy} kind='danger' label='确认退回' onSubmit={onSubmit}>
        <Button className='btn' onClick={onClose}>
          暂不退回
        </Button>
      </FormFooter>
    </View>
  )
}
