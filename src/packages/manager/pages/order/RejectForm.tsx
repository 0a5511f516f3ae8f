import ReasonForm from '~src/components/ReasonForm'

interface Props {
  reason: string
  onReason: (reason: string) => void
  error: string
  busy: boolean
  onSubmit: () => void
  onClose: () => void
}

/** 退回: the reason the resident will read, then 确认退回 or 暂不退回. */
export default function RejectForm(props: Props) {
  return (
    <ReasonForm
      action='reject'
      label='退回原因（会告知群众）'
      placeholder='请写明退回原因，群众会看到'
      submitLabel='确认退回'
      closeLabel='暂不退回'
      {...props}
    />
  )
}
