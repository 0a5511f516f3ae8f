import type { PropsWithChildren } from 'react'
import { Button, View } from '@tarojs/components'

interface Props {
  /** the refusal to show above the button (a field's rule or the API's message), '' for none */
  error: string
  busy: boolean
  label: string
  /** the button's words while sending, e.g. 正在提交… */
  busyLabel?: string
  disabled?: boolean
  onSubmit: () => void
  errorClassName?: string
}

/** The end of every form: what went wrong, then the primary button (and any others given as children). */
export default function FormFooter({ error, busy, label, busyLabel = '正在提交…', disabled = false, onSubmit, errorClassName = '', children }: PropsWithChildren<Props>) {
  return (
    <>
      {error && (
        <View className={`field-error ${errorClassName}`.trim()} role='alert'>
          {error}
        </View>
      )}
      <View className='actions'>
        <Button className='btn btn--primary' disabled={busy || disabled} onClick={onSubmit}>
          {busy ? busyLabel : label}
        </Button>
        {children}
      </View>
    </>
  )
}
