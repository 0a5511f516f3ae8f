import { Text } from '@tarojs/components'
import type { OrderStatus } from '~types/domain'
import { STATUS_COLORS, STATUS_LABELS } from '~types/labels'
import './index.scss'

/** An order's status in the field's words (待派单, 待接单 …), in its own colour (types/labels STATUS_COLORS). */
export default function StatusChip({ status }: { status: OrderStatus }) {
  const { text, ground } = STATUS_COLORS[status]
  return (
    <Text className={`status-chip status-chip--${status}`} style={{ color: text, backgroundColor: ground }}>
      {STATUS_LABELS[status]}
    </Text>
  )
}
