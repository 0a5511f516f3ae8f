import { Text, View } from '@tarojs/components'
import type { Honours } from '~types/mall'

const percent = (share: number | null) => (share === null ? '暂无评价' : `${Math.round(share * 100)}%`)

/** 年度评选: the year's volunteers, teams and stations, each ranked with the measures it is ranked by. */
export default function YearHonours({ honours }: { honours: Honours }) {
  return (
    <>
      <View className='card honors__table'>
        <Text className='honors__section'>优秀志愿者（按信用时长）</Text>
        <View className='honors__row honors__row--head'>
          <Text className='honors__rank'>名次</Text>
          <Text className='honors__name'>志愿者</Text>
          <Text className='honors__num'>信用时长</Text>
          <Text className='honors__num'>服务</Text>
          <Text className='honors__num'>平均评分</Text>
        </View>
        {honours.volunteers.length === 0 && <Text className='muted'>这一年还没有志愿者完成服务</Text>}
        {honours.volunteers.map((v) => (
          <View key={v.userId} className={`honors__row${v.rank <= 3 ? ' honors__row--top' : ''}`}>
            <Text className='honors__rank'>第{v.rank}名</Text>
            <Text className='honors__name'>{v.name}</Text>
            <Text className='honors__num'>{v.hours}小时</Text>
            <Text className='honors__num'>{v.services}次</Text>
            <Text className='honors__num'>{v.averageRating === null ? '—' : `${v.averageRating}星`}</Text>
          </View>
        ))}
      </View>
      <View className='card honors__table'>
        <Text className='honors__section'>优秀志愿服务队（按服务次数）</Text>
        <View className='honors__row honors__row--head'>
          <Text className='honors__rank'>名次</Text>
          <Text className='honors__name'>服务队</Text>
          <Text className='honors__num'>服务</Text>
          <Text className='honors__num'>好评率</Text>
        </View>
        {honours.teams.length === 0 && <Text className='muted'>这一年还没有服务队完成服务</Text>}
        {honours.teams.map((t) => (
          <View key={t.teamId} className={`honors__row${t.rank <= 3 ? ' honors__row--top' : ''}`}>
            <Text className='honors__rank'>第{t.rank}名</Text>
            <Text className='honors__name'>{t.name}</Text>
            <Text className='honors__num'>{t.services}次</Text>
            <Text className='honors__num'>{percent(t.goodShare)}</Text>
          </View>
        ))}
      </View>
      <View className='card honors__table'>
        <Text className='honors__section'>优秀实践站（按服务订单数）</Text>
        <View className='honors__row honors__row--head'>
          <Text className='honors__rank'>名次</Text>
          <Text className='honors__name'>实践站</Text>
          <Text className='honors__num'>服务订单</Text>
          <Text className='honors__num'>服务人数</Text>
        </View>
        {honours.stations.length === 0 && <Text className='muted'>这一年还没有实践站完成服务</Text>}
        {honours.stations.map((s) => (
          <View key={s.unitId} className={`honors__row${s.rank <= 3 ? ' honors__row--top' : ''}`}>
            <Text className='honors__rank'>第{s.rank}名</Text>
            <Text className='honors__name'>{s.name}</Text>
            <Text className='honors__num'>{s.served}单</Text>
            <Text className='honors__num'>{s.people}人</Text>
          </View>
        ))}
      </View>
      <Text className='muted'>
        统计{honours.year}年点单的已服务订单{honours.truncated ? `（订单过多，只统计了前${honours.ordersRead}单）` : ''}；信用时长为现场签到签退或经审核补录的时长；好评为4星及以上。
      </Text>
    </>
  )
}
