import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { LIMIT_KEYS, type LimitKey } from '~types/domain'
import { LIMIT_RANGES, schemas } from '~types/schemas'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { useSubmit } from '~src/hooks/useSubmit'
import * as catalog from '~src/services/catalog'
import { useManagedUnit } from '../../useManagedUnit'
import { rememberLimits } from '../../useUnitLimits'
import './index.scss'
import FormFooter from '~src/components/FormFooter'

/** What a person types for a limit: a number, or '' to inherit it from the unit above again. */
type Draft = Partial<Record<LimitKey, string>>

/** 时限设置: how long an order may wait at each step in this unit, inherited from above unless set here. */
export default function Limits() {
  const unit = useManagedUnit()
  const { unitId } = unit
  const limits = useLoad(() => catalog.limits(unitId))
  const [draft, setDraft] = useState<Draft>({})
  const form = useSubmit(schemas.catalog.updateLimits, catalog.updateLimits)

  useEffect(() => {
    if (unitId) void limits.reload()
  }, [unitId])

  const data = limits.data
  const sourceOf = (key: LimitKey) => {
    if (!data) return ''
    const from = data.sources[key]
    if (from === unitId) return '本单位设置'
    return from ? `沿用${unit.nameOf(from) || '上级单位'}` : '沿用全县默认'
  }

  const save = async () => {
    if (!data) return
    const changes = Object.fromEntries(
      Object.entries(draft).map(([key, text]) => [key, text!.trim() === '' ? null : Number(text)]),
    )
    const updated = await form.submit({ unitId, ...changes })
    if (!updated) return
    limits.update(() => updated)
    rememberLimits(unitId, updated.limits)
    setDraft({})
    void Taro.showToast({ title: '已保存', icon: 'success' })
  }

  const ready = unit.status === 'ready'
  return (
    <Screen className='limits'>
      <StateView
        status={ready ? limits.status : unit.status}
        error={ready ? limits.error : unit.error}
        onRetry={ready ? () => void limits.reload() : unit.retry}
      >
        {data && (
          <>
            <View className='card'>
              <Text className='limits__unit'>{unit.unitName || '本单位'}</Text>
              <Text className='muted'>
                超过时限，系统会提醒相关的人，或自动上报、退回、办结。没有单独设置的，沿用上级单位；清空一项即恢复沿用。
              </Text>
            </View>
            <View className='card'>
              {LIMIT_KEYS.map((key) => (
                <View key={key} className='limits__row'>
                  <Text className='field-label'>{LIMIT_RANGES[key].label}</Text>
                  <Input
                    className='input'
                    type='digit'
                    value={draft[key] ?? String(data.own[key] ?? '')}
                    placeholder={`沿用：${data.limits[key]}`}
                    onInput={(e) => setDraft((d) => ({ ...d, [key]: e.detail.value }))}
                  />
                  <Text className='muted'>
                    现行 {data.limits[key]} · {sourceOf(key)}
                  </Text>
                </View>
              ))}
              <FormFooter
                error={form.error}
                busy={form.busy}
                label='保存'
                busyLabel='正在保存…'
                disabled={Object.keys(draft).length === 0}
                onSubmit={() => void save()}
              />
            </View>
          </>
        )}
      </StateView>
    </Screen>
  )
}
