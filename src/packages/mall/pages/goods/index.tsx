import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Goods } from '~types/mall'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { upsertById } from '~src/lib/upsert'
import * as mall from '~src/services/mall'
import { ROUTES } from '../../../../routes'
import { useManager } from '../../useManager'
import GoodsForm from './GoodsForm'
import '../../mall.scss'

/** 商品管理 (managers): the goods of their own unit's shelf, on and off it, with stock; add or edit one. */
export default function GoodsAdmin() {
  const manager = useManager()
  const { unitId } = manager
  const [editing, setEditing] = useState<Goods | 'new' | null>(null)
  const list = useLoad(() => mall.goods({ unitId, includeInactive: true }))
  const items = list.data?.items ?? []

  useEffect(() => {
    if (unitId) void list.reload()
  }, [unitId])
  usePullToRefresh(() => list.reload())

  const saved = (goods: Goods) => {
    list.update((d) => ({ ...d, items: upsertById(d.items, goods) }))
    setEditing(null)
  }
  const ready = manager.status === 'ready'

  return (
    <Screen className='mall'>
      <StateView status={ready ? list.status : manager.status} error={ready ? list.error : manager.error} onRetry={ready ? () => void list.reload() : manager.retry}>
        {editing ? (
          <GoodsForm goods={editing === 'new' ? undefined : editing} unitId={unitId} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <>
            <View className='card mall__actions'>
              <Button className='btn btn--primary' onClick={() => setEditing('new')}>
                上架新商品
              </Button>
              <Button className='btn' onClick={() => void Taro.navigateTo({ url: ROUTES.mall.fulfil })}>
                核销兑换码
              </Button>
            </View>
            {items.length === 0 && (
              <View className='card state'>
                <Text className='state__text'>本单位的积分超市还没有商品</Text>
                <Text className='muted'>点“上架新商品”，志愿者和群众就能用积分兑换了</Text>
              </View>
            )}
            {items.map((g) => (
              <View key={g.id} className='card mall__item' hoverClass='mall__item--pressed' onClick={() => setEditing(g)}>
                <View className='mall__item-head'>
                  <Text className='mall__name'>{g.name}</Text>
                  <Text className={g.active ? 'chip' : 'chip mall__off'}>{g.active ? '上架' : '已下架'}</Text>
                </View>
                <View className='mall__facts'>
                  <Text>{g.points}积分</Text>
                  <Text>库存{g.stock}件</Text>
                  {g.perPersonMonthly !== null && <Text>每人每月限兑{g.perPersonMonthly}件</Text>}
                </View>
                <Text className='muted'>领取：{g.pickup} · 点此修改</Text>
              </View>
            ))}
          </>
        )}
      </StateView>
    </Screen>
  )
}
