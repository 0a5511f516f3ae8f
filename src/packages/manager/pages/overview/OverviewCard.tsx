import { Text, View } from '@tarojs/components'
import type { OverviewItem } from '~types/api'
import StatusChip from '~src/components/StatusChip'
import { fromNow, waited } from '~src/lib/time'
import { roleOf } from '~src/lib/roles'

/** Every card's height in design px (VirtualList keeps rows to it; long text is cut with …). */
export const OVERVIEW_CARD_HEIGHT = 360

/** Who ordered: the resident, and the proxy who ordered for them. */
export function whoOrdered(o: Pick<OverviewItem, 'ownerName' | 'onBehalfOf'>): string {
  return o.onBehalfOf ? `${o.onBehalfOf.name}（${o.ownerName}代点）` : o.ownerName
}

/** How long the order has waited in its status, against the handling unit's limit (from its last step). */
export function waitLine(o: OverviewItem, now: Date): string {
  if (o.limitHours === null) return `点单于${fromNow(o.createdAt, now)}`
  return `${waited(o.updatedAt, now)} / 时限${o.limitHours}小时`
}

/** One order of 订单总览: who ordered, the handling unit and teams, places taken, the wait, 超时 and 疑似重复. */
export default function OverviewCard({ order: o, now, onClick }: { order: OverviewItem; now: Date; onClick: () => void }) {
  const dispatched = o.teamIds.length > 0
  return (
    <View className='card overview-card' onClick={onClick} hoverClass='overview-card--pressed' {...roleOf('link')}>
      <View className='overview-card__head'>
        <Text className='overview-card__title'>{o.title}</Text>
        {o.duplicateOf && <Text className='overview-card__flag'>疑似重复</Text>}
        {o.overdue && <Text className='overview-card__flag overview-card__flag--danger'>超时</Text>}
        <StatusChip status={o.status} />
      </View>
      <Text className='overview-card__line'>点单人：{whoOrdered(o)}</Text>
      <Text className='overview-card__line'>承办：{o.unitName || '—'}</Text>
      {dispatched && <Text className='overview-card__line'>队伍：{o.teamNames.join('、')}</Text>}
      <View className='overview-card__foot'>
        <Text className='overview-card__line overview-card__wait'>{waitLine(o, now)}</Text>
        {dispatched && (
          <Text className='overview-card__places'>
            名额 {o.claims.length}/{o.capacity}
          </Text>
        )}
      </View>
    </View>
  )
}
