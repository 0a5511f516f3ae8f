import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import type { Team, Theme } from '~types/domain'
import { schemas } from '~types/schemas'
import { newRequestId } from '~src/lib/requestId'
import * as catalog from '~src/services/catalog'
import { toApiCallError } from '~src/services/transport'
import FormFooter from '~src/components/FormFooter'

interface Props {
  /** the team being edited; absent when adding one */
  team?: Team
  themes: Theme[]
  unitId: string
  onSaved: (team: Team) => void
  onCancel: () => void
}

/** Add or edit one 志愿服务队 of the unit. Members and the leader are kept as they are. */
export default function TeamForm({ team, themes, unitId, onSaved, onCancel }: Props) {
  const [name, setName] = useState(team?.name ?? '')
  const [themeIds, setThemeIds] = useState<string[]>(team?.themeIds ?? [])
  const [description, setDescription] = useState(team?.description ?? '')
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  const requestId = useRef(newRequestId())

  const toggle = (id: string) => setThemeIds(themeIds.includes(id) ? themeIds.filter((t) => t !== id) : [...themeIds, id])

  const save = async () => {
    if (saving) return
    const parsed = schemas.catalog.upsertTeam.safeParse({
      ...(team ? { id: team.id } : {}),
      name: name.trim(),
      themeIds,
      // a team of a unit below keeps its unit when edited
      orgUnitId: team?.orgUnitId ?? unitId,
      leaderId: team?.leaderId ?? null,
      description: description.trim(),
      requestId: requestId.current,
    })
    if (!parsed.success) {
      setError(parsed.error.issues[0].message)
      return
    }
    setSaving(true)
    setError('')
    try {
      const { team: saved } = await catalog.upsertTeam(parsed.data)
      void Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved(saved)
    } catch (err) {
      setError(toApiCallError(err).message)
    } finally {
      setSaving(false)
    }
  }

  return (
    <View className='card'>
      <Text className='mgr-teams__form-title'>{team ? '修改志愿服务队' : '新增志愿服务队'}</Text>

      <Text className='field-label'>队伍名称</Text>
      <Input className='input' value={name} maxlength={40} placeholder='如：滩尾村孝老志愿服务队' onInput={(e) => setName(e.detail.value)} />

      <Text className='field-label'>服务主题（可多选）</Text>
      <View className='mgr-teams__themes'>
        {themes.map((t) => {
          const on = themeIds.includes(t.id)
          return (
            <View
              key={t.id}
              className={`mgr-teams__theme${on ? ' mgr-teams__theme--on' : ''}`}
              role='checkbox'
              aria-checked={on}
              onClick={() => toggle(t.id)}
            >
              {t.name}
            </View>
          )
        })}
      </View>

      <Text className='field-label'>队伍介绍（选填）</Text>
      <Textarea
        className='textarea'
        value={description}
        maxlength={300}
        placeholder='队伍擅长什么、服务时间'
        onInput={(e) => setDescription(e.detail.value)}
      />

      <FormFooter error={error} busy={saving} label='保存' busyLabel='正在保存…' onSubmit={() => void save()}>
        <Button className='btn' onClick={onCancel}>
          取消
        </Button>
      </FormFooter>
    </View>
  )
}
