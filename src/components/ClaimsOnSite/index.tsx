import { Text, View } from '@tarojs/components'
import type { Claim } from '~types/domain'
import { HOURS_STATUS_LABELS } from '~types/labels'
import { clockTime } from '../../lib/time'
import './index.scss'

/** 已签到 09:00 · 已签退 11:05, or 未签到: one claimer's check-in and check-out as recorded by the server. */
export function onSiteText(claim: Pick<Claim, 'checkInAt' | 'checkOutAt'>): string {
  if (!claim.checkInAt) return '未签到'
  const inText = `已签到 ${clockTime(claim.checkInAt)}`
  return claim.checkOutAt ? `${inText} · 已签退 ${clockTime(claim.checkOutAt)}` : inText
}

/** What became of a claimer's hours: 信用时长 2小时, 待核实 2小时, 补录 1.5小时（理由）, 不予认定（理由）. */
export function hoursText(claim: Pick<Claim, 'hours'>): string {
  const h = claim.hours
  if (!h) return ''
  const label = HOURS_STATUS_LABELS[h.status]
  const amount = h.status === 'rejected' ? `（上报${h.reported}小时）` : ` ${h.status === 'pending' ? h.reported : h.credited}小时`
  return `${label}${amount}${h.reason ? `：${h.reason}` : ''}`
}

/** The claimers of an order with their check-in, check-out and hours: what the server recorded, never re-decided. */
export default function ClaimsOnSite({ claims, title = '签到与服务时长' }: { claims: readonly Claim[]; title?: string }) {
  if (claims.length === 0) return null
  return (
    <View className='card claims-on-site' aria-label={title}>
      <Text className='claims-on-site__title'>{title}</Text>
      {claims.map((c) => (
        <View key={c.volunteerId} className='claims-on-site__row'>
          <Text className='claims-on-site__name'>{c.name}</Text>
          <Text className='claims-on-site__fact'>{onSiteText(c)}</Text>
          {c.hours && <Text className={`claims-on-site__hours claims-on-site__hours--${c.hours.status}`}>{hoursText(c)}</Text>}
        </View>
      ))}
    </View>
  )
}
