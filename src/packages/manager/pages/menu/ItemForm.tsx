import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Picker, Switch, Text, View } from '@tarojs/components'
import type { MenuItem, Theme } from '~types/domain'
import { schemas } from '~types/schemas'
import Field from '~src/components/Field'
import FormFooter from '~src/components/FormFooter'
import { useSubmit } from '~src/hooks/useSubmit'
import * as catalog from '~src/services/catalog'

const ITEM = schemas.catalog.upsertMenuItem

interface Props {
  /** the item being edited; absent when adding one */
  item?: MenuItem
  themes: Theme[]
  unitId: string
  onSaved: (item: MenuItem) => void
  onCancel: () => void
}

/** Add or edit one item of the unit's 服务菜单. */
export default function ItemForm({ item, themes, unitId, onSaved, onCancel }: Props) {
  const [title, setTitle] = useState(item?.title ?? '')
  const [description, setDescription] = useState(item?.description ?? '')
  const [themeId, setThemeId] = useState(item?.themeId ?? '')
  const [points, setPoints] = useState(item ? String(item.points) : '')
  const [active, setActive] = useState(item?.active ?? true)
  const form = useSubmit(ITEM, catalog.upsertMenuItem)

  const themeIndex = themes.findIndex((t) => t.id === themeId)

  const save = async () => {
    const input = {
      ...(item ? { id: item.id } : {}),
      title: title.trim(),
      description: description.trim(),
      themeId,
      orgUnitId: unitId,
      points: points.trim() === '' ? (undefined as unknown as number) : Number(points),
      active,
    }
    const takenOff = item?.active === true && !active
    const answer = await form.submit(input, {
      confirm: takenOff
        ? async () => (await Taro.showModal({ title: '下架服务', content: `下架后群众将看不到“${input.title}”，确定下架吗？` })).confirm
        : undefined,
    })
    if (!answer) return
    void Taro.showToast({ title: '已保存', icon: 'success' })
    onSaved(answer.item)
  }

  return (
    <View className='card'>
      <Text className='mgr-menu__form-title'>{item ? '修改服务项目' : '新增服务项目'}</Text>

      <Field label='名称' schema={ITEM} name='title' value={title} placeholder='服务名称，如：上门量血压' onInput={setTitle} />
      <Field label='说明（选填）' schema={ITEM} name='description' multiline value={description} placeholder='服务内容、时间、注意事项' onInput={setDescription} />

      <Text className='field-label'>服务主题</Text>
      <Picker
        mode='selector'
        range={themes.map((t) => t.name)}
        value={Math.max(0, themeIndex)}
        onChange={(e) => setThemeId(themes[Number(e.detail.value)]?.id ?? '')}
      >
        <View className='input mgr-menu__picker'>{themeIndex >= 0 ? themes[themeIndex].name : '请选择服务主题'}</View>
      </Picker>

      <Field label='积分（0至100）' schema={ITEM} name='points' type='number' value={points} placeholder='志愿者完成后可得的积分' onInput={setPoints} />

      <View className='mgr-menu__switch-row'>
        <Text className='field-label'>上架（群众可以点这项服务）</Text>
        <Switch checked={active} color='#C8102E' onChange={(e) => setActive(e.detail.value)} />
      </View>

      <FormFooter error={form.error} busy={form.busy} label='保存' busyLabel='正在保存…' onSubmit={() => void save()}>
        <Button className='btn' onClick={onCancel}>
          取消
        </Button>
      </FormFooter>
    </View>
  )
}
