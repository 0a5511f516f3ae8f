import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Image, Picker, Text, View } from '@tarojs/components'
import type { Goods } from '~types/mall'
import BusyButton from '~src/components/BusyButton'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { useWrite } from '~src/hooks/useWrite'
import * as mall from '~src/services/mall'
import { pictureUrl } from '~src/services/photos'
import { toApiCallError } from '~src/services/transport'
import { useSession } from '~src/stores/session'
import { ROUTES } from '../../../../routes'
import '../../mall.scss'

/** Most items of one goods in one redemption (the schema's limit, mall.redeem quantity). */
const MAX_QUANTITY = 10

/** What 兑换 will do, said before it is done. */
export function confirmText(goods: Goods, quantity: number, balance: number): string {
  const cost = goods.points * quantity
  return `将扣除${cost}积分（兑换后余${balance - cost}分），兑换${goods.name}×${quantity}。请凭兑换码到${goods.pickup}领取；超过领取期限未领，自动取消并退还积分。`
}

/** 积分超市: the goods of the person's station, 所 and county with stock and points, their balance, and 兑换. */
export default function Shop() {
  const { status: session, login } = useSession()
  const shelf = useLoad(() => mall.goods())
  const write = useWrite()
  const [quantities, setQuantities] = useState<Record<string, number>>({})

  useEffect(() => {
    if (useSession.getState().status === 'idle') void login()
  }, [login])
  useEffect(() => {
    if (session === 'ready') void shelf.reload()
  }, [session])
  usePullToRefresh(() => shelf.reload())

  const items = shelf.data?.items ?? []
  const balance = shelf.data?.balance ?? 0

  const redeem = async (goods: Goods) => {
    const quantity = quantities[goods.id] ?? 1
    const key = `redeem:${goods.id}:${quantity}`
    try {
      const answer = await write.run(key, async (requestId) => {
        const { confirm } = await Taro.showModal({ title: '确认兑换', content: confirmText(goods, quantity, balance), confirmText: '兑换' })
        if (!confirm) return null
        return mall.redeem({ goodsId: goods.id, quantity, requestId })
      })
      if (!answer) {
        write.forget(key)
        return
      }
      shelf.update((d) => ({
        balance: answer.balance,
        items: d.items.map((g) => (g.id === goods.id ? { ...g, stock: g.stock - quantity } : g)),
      }))
      void Taro.showToast({ title: '兑换成功', icon: 'success' })
      void Taro.navigateTo({ url: ROUTES.mall.mine })
    } catch (err) {
      void Taro.showModal({ title: '没有兑换成功', content: toApiCallError(err).message, showCancel: false })
      // the stock or balance changed: show them as they are now
      void shelf.reload()
    }
  }

  return (
    <Screen className='mall'>
      <View className='card mall__balance'>
        <Text>我的积分</Text>
        <Text className='mall__balance-num'>{shelf.data ? `${balance}分` : '—'}</Text>
        <Button className='btn' onClick={() => void Taro.navigateTo({ url: ROUTES.mall.mine })}>
          我的兑换
        </Button>
      </View>
      <StateView
        status={session === 'ready' ? shelf.status : session}
        error={shelf.error}
        onRetry={() => void shelf.reload()}
        empty={items.length === 0}
        emptyText='积分超市还没有上架商品'
        emptyHint='实践站、所上架商品后，就能用积分兑换了'
      >
        {items.map((g) => {
          const quantity = quantities[g.id] ?? 1
          const choices = Array.from({ length: Math.max(1, Math.min(MAX_QUANTITY, g.stock)) }, (_, i) => i + 1)
          return (
            <View key={g.id} className='card mall__item'>
              {g.pictureSrc && <GoodsImage src={g.pictureSrc} name={g.name} />}
              <View className='mall__item-head'>
                <Text className='mall__name'>{g.name}</Text>
                <Text className='mall__points'>{g.points}积分</Text>
              </View>
              <View className='mall__facts'>
                <Text>{g.stock > 0 ? `库存${g.stock}件` : '已兑完'}</Text>
                {g.perPersonMonthly !== null && <Text>每人每月限兑{g.perPersonMonthly}件</Text>}
              </View>
              <Text className='muted'>领取：{g.pickup}</Text>
              {g.stock > 0 && (
                <View className='mall__actions'>
                  <Picker mode='selector' range={choices.map((n) => `${n}件`)} value={quantity - 1} onChange={(e) => setQuantities((q) => ({ ...q, [g.id]: Number(e.detail.value) + 1 }))}>
                    <Text className='mall__qty' aria-label='选择数量'>
                      数量：{quantity}件
                    </Text>
                  </Picker>
                  <BusyButton kind='primary' busy={write.busy(`redeem:${g.id}:${quantity}`)} busyLabel='正在兑换…' onClick={() => void redeem(g)}>
                    兑换
                  </BusyButton>
                </View>
              )}
            </View>
          )
        })}
      </StateView>
    </Screen>
  )
}

/** The goods picture; one not yet passed by content security (or not to be fetched) is left out instead of broken. */
function GoodsImage({ src, name }: { src: string; name: string }) {
  const [failed, setFailed] = useState(false)
  if (failed) return null
  // named on a wrapper: on H5 Taro's <img> inside the Image carries no alt
  return (
    <View role='img' aria-label={`${name}的图片`}>
      <Image className='mall__picture' src={pictureUrl(src)} mode='aspectFill' lazyLoad aria-hidden='true' onError={() => setFailed(true)} />
    </View>
  )
}
