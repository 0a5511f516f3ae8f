import type { PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import BusyButton from '../BusyButton'

interface Props {
  /** the refusal to show above the button (a field's rule or the API's message), '' for none */
  error: string
  busy: boolean
  label: string
  /** the button's words while sending, e.g. 正在提交… */
  busyLabel?: string
  disabled?: boolean
  /** primary by default; danger for a form that ends something (退回, 取消) */
  kind?: 'primary' | 'danger'
  onSubmit: () => void
  errorClassName?: string
  /** the last send got no reply: the button says 重试 (the form re-sends the same requestId) */
  retry?: boolean
}

/** The end of every form: what went wrong, then the submitting button (and any others given as children). */
export default function FormFooter({ error, busy, label, busyLabel, disabled = false, kind = 'primary', onSubmit, errorClassName = '', retry = false, children }: PropsWithChildren<Props>) {
  return (
    <>
      {error && (
        <View className={`field-error ${errorClassName}`.trim()} role='alert'>
          {error}
        </View>
      )}
      <View className='actions'>
        <BusyButton kind={kind} busy={busy} busyLabel={busyLabel} disabled={disabled} onClick={onSubmit}>
          {retry ? '重试' : label}
        </BusyButton>
        {children}
      </View>
    </>
  )
}
