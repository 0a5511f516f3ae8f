import { useState } from 'react'
import { Button, Input, Picker, Switch, Text, View } from '@tarojs/components'
import { OVERVIEW_ALL_TAB, OVERVIEW_SORT_LABELS, OVERVIEW_TABS, SEARCH_MAX } from '~types/overview'
import type { OrgUnit, Theme } from '~types/domain'
import { type OverviewFilters, setFilters } from './store'
import { roleOf } from '~src/lib/roles'

interface Props {
  filters: OverviewFilters
  /** the caller's unit and every unit below it, the caller's first */
  units: OrgUnit[]
  themes: Theme[]
}

/** The tabs by status and the filters of 订单总览: each change loads the first page again. */
export default function Filters({ filters, units, themes }: Props) {
  const [draft, setDraft] = useState(filters.q)
  const unitNames = units.map((u, i) => (i === 0 ? `${u.name}（含下级）` : u.name))
  const unitIndex = Math.max(0, units.findIndex((u) => u.id === filters.unitId))
  const themeNames = ['全部主题', ...themes.map((t) => t.name)]
  const themeIndex = Math.max(0, themes.findIndex((t) => t.id === filters.themeId) + 1)
  const search = () => setFilters({ q: draft.trim() })

  return (
    <View className='overview__filters'>
      <View className='overview__tabs' role='tablist'>
        {[OVERVIEW_ALL_TAB, ...OVERVIEW_TABS].map((tab) => (
          <Text
            key={tab.key}
            className={`overview__tab${filters.tab === tab.key ? ' overview__tab--on' : ''}`}
            {...roleOf('tab', { on: filters.tab === tab.key })}
            onClick={() => setFilters({ tab: tab.key })}
          >
            {tab.label}
          </Text>
        ))}
      </View>
      <View className='overview__search'>
        <Input
          className='input overview__search-input'
          aria-label='搜索订单'
          value={draft}
          maxlength={SEARCH_MAX}
          placeholder='搜索标题、需求或群众姓名'
          confirmType='search'
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={search}
        />
        <Button className='btn btn--primary overview__search-btn' aria-label='搜索' onClick={search}>
          搜索
        </Button>
      </View>
      <View className='overview__row'>
        {units.length > 1 && (
          <Picker className='overview__picker' mode='selector' range={unitNames} value={unitIndex} onChange={(e) => setFilters({ unitId: units[Number(e.detail.value)]?.id ?? '' })}>
            <Text className='overview__pick' aria-label='选择单位'>
              <Text className='overview__pick-text'>{unitNames[unitIndex]}</Text>
            </Text>
          </Picker>
        )}
        <Picker className='overview__picker' mode='selector' range={themeNames} value={themeIndex} onChange={(e) => setFilters({ themeId: themes[Number(e.detail.value) - 1]?.id ?? '' })}>
          <Text className='overview__pick' aria-label='选择服务主题'>
            <Text className='overview__pick-text'>{themeNames[themeIndex]}</Text>
          </Text>
        </Picker>
      </View>
      <View className='overview__row'>
        <Picker mode='date' value={filters.fromDate} onChange={(e) => setFilters({ fromDate: e.detail.value })}>
          <Text className='overview__pick' aria-label='开始日期'>
            {filters.fromDate || '开始日期'}
          </Text>
        </Picker>
        <Text className='muted'>至</Text>
        <Picker mode='date' value={filters.toDate} onChange={(e) => setFilters({ toDate: e.detail.value })}>
          <Text className='overview__pick' aria-label='结束日期'>
            {filters.toDate || '结束日期'}
          </Text>
        </Picker>
        {(filters.fromDate || filters.toDate) && (
          <Text className='overview__clear' {...roleOf('button')} onClick={() => setFilters({ fromDate: '', toDate: '' })}>
            清除日期
          </Text>
        )}
      </View>
      <View className='overview__row'>
        <View className='overview__toggle'>
          <Text>只看超时</Text>
          <Switch className='overview__switch' aria-label='只看超时' nativeProps={{ 'aria-label': '只看超时', role: 'switch', 'aria-checked': filters.overdue }} checked={filters.overdue} color='#C8102E' onChange={(e) => setFilters({ overdue: e.detail.value })} />
        </View>
        <Text
          className='overview__pick'
          {...roleOf('button', { label: `排序：${OVERVIEW_SORT_LABELS[filters.sort]}` })}
          onClick={() => setFilters({ sort: filters.sort === 'newest' ? 'oldest' : 'newest' })}
        >
          {OVERVIEW_SORT_LABELS[filters.sort]}
        </Text>
      </View>
    </View>
  )
}
