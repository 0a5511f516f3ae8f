import type { PropsWithChildren } from 'react'
import { Button } from '@tarojs/components'

interface Props {
  busy: boolean
  /** the button's words while its write is on its way, e.g. 正在提交… */
  busyLabel?: string
  /** primary (the page's main step), danger (退回, 取消 …) or plain */
  kind?: 'primary' | 'danger' | 'plain'
  disabled?: boolean
  className?: string
  onClick: () => void
}

/** A button that sends something: disabled and saying so while it is busy, so a second tap does nothing. */
export default function BusyButton({ busy, busyLabel = '正在提交…', kind = 'plain', disabled = false, className = '', onClick, children }: PropsWithChildren<Props>) {
  const look = kind === 'plain' ? 'btn' : `btn btn--${kind}`
  return (
    <Button className={`${look} ${className}`.trim()} disabled={busy || disabled} onClick={onClick}>
      {busy ? busyLabel : children}
    </Button>
  )
}
