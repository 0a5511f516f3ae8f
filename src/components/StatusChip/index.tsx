import { Text } from '@tarojs/components'
import type { OrderStatus } from '~types/domain'
import { STATUS_LABELS } from '~types/labels'
import './index.scss'

/** An order's status in the field's words (待派单, 待接单 …), coloured by how much it still waits for someone. */
export default function StatusChip({ status }: { status: OrderStatus }) {
  return <Text className={`status-chip status-chip--${status}`}>{STATUS_LABELS[status]}</Text>
}
