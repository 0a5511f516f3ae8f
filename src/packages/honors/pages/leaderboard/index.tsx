import { useEffect, useState } from 'react'
import { Picker, Text, View } from '@tarojs/components'
import type { OrgUnit } from '~types/domain'
import { chinaTime } from '~types/rules'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import * as catalog from '~src/services/catalog'
import * as points from '~src/services/points'
import { useSession } from '~src/stores/session'
import YearHonours from './YearHonours'
import './index.scss'

/** "2026-03" → "2026年3月" */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}

type Tab = 'month' | 'year'

/**
 * 光荣榜 (everyone): the volunteers who earned the most points in a unit (with the units below it) in a month, by
 * default the person's own unit this month, as points.leaderboard answers; and 年度评选, the year's honours of the unit
 * (points.honors).
 */
export default function Leaderboard() {
  const { status: session, login } = useSession()
  const [units, setUnits] = useState<OrgUnit[]>([])
  const [unitId, setUnitId] = useState('')
  const [month, setMonth] = useState('')
  const [tab, setTab] = useState<Tab>('month')
  const [year, setYear] = useState(() => chinaTime(new Date()).year)
  const board = useLoad(() => points.leaderboard({ ...(unitId ? { unitId } : {}), ...(month ? { month } : {}) }))
  const honours = useLoad(() => points.honors({ ...(unitId ? { unitId } : {}), year }))

  useEffect(() => {
    if (useSession.getState().status === 'idle') void login()
    catalog
      .tree()
      .then((tree) => setUnits([...tree].sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))))
      .catch(() => setUnits([]))
  }, [login])
  useEffect(() => {
    if (session === 'ready' && tab === 'month') void board.reload()
    // the board follows the session, the unit and the month chosen
  }, [session, unitId, month, tab])
  useEffect(() => {
    if (session === 'ready' && tab === 'year') void honours.reload()
  }, [session, unitId, year, tab])
  usePullToRefresh(() => (tab === 'month' ? board.reload() : honours.reload()))

  const shownUnit = (tab === 'month' ? board.data?.unitId : honours.data?.unitId) ?? unitId
  const unitIndex = Math.max(0, units.findIndex((u) => u.id === shownUnit))
  const rows = board.data?.rows ?? []
  return (
    <Screen className='honors'>
      <View className='honors__tabs'>
        {(['month', 'year'] as const).map((t) => (
          <Text key={t} aria-selected={tab === t} className={`honors__tab${tab === t ? ' honors__tab--on' : ''}`} onClick={() => setTab(t)}>
            {t === 'month' ? '本月排行' : '年度评选'}
          </Text>
        ))}
      </View>
      <View className='card honors__head'>
        <Text className='honors__title'>
          {units.find((u) => u.id === shownUnit)?.name ?? '光荣榜'}
          {tab === 'month' && board.data && ` · ${monthLabel(board.data.month)}`}
          {tab === 'year' && ` · ${year}年度`}
        </Text>
        <View className='honors__pickers'>
          {units.length > 0 && (
            <Picker mode='selector' range={units.map((u) => u.name)} value={unitIndex} onChange={(e) => setUnitId(units[Number(e.detail.value)]?.id ?? '')}>
              <Text className='honors__pick' aria-label='选择单位'>
                换个单位
              </Text>
            </Picker>
          )}
          {tab === 'month' ? (
            <Picker mode='date' fields='month' value={board.data?.month ?? month} onChange={(e) => setMonth(e.detail.value.slice(0, 7))}>
              <Text className='honors__pick' aria-label='选择月份'>
                换个月份
              </Text>
            </Picker>
          ) : (
            <Picker mode='date' fields='year' value={String(year)} onChange={(e) => setYear(Number(e.detail.value.slice(0, 4)))}>
              <Text className='honors__pick' aria-label='选择年份'>
                换个年份
              </Text>
            </Picker>
          )}
        </View>
      </View>
      {tab === 'month' ? (
        <StateView
          status={session === 'ready' ? board.status : session}
          error={board.error}
          onRetry={() => void board.reload()}
          empty={rows.length === 0}
          emptyText='这个月还没有志愿者获得积分'
          emptyHint='完成服务并评单后，积分会计入光荣榜'
        >
          <View className='card honors__table'>
            <View className='honors__row honors__row--head'>
              <Text className='honors__rank'>名次</Text>
              <Text className='honors__name'>志愿者</Text>
              <Text className='honors__num'>积分</Text>
              <Text className='honors__num'>时长</Text>
            </View>
            {rows.map((r) => (
              <View key={r.userId} className={`honors__row${r.rank <= 3 ? ' honors__row--top' : ''}`}>
                <Text className='honors__rank'>第{r.rank}名</Text>
                <Text className='honors__name'>{r.name}</Text>
                <Text className='honors__num'>{r.points}分</Text>
                <Text className='honors__num'>{r.hours}小时</Text>
              </View>
            ))}
          </View>
        </StateView>
      ) : (
        <StateView status={session === 'ready' ? honours.status : session} error={honours.error} onRetry={() => void honours.reload()}>
          {honours.data && <YearHonours honours={honours.data} />}
        </StateView>
      )}
    </Screen>
  )
}
