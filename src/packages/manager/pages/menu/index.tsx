import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { MenuItem, Theme } from '~types/domain'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { upsertById } from '~src/lib/upsert'
import * as catalog from '~src/services/catalog'
import { useManagedUnit } from '../../useManagedUnit'
import ItemForm from './ItemForm'
import './index.scss'
import { roleOf } from '~src/lib/roles'

/** 服务菜单管理: the items of the manager's own unit (those above it are their units' to maintain), by theme. */
export default function ManagerMenu() {
  const unit = useManagedUnit()
  const { unitId } = unit
  /** the item in the form: 'new' when adding, null when the list shows */
  const [editing, setEditing] = useState<MenuItem | 'new' | null>(null)

  const list = useLoad(async () => {
    const [menu, themes] = await Promise.all([catalog.menu({ unitId, includeInactive: true }), catalog.themes()])
    return { items: menu.items.filter((i) => i.orgUnitId === unitId), themes }
  })
  const { items, themes } = list.data ?? { items: [] as MenuItem[], themes: [] as Theme[] }

  usePullToRefresh(list.reload)
  useEffect(() => {
    if (unitId) void list.reload()
  }, [unitId])

  const saved = (item: MenuItem) => {
    list.update((d) => ({ ...d, items: upsertById(d.items, item) }))
    setEditing(null)
  }

  const groups = themes.map((theme) => ({ theme, items: items.filter((i) => i.themeId === theme.id) })).filter((g) => g.items.length > 0)
  const ready = unit.status === 'ready'

  return (
    <Screen className='mgr-menu'>
      <StateView
        status={ready ? list.status : unit.status}
        error={ready ? list.error : unit.error}
        onRetry={ready ? () => void list.reload() : unit.retry}
      >
        {editing ? (
          <ItemForm
            item={editing === 'new' ? undefined : editing}
            themes={themes}
            unitId={unitId}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <>
            <View className='card mgr-menu__head'>
              <Text className='mgr-menu__unit'>{unit.unitName || '本单位'}的服务菜单</Text>
              <Button className='btn btn--primary' onClick={() => setEditing('new')}>
                新增服务项目
              </Button>
            </View>
            {groups.length === 0 && (
              <View className='card state'>
                <Text className='state__text'>本单位还没有服务菜单</Text>
                <Text className='muted'>点“新增服务项目”，群众就能在菜单里点单了</Text>
              </View>
            )}
            {groups.map(({ theme, items: themed }) => (
              <View key={theme.id} className='mgr-menu__group'>
                <Text className='mgr-menu__theme'>{theme.name}</Text>
                {themed.map((item) => (
                  <View key={item.id} className='card mgr-menu__item' hoverClass='mgr-menu__item--pressed' {...roleOf('button')} onClick={() => setEditing(item)}>
                    <View className='mgr-menu__item-head'>
                      <Text className='mgr-menu__title'>{item.title}</Text>
                      <Text className={item.active ? 'chip' : 'chip mgr-menu__off'}>{item.active ? '上架' : '已下架'}</Text>
                    </View>
                    {item.description && <Text className='muted mgr-menu__desc'>{item.description}</Text>}
                    <Text className='mgr-menu__points'>{item.points} 积分 · 点此修改</Text>
                  </View>
                ))}
              </View>
            ))}
          </>
        )}
      </StateView>
    </Screen>
  )
}
