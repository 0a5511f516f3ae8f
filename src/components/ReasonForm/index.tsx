import { Button, View } from '@tarojs/components'
import { schemas } from '~types/schemas'
import Field from '../Field'
import FormFooter from '../FormFooter'

/** The actions that take a reason, each with its schema (where the length limit comes from). */
const REASON_SCHEMAS = { cancel: schemas.order.cancel, decline: schemas.order.decline, reject: schemas.order.reject }

interface Props {
  action: keyof typeof REASON_SCHEMAS
  label: string
  placeholder: string
  reason: string
  onReason: (reason: string) => void
  /** show "12/200" under the field */
  counter?: boolean
  error: string
  busy: boolean
  busyLabel?: string
  submitLabel: string
  onSubmit: () => void
  closeLabel: string
  onClose: () => void
  className?: string
  errorClassName?: string
  /** the last send got no reply: offer 重试 */
  retry?: boolean
}

/** 取消 / 队伍退单 / 退回: why, in the person's words, then the step that ends it or a way back. */
export default function ReasonForm(props: Props) {
  const { action, label, placeholder, reason, onReason, counter = false, error, busy, busyLabel, submitLabel, onSubmit, closeLabel, onClose } = props
  return (
    <View className={`card ${props.className ?? ''}`.trim()}>
      <Field label={label} schema={REASON_SCHEMAS[action]} name='reason' multiline counter={counter} value={reason} placeholder={placeholder} onInput={onReason} />
      <FormFooter error={error} errorClassName={props.errorClassName} busy={busy} busyLabel={busyLabel} kind='danger' label={submitLabel} retry={props.retry} onSubmit={onSubmit}>
        <Button className='btn' disabled={busy} onClick={onClose}>
          {closeLabel}
        </Button>
      </FormFooter>
    </View>
  )
}
