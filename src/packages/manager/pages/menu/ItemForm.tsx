import { useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Picker, Switch, Text, Textarea, View } from '@tarojs/components'
import type { MenuItem, Theme } from '~types/domain'
import { schemas } from '~types/schemas'
import { newRequestId } from '~src/lib/requestId'
import * as catalog from '~src/services/catalog'
import { toApiCallError } from '~src/services/transport'
import FormFooter from '~src/components/FormFooter'

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
  const [error, setError] = useState('')
  const [saving, setSaving] = useState(false)
  const requestId = useRef(newRequestId())

  const themeIndex = themes.findIndex((t) => t.id === themeId)

  const save = async () => {
    if (saving) return
    const input = {
      ...(item ? { id: item.id } : {}),
      title: title.trim(),
      description: description.trim(),
      themeId,
      orgUnitId: unitId,
      points: points.trim() === '' ? undefined : Number(points),
      active,
      requestId: requestId.current,
    }
    const parsed = schemas.catalog.upsertMenuItem.safeParse(input)
    if (!parsed.success) {
      setError(parsed.error.issues[0].message)
      return
    }
    if (item?.active && !active) {
      const { confirm } = await Taro.showModal({ title: '下架服务', content: `下架后群众将看不到“${input.title}”，确定下架吗？` })
      if (!confirm) return
    }
    setSaving(true)
    setError('')
    try {
      const { item: saved } = await catalog.upsertMenuItem(parsed.data)
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
      <Text className='mgr-menu__form-title'>{item ? '修改服务项目' : '新增服务项目'}</Text>

      <Text className='field-label'>名称</Text>
      <Input className='input' value={title} maxlength={40} placeholder='服务名称，如：上门量血压' onInput={(e) => setTitle(e.detail.value)} />

      <Text className='field-label'>说明（选填）</Text>
      <Textarea
        className='textarea'
        value={description}
        maxlength={300}
        placeholder='服务内容、时间、注意事项'
        onInput={(e) => setDescription(e.detail.value)}
      />

      <Text className='field-label'>服务主题</Text>
      <Picker
        mode='selector'
        range={themes.map((t) => t.name)}
        value={Math.max(0, themeIndex)}
        onChange={(e) => setThemeId(themes[Number(e.detail.value)]?.id ?? '')}
      >
        <View className='input mgr-menu__picker'>{themeIndex >= 0 ? themes[themeIndex].name : '请选择服务主题'}</View>
      </Picker>

      <Text className='field-label'>积分（0至100）</Text>
      <Input
        className='input'
        type='number'
        value={points}
        maxlength={3}
        placeholder='志愿者完成后可得的积分'
        onInput={(e) => setPoints(e.detail.value)}
      />

      <View className='mgr-menu__switch-row'>
        <Text className='field-label'>上架（群众可以点这项服务）</Text>
        <Switch checked={active} color='#C8102E' onChange={(e) => setActive(e.detail.value)} />
      </View>

      <FormFooter error={error} busy={saving} label='保存' busyLabel='正在保存…' onSubmit={() => void save()}>
        <Button className='btn' onClick={onCancel}>
          取消
        </Button>
      </FormFooter>
    </View>
  )
}
