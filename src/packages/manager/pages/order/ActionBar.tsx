import { View } from '@tarojs/components'
import type { TransitionActionName } from '~types/api'
import { ACTION_LABELS } from '~types/labels'
import BusyButton from '~src/components/BusyButton'

/** The lifecycle actions a manager takes on this page, in the order their buttons appear. */
export const MANAGER_ACTIONS = ['dispatch', 'escalate', 'recall', 'reject'] as const
export type ManagerAction = (typeof MANAGER_ACTIONS)[number]

const KIND: Record<ManagerAction, 'primary' | 'danger' | 'plain'> = { dispatch: 'primary', escalate: 'plain', recall: 'plain', reject: 'danger' }

interface Props {
  /** what the server offers the manager now */
  offered: readonly TransitionActionName[]
  /** the action whose write is on its way, if any: every button waits for it */
  busy: ManagerAction | null
  onAction: (action: ManagerAction) => void
}

/** 派单 / 上报上级 / 撤回派单 / 退回: the buttons of the actions the server offers, and nothing else. */
export default function ActionBar({ offered, busy, onAction }: Props) {
  const shown = MANAGER_ACTIONS.filter((a) => offered.includes(a))
  if (shown.length === 0) return null
  return (
    <View className='actions'>
      {shown.map((a) => (
        <BusyButton key={a} kind={KIND[a]} busy={busy === a} disabled={busy !== null} onClick={() => onAction(a)}>
          {ACTION_LABELS[a]}
        </BusyButton>
      ))}
    </View>
  )
}
