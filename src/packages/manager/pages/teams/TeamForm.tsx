import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Team, Theme } from '~types/domain'
import type { TeamListing } from '~types/api'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import { useSubmit } from '~src/hooks/useSubmit'
import * as catalog from '~src/services/catalog'

const TEAM = schemas.catalog.upsertTeam

interface Props {
  /** the team being edited; absent when adding one */
  team?: TeamListing
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
  const form = useSubmit(TEAM, catalog.upsertTeam)

  const toggle = (id: string) => setThemeIds(themeIds.includes(id) ? themeIds.filter((t) => t !== id) : [...themeIds, id])

  const save = async () => {
    const answer = await form.submit({
      ...(team ? { id: team.id } : {}),
      name: name.trim(),
      themeIds,
      // a team of a unit below keeps its unit when edited
      orgUnitId: team?.orgUnitId ?? unitId,
      leaderId: team?.leaderId ?? null,
      description: description.trim(),
    })
    if (!answer) return
    void Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved(answer.team)
  }

  return (
    <View className='card'>
      <Text className='mgr-teams__form-title'>{team ? '修改志愿服务队' : '新增志愿服务队'}</Text>

      <Field label='队伍名称' schema={TEAM} name='name' value={name} placeholder='如：滩尾村孝老志愿服务队' onInput={setName} />

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

      <Field label='队伍介绍（选填）' schema={TEAM} name='description' multiline value={description} placeholder='队伍擅长什么、服务时间' onInput={setDescription} />

      <FormFooter error={form.error} busy={form.busy} label='保存' busyLabel='正在保存…' onSubmit={() => void save()}>
        <Button className='btn' onClick={onCancel}>
          取消
        </Button>
      </FormFooter>
    </View>
  )
}
