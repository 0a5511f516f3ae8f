import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Picker, Text, View } from '@tarojs/components'
import type { OrgUnit, Theme } from '~types/domain'
import type { ApiResponses } from '~types/api'
import { FATE_LABELS, FIGURES, type FigureKey } from '~types/figures'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import * as catalog from '~src/services/catalog'
import * as stats from '~src/services/stats'
import { useSession } from '~src/stores/session'
import Chart from '../../charts/Chart'
import { barOption, funnelOption, trendOption } from '../../charts/options'
import { monthLabel, monthOf, PERIOD_LABELS, type PeriodKind, periodOf } from '../../period'
import { ROUTES, withQuery } from '~src/routes'
import FigureTable from './FigureTable'
import './index.scss'

type Summary = ApiResponses['stats']['summary']['stats']

const HEADLINE: FigureKey[] = ['placed', 'served', 'people', 'volunteers', 'volunteerTimes', 'hours', 'avgStars', 'goodRate']

function valueOf(s: Summary, key: FigureKey): string {
  if (key === 'avgStars') return s.avgStars === null ? '—' : String(s.avgStars)
  if (key === 'goodRate') return s.goodRate === null ? '—' : `${Math.round(s.goodRate * 1000) / 10}`
  return String((s as unknown as Record<string, number>)[key] ?? 0)
}

const withUnit = (key: FigureKey, s: Summary) => {
  const v = valueOf(s, key)
  return v === '—' ? v : `${v}${key === 'goodRate' ? '%' : ''}`
}

/** 统计: a unit's figures over a period, from the records, with the fate of every order and a drill-down by unit. */
export default function StatsSummary() {
  const { status: session, profile, error: sessionError, login } = useSession()
  const [units, setUnits] = useState<OrgUnit[]>([])
  const [themes, setThemes] = useState<Theme[]>([])
  const [trail, setTrail] = useState<string[]>([])
  const [kind, setKind] = useState<PeriodKind>('month')
  const [custom, setCustom] = useState<{ from: string; to: string } | undefined>(undefined)

  useEffect(() => {
    if (useSession.getState().status === 'idle') void login()
    catalog.tree().then(setUnits, () => setUnits([]))
    catalog.themes().then(setThemes, () => setThemes([]))
  }, [login])

  const home = profile?.managedUnitId ?? ''
  const unitId = trail[trail.length - 1] ?? home
  const period = useMemo(() => periodOf(kind, new Date(), custom), [kind, custom])
  const summary = useLoad(() => stats.summary({ unitId, ...period }))
  const idle = useLoad(() => stats.idleTeams(unitId))

  useEffect(() => {
    if (unitId) {
      void summary.reload()
      void idle.reload()
    }
  }, [unitId, period.from, period.to])

  const nameOf = (id: string) => units.find((u) => u.id === id)?.name ?? (id === unitId ? '本单位' : id)
  const themeName = (id: string) => themes.find((t) => t.id === id)?.name ?? id
  // the unit's figures start at the top of the page: show them there, not the table the tap was made in
  const toTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  const drill = (id: string) => {
    if (id !== unitId && units.some((u) => u.id === id)) {
      setTrail((t) => [...t, id])
      toTop()
    }
  }
  const back = () => {
    setTrail((t) => t.slice(0, -1))
    toTop()
  }

  const notManager = session === 'ready' && !home
  const status = notManager ? 'error' : session === 'ready' ? summary.status : session
  const error = notManager ? '只有实践中心（所、站）管理员可以查看统计' : session === 'ready' ? summary.error : sessionError
  const s = summary.data?.stats ?? null

  return (
    <Screen className='stats'>
      <View className='card'>
        <Text className='stats__unit'>{nameOf(unitId)}</Text>
        {trail.length > 0 && (
          <Button className='btn' onClick={back}>
            返回{nameOf(trail[trail.length - 2] ?? home)}
          </Button>
        )}
        <View className='stats__periods' role='tablist' aria-label='统计期间'>
          {(Object.keys(PERIOD_LABELS) as PeriodKind[]).map((k) => (
            <View
              key={k}
              role='tab'
              aria-selected={k === kind}
              className={`stats__period${k === kind ? ' stats__period--on' : ''}`}
              onClick={() => setKind(k)}
            >
              <Text>{PERIOD_LABELS[k]}</Text>
            </View>
          ))}
        </View>
        {kind === 'custom' && (
          <View className='stats__custom'>
            <Picker mode='date' value={custom?.from ?? period.from.slice(0, 10)} onChange={(e) => setCustom({ from: e.detail.value, to: custom?.to ?? e.detail.value })}>
              <Text className='stats__period'>从 {custom?.from ?? period.from.slice(0, 10)}</Text>
            </Picker>
            <Picker mode='date' value={custom?.to ?? period.from.slice(0, 10)} onChange={(e) => setCustom({ from: custom?.from ?? e.detail.value, to: e.detail.value })}>
              <Text className='stats__period'>到 {custom?.to ?? period.from.slice(0, 10)}</Text>
            </Picker>
          </View>
        )}
      </View>

      <StateView
        status={status}
        error={error}
        onRetry={session === 'ready' && !notManager ? () => void summary.reload() : () => void login()}
        empty={s !== null && s.placed === 0}
        emptyText='本期暂无点单'
        emptyHint='换一个统计期间，或看看下级单位'
      >
        {s && (
          <>
            <View className='card'>
              <Text className='stats__section-title'>主要数据</Text>
              <View className='stats__headline'>
                {HEADLINE.map((key) => (
                  <View key={key} className='stats__figure' aria-label={`${FIGURES[key].label}${withUnit(key, s)}${FIGURES[key].unit === '%' ? '' : FIGURES[key].unit}`}>
                    <Text className='stats__value'>{withUnit(key, s)}</Text>
                    <Text className='stats__label'>
                      {FIGURES[key].label}（{FIGURES[key].unit}）
                    </Text>
                  </View>
                ))}
              </View>
              <FigureTable
                caption='口径说明'
                columns={[
                  { title: '指标', cell: (k: FigureKey) => FIGURES[k].label },
                  { title: '怎么算', cell: (k: FigureKey) => FIGURES[k].definition },
                ]}
                rows={HEADLINE}
                wide='last'
              />
            </View>

            <Funnel s={s} />
            <Fates s={s} />
            <LookBackCard s={s} month={kind === 'month' ? period.from.slice(0, 7) : monthOf(new Date())} unitId={unitId} />

            <View className='card'>
              <Text className='stats__section-title'>按月趋势</Text>
              <Chart id='chart-trend' option={trendOption(s.byMonth)} />
              <FigureTable
                caption='按月趋势'
                columns={[
                  { title: '月份', cell: (r: Summary['byMonth'][number]) => r.month },
                  { title: '点单', cell: (r) => r.placed },
                  { title: '完成', cell: (r) => r.served },
                  { title: '服务人数', cell: (r) => r.people },
                  { title: '志愿者人次', cell: (r) => r.volunteerTimes },
                ]}
                rows={s.byMonth}
              />
            </View>

            <View className='card'>
              <Text className='stats__section-title'>按服务主题</Text>
              <Chart id='chart-theme' option={barOption(s.themes.map((t) => ({ name: themeName(t.themeId), placed: t.placed, served: t.served })))} />
              <FigureTable
                caption='按服务主题'
                columns={[
                  { title: '主题', cell: (r: Summary['themes'][number]) => themeName(r.themeId) },
                  { title: '点单', cell: (r) => r.placed },
                  { title: '完成', cell: (r) => r.served },
                  { title: '服务人数', cell: (r) => r.people },
                ]}
                rows={s.themes}
              />
            </View>

            <View className='card'>
              <Text className='stats__section-title'>按下级单位</Text>
              <Text className='muted'>点一个单位，看它的统计</Text>
              <Chart
                id='chart-unit'
                option={barOption(s.units.map((u) => ({ name: nameOf(u.unitId), placed: u.placed, served: u.served })))}
                onTap={(name) => {
                  const unit = units.find((u) => u.name === name)
                  if (unit) drill(unit.id)
                }}
              />
              <FigureTable
                caption='按下级单位'
                columns={[
                  { title: '单位', cell: (r: Summary['units'][number]) => (r.unitId === unitId ? `${nameOf(r.unitId)}（本级）` : nameOf(r.unitId)) },
                  { title: '点单', cell: (r) => r.placed },
                  { title: '完成', cell: (r) => r.served },
                  { title: '服务人数', cell: (r) => r.people },
                  { title: '服务时长', cell: (r) => r.hours },
                ]}
                rows={s.units}
                onRow={(r) => drill(r.unitId)}
                rowHint='查看这个单位的统计'
              />
            </View>
          </>
        )}
      </StateView>

      {s && (
        <View className='card'>
          <Text className='stats__section-title'>近30天没有服务的队伍</Text>
          {idle.status === 'error' && <Text className='muted'>{idle.error}</Text>}
          {idle.data && idle.data.teams.length === 0 && <Text className='muted'>每支队伍近30天都有服务</Text>}
          {idle.data && idle.data.teams.length > 0 && (
            <FigureTable
              caption='近30天没有服务的队伍'
              columns={[
                { title: '队伍', cell: (t: ApiResponses['stats']['idleTeams']['teams'][number]) => t.name },
                { title: '所属单位', cell: (t) => nameOf(t.orgUnitId) },
                { title: '最近服务', cell: (t) => (t.lastServedAt ? t.lastServedAt.slice(0, 10) : '从未服务') },
              ]}
              rows={idle.data.teams}
            />
          )}
        </View>
      )}
    </Screen>
  )
}

/** 点单 → 派单 → 接单 → 完成 → 评单: how far the period's orders got. */
function Funnel({ s }: { s: Summary }) {
  const steps = [
    { label: '点单', value: s.placed },
    { label: '派单', value: s.dispatched },
    { label: '接单', value: s.taken },
    { label: '完成', value: s.served },
    { label: '评单', value: s.rated },
  ]
  const share = (v: number) => (s.placed > 0 ? `${Math.round((v / s.placed) * 100)}%` : '—')
  return (
    <View className='card'>
      <Text className='stats__section-title'>四单进度</Text>
      <Chart id='chart-funnel' option={funnelOption(steps)} />
      <FigureTable
        caption='四单进度'
        columns={[
          { title: '环节', cell: (r: (typeof steps)[number]) => r.label },
          { title: '单数', cell: (r) => r.value },
          { title: '占点单', cell: (r) => share(r.value) },
        ]}
        rows={steps}
      />
    </View>
  )
}

/** Where every order of the period stands: each in exactly one fate, with the reasons given. */
function Fates({ s }: { s: Summary }) {
  const f = s.fate
  const reasons = (list: Array<{ reason: string; n: number }>) => list.map((r) => `${r.reason} ${r.n}`).join('；') || '—'
  const rows = [
    { fate: FATE_LABELS.served, n: f.served, note: `其中已评单 ${s.rated}` },
    { fate: FATE_LABELS.open, n: f.open.total, note: `待派单 ${f.open.placed}，待接单 ${f.open.dispatched}，已接单 ${f.open.claimed}；超时 ${f.open.overdue}` },
    { fate: FATE_LABELS.rejected, n: f.rejected.total, note: reasons(f.rejected.reasons) },
    { fate: FATE_LABELS.cancelled, n: f.cancelled.total, note: reasons(f.cancelled.reasons) },
  ]
  return (
    <View className='card'>
      <Text className='stats__section-title'>每一单的去向</Text>
      <FigureTable
        caption='每一单的去向'
        columns={[
          { title: '去向', cell: (r: (typeof rows)[number]) => r.fate },
          { title: '单数', cell: (r) => r.n },
          { title: '说明', cell: (r) => r.note },
        ]}
        rows={rows}
        wide='last'
      />
      <Text className='muted'>
        合计 {f.served + f.open.total + f.rejected.total + f.cancelled.total} 单，等于点单数 {s.placed}。其中曾上报上级 {f.escalated} 单，曾撤回派单 {f.recalled} 单。
      </Text>
    </View>
  )
}

/** 待回头看: the period's orders without a resolved outcome, and the way to the month's list of them. */
function LookBackCard({ s, month, unitId }: { s: Summary; month: string; unitId: string }) {
  const f = s.fate
  return (
    <View className='card'>
      <Text className='stats__section-title'>回头看</Text>
      <Text>
        {FIGURES.lookBack.label} {s.lookBack} 单：{FIGURES.overdue.label} {f.open.overdue}，{FIGURES.rejected.label} {f.rejected.total}，{FIGURES.cancelled.label}{' '}
        {f.cancelled.total}，{FIGURES.followUpOpen.label} {s.followUpOpen}
      </Text>
      <Text className='muted'>{FIGURES.lookBack.definition}</Text>
      <Button className='btn' onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.stats.lookBack, { month, unitId }) })}>
        逐单回头看（{monthLabel(month)}）
      </Button>
    </View>
  )
}
