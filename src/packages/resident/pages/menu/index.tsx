import { useEffect, useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import type { MenuItem, Theme } from '~types/domain'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useParam } from '~src/hooks/useParam'
import { ROUTES, withQuery } from '~src/routes'
import * as catalog from '~src/services/catalog'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { searchHint } from './hint'
import './index.scss'
import { roleOf } from '~src/lib/roles'

interface Group {
  theme: Theme
  items: MenuItem[]
}

/** Menu items by theme (themes in their set order, empty ones hidden), keeping those that match the search. */
function groupItems(themes: Theme[], items: MenuItem[], query: string): Group[] {
  const q = query.trim().toLowerCase()
  const matching = q ? items.filter((i) => `${i.title} ${i.description}`.toLowerCase().includes(q)) : items
  return [...themes]
    .sort((a, b) => a.sort - b.sort)
    .map((theme) => ({ theme, items: matching.filter((i) => i.themeId === theme.id) }))
    .filter((g) => g.items.length > 0)
}

/** 服务菜单: what the person's station, its 所 and the county offer; 代办员 come here with proxy=1 (代人点单). */
export default function Menu() {
  const proxy = useParam('proxy') === '1'
  const menu = useLoad(() => catalog.menu())
  usePullToRefresh(menu.reload)
  const [query, setQuery] = useState('')

  useEffect(() => {
    if (proxy) void Taro.setNavigationBarTitle({ title: '代人点单' })
    void menu.reload()
  }, [])

  const groups = useMemo(
    () => (menu.data ? groupItems(menu.data.themes, menu.data.items, query) : []),
    [menu.data, query],
  )

  const place = (menuItemId?: string) =>
    void Taro.navigateTo({ url: withQuery(ROUTES.resident.place, { menuItemId, proxy: proxy ? 1 : undefined }) })

  const freeText = (
    <View className='card menu__free' {...roleOf('link')} onClick={() => place()} hoverClass='menu__pressed'>
      <Text className='menu__free-title'>没有合适的服务？直接说需求</Text>
      <Text className='muted'>写下需要什么帮助，由实践站安排</Text>
    </View>
  )

  const noItems = menu.data?.items.length === 0
  return (
    <Screen className='menu'>
      {proxy && <Text className='card menu__proxy'>代人点单：替没有手机的群众选择服务，点单时填写对方姓名</Text>}
      <Input
        className='input menu__search'
        value={query}
        placeholder={searchHint(menu.data?.items ?? [])}
        confirmType='search'
        onInput={(e) => setQuery(e.detail.value)}
      />
      <StateView
        status={menu.status}
        error={menu.error}
        onRetry={() => void menu.reload()}
        empty={groups.length === 0}
        emptyText={noItems ? '这里还没有服务菜单' : `没有找到“${query.trim()}”相关的服务`}
        emptyHint={noItems ? '可以直接说需求，由实践站安排' : '换个词试试，或直接说需求'}
      >
        {groups.map(({ theme, items }) => (
          <View key={theme.id} className='menu__group'>
            <Text className='menu__theme'>{theme.name}</Text>
            {items.map((item) => (
              <View key={item.id} className='card menu__item' {...roleOf('link')} onClick={() => place(item.id)} hoverClass='menu__pressed'>
                <Text className='menu__item-title'>{item.title}</Text>
                {item.description && <Text className='menu__item-desc'>{item.description}</Text>}
              </View>
            ))}
          </View>
        ))}
      </StateView>
      {menu.status === 'ready' && freeText}
    </Screen>
  )
}
