import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import { EXPORT_KIND_LABELS, EXPORT_KINDS, type ExportFormat, type ExportKind } from '~types/exports'
import type { ExportAnswer } from '~types/api'
import { schemas } from '~types/schemas'
import BusyButton from '~src/components/BusyButton'
import FormFooter from '~src/components/FormFooter'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useSubmit } from '~src/hooks/useSubmit'
import { useWrite } from '~src/hooks/useWrite'
import * as exportService from '~src/services/export'
import { toApiCallError } from '~src/services/transport'
import { useManagedUnit } from '../../useManagedUnit'
import { chinaToday, PERIOD_CHOICES, PERIOD_LABELS, periodOf, type PeriodChoice } from './period'
import './index.scss'

const KIND_HINTS: Record<ExportKind, string> = {
  activities: '每次完成的服务一行：日期、地点、队伍、志愿者及时长、服务人数、评价',
  orders: '本期每一张点单和它的去向：已服务、进行中、已退回、已取消',
  volunteers: '每位志愿者的服务次数、时长和积分',
  report14534: '年度“14534”报表要的数字，每项附统计口径',
  honours: '优秀志愿者、服务队、实践站三张排名表，与光荣榜“年度评选”一致，选中时按本年',
}

/** weapp opens xlsx with its document viewer but not csv, so csv is offered where a computer saves it (H5). */
const FORMATS: ExportFormat[] = process.env.TARO_ENV === 'weapp' ? ['xlsx'] : ['xlsx', 'csv']
const FORMAT_LABELS: Record<ExportFormat, string> = { xlsx: 'Excel（xlsx）', csv: 'CSV（UTF-8）' }

function Choice({ label, hint, selected, onTap }: { label: string; hint?: string; selected: boolean; onTap: () => void }) {
  return (
    <View className={`export__choice${selected ? ' export__choice--on' : ''}`} role='radio' aria-checked={selected} onClick={onTap}>
      <Text className='export__choice-label'>{label}</Text>
      {hint && <Text className='muted export__choice-hint'>{hint}</Text>}
    </View>
  )
}

/** 导出: the files a center files (台账, 点单明细, 志愿者统计, 14534报表) for a period, made by export.create. */
export default function ExportPage() {
  const unit = useManagedUnit()
  const [kind, setKind] = useState<ExportKind>('activities')
  const [period, setPeriod] = useState<PeriodChoice>('thisMonth')
  const today = chinaToday(new Date())
  const [custom, setCustom] = useState({ from: `${today.slice(0, 8)}01`, to: today })
  const [format, setFormat] = useState<ExportFormat>('xlsx')
  const [made, setMade] = useState<ExportAnswer | null>(null)
  const [openError, setOpenError] = useState('')
  const form = useSubmit(schemas.export.create, exportService.create)
  const opening = useWrite()

  const openFile = async (file: ExportAnswer) => {
    setOpenError('')
    try {
      await opening.run('open', async () => {
        await exportService.open(file)
        return true
      })
    } catch (err) {
      setOpenError(toApiCallError(err).message)
    }
  }

  // the made file's card is below the 导出 button, out of sight on a phone: bring it into view
  useEffect(() => {
    if (made) void Taro.pageScrollTo({ selector: '.export__made', duration: 0 }).catch(() => undefined)
  }, [made])

  // 年度评选 ranks a year: choosing it picks 本年 (another period can still be chosen after)
  const chooseKind = (k: ExportKind) => {
    setKind(k)
    if (k === 'honours') setPeriod('thisYear')
  }

  const make = async () => {
    setMade(null)
    setOpenError('')
    const range = periodOf(period, new Date(), custom)
    const file = await form.submit({ kind, unitId: unit.unitId, ...range, format })
    if (!file) return
    setMade(file)
    await openFile(file)
  }

  return (
    <Screen className='export'>
      <StateView status={unit.status} error={unit.error} onRetry={unit.retry}>
        <View className='card'>
          <Text className='export__unit'>{unit.unitName || '本单位'}</Text>
          <Text className='muted'>导出本单位及下级单位的记录，数字全部来自系统里的点单，不用手工汇总。</Text>
        </View>
        <View className='card' role='radiogroup' aria-label='导出内容'>
          <Text className='field-label'>导出内容</Text>
          {EXPORT_KINDS.map((k) => (
            <Choice key={k} label={EXPORT_KIND_LABELS[k]} hint={KIND_HINTS[k]} selected={kind === k} onTap={() => chooseKind(k)} />
          ))}
        </View>
        <View className='card' role='radiogroup' aria-label='时间范围'>
          <Text className='field-label'>时间范围</Text>
          <View className='export__row'>
            {PERIOD_CHOICES.map((p) => (
              <Choice key={p} label={PERIOD_LABELS[p]} selected={period === p} onTap={() => setPeriod(p)} />
            ))}
          </View>
          {period === 'custom' && (
            <View className='export__dates'>
              <Picker mode='date' value={custom.from} end={today} onChange={(e) => setCustom((c) => ({ ...c, from: String(e.detail.value) }))}>
                <View className='input'>从 {custom.from}</View>
              </Picker>
              <Picker mode='date' value={custom.to} end={today} onChange={(e) => setCustom((c) => ({ ...c, to: String(e.detail.value) }))}>
                <View className='input'>到 {custom.to}</View>
              </Picker>
              <Text className='muted'>含起止两天，最长3年</Text>
            </View>
          )}
        </View>
        {FORMATS.length > 1 && (
          <View className='card' role='radiogroup' aria-label='文件格式'>
            <Text className='field-label'>文件格式</Text>
            <View className='export__row'>
              {FORMATS.map((f) => (
                <Choice key={f} label={FORMAT_LABELS[f]} selected={format === f} onTap={() => setFormat(f)} />
              ))}
            </View>
          </View>
        )}
        <View className='card'>
          <FormFooter error={form.error} busy={form.busy} label='导出' busyLabel='正在生成文件…' onSubmit={() => void make()} />
        </View>
        {made && (
          <View className='card export__made' role='status'>
            <Text className='export__file'>{made.fileName}</Text>
            <Text className='muted'>
              共{made.rows}行 · 24小时内可再次打开
            </Text>
            {openError && (
              <View className='field-error' role='alert'>
                {openError}
              </View>
            )}
            <View className='actions'>
              <BusyButton kind='primary' busy={opening.busy('open')} busyLabel='正在打开…' onClick={() => void openFile(made)}>
                {process.env.TARO_ENV === 'weapp' ? '打开并转发' : '下载文件'}
              </BusyButton>
            </View>
          </View>
        )}
      </StateView>
    </Screen>
  )
}
