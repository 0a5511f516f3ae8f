import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { OrderView } from '~types/api'
import type { TimelineEntry } from '~types/domain'
import { formatTime } from '../../lib/time'
import StatusChip from '../StatusChip'
import Timeline from '../Timeline'
import './index.scss'

/** One line of an order's details; a false or null fact is left out. */
export interface Fact {
  label: string
  value: ReactNode
}

/** The person served, and the 代办员 who ordered for them: "李奶奶（张书记代点）". */
export function servedPerson(o: OrderView): string {
  return o.onBehalfOf ? `${o.onBehalfOf.name}（${o.ownerName}代点）` : o.ownerName
}

/** Whose number the contact phone is, on a proxy order: '（代办员 小罗 的电话）' or '（陈奶奶 的电话）'; '' otherwise. */
export function whosePhone(o: Pick<OrderView, 'onBehalfOf' | 'ownerName' | 'phoneOfProxy'>): string {
  if (!o.onBehalfOf) return ''
  return o.phoneOfProxy ? `（代办员 ${o.ownerName} 的电话）` : `（${o.onBehalfOf.name} 的电话）`
}

/** When the person would like the service, or `whenever` (不限, 时间可商量 …) when they named no time. */
export function preferredTime(o: OrderView, whenever: string): string {
  return o.preferredAt ? formatTime(o.preferredAt) : whenever
}

/** The volunteers who took the order: "李秀英、赵强". */
export function claimNames(o: OrderView): string {
  return o.claims.map((c) => c.name).join('、')
}

/** The title, its status and the need, at the top of an order's page. */
export function OrderHead({ order }: { order: OrderView }) {
  return (
    <View className='card'>
      <View className='order-facts__head'>
        <Text className='order-facts__title'>{order.title}</Text>
        <StatusChip status={order.status} />
      </View>
      <Text className='order-facts__need'>{order.need}</Text>
    </View>
  )
}

/** An order's details, one labelled row each, in a card; children come after the rows (a call button …). */
export default function OrderFacts({ facts, children }: { facts: Array<Fact | false | null>; children?: ReactNode }) {
  return (
    <View className='card'>
      {facts.map(
        (fact) =>
          fact && (
            <View key={fact.label} className='order-facts__row'>
              <Text className='order-facts__label'>{fact.label}</Text>
              <View className='order-facts__value'>{fact.value}</View>
            </View>
          ),
      )}
      {children}
    </View>
  )
}

/** What the volunteers reported when they completed the order, under the page's own heading. */
export function OrderCompletion({ order, title }: { order: OrderView; title: string }) {
  if (!order.completion) return null
  return (
    <View className='card'>
      <Text className='field-label'>{title}</Text>
      <Text className='order-facts__line'>
        服务时长 {order.completion.hours} 小时，实际服务 {order.completion.beneficiaryCount} 人（志愿者报告）
      </Text>
      {order.completion.visits !== undefined && (
        <Text className='order-facts__line'>
          服务 {order.completion.visits} 人次{order.completion.place ? `，服务地点：${order.completion.place}` : ''}
        </Text>
      )}
      {(order.completion.photos?.length ?? 0) > 0 && <Text className='order-facts__line'>活动照片 {order.completion.photos!.length} 张</Text>}
      {order.completion.note && <Text className='order-facts__line'>{order.completion.note}</Text>}
    </View>
  )
}

/** Who did what and when to the order, under the page's own heading. */
export function OrderHistory({ entries, title }: { entries: TimelineEntry[]; title: string }) {
  return (
    <View className='card order-facts__history'>
      <Text className='field-label'>{title}</Text>
      <Timeline entries={entries} />
    </View>
  )
}
