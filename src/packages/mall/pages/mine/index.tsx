import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import { formatPickupCode, REDEMPTION_STATUS_LABELS, type Redemption } from '~types/mall'
import BusyButton from '~src/components/BusyButton'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { useWrite } from '~src/hooks/useWrite'
import { formatTime } from '~src/lib/time'
import { upsertById } from '~src/lib/upsert'
import * as mall from '~src/services/mall'
import { toApiCallError } from '~src/services/transport'
import { useSession } from '~src/stores/session'
import PickupQr from '../../PickupQr'
import '../../mall.scss'

/** What became of a redemption, in a sentence. */
export function outcomeText(r: Redemption): string {
  if (r.status === 'reserved') return `请于${formatTime(r.expiresAt)}前领取，逾期自动取消并退还积分`
  if (r.status === 'fulfilled') return `${formatTime(r.fulfilledAt ?? r.createdAt)}已领取（${r.fulfilledByName ?? '管理员'}核销）`
  const why = r.cancelledBy === 'expired' ? '超过领取期限，已自动取消' : r.cancelledBy === 'manager' ? '管理员已取消' : '已取消'
  return `${formatTime(r.cancelledAt ?? r.createdAt)}${why}${r.cancelReason ? `：${r.cancelReason}` : ''}，${r.points}积分已退还`
}

/** 我的兑换: each redemption's code (large, and as a QR code while it waits), status, where to collect, and 取消. */
export default function MyRedemptions() {
  const { status: session, login } = useSession()
  const [items, setItems] = useState<Redemption[]>([])
  const [next, setNext] = useState<string | null>(null)
  const first = useLoad(async () => {
    const page = await mall.mine()
    setItems(page.items)
    setNext(page.nextCursor)
    return page
  })
  const write = useWrite()
  const [loadingMore, setLoadingMore] = useState(false)

  useEffect(() => {
    if (useSession.getState().status === 'idle') void login()
  }, [login])
  useEffect(() => {
    if (session === 'ready') void first.reload()
  }, [session])
  usePullToRefresh(() => first.reload())

  const more = async () => {
    if (!next || loadingMore) return
    setLoadingMore(true)
    try {
      const page = await mall.mine(next)
      setItems((xs) => [...xs, ...page.items])
      setNext(page.nextCursor)
    } catch (err) {
      void Taro.showToast({ title: toApiCallError(err).message, icon: 'none' })
    } finally {
      setLoadingMore(false)
    }
  }

  const cancel = async (r: Redemption) => {
    const key = `cancel:${r.id}`
    try {
      const answer = await write.run(key, async (requestId) => {
        const { confirm } = await Taro.showModal({
          title: '取消兑换',
          content: `取消后兑换码作废，${r.points}积分退回您的账户，${r.goodsName}×${r.quantity}放回货架。确定取消吗？`,
          confirmText: '取消兑换',
          cancelText: '再想想',
        })
        if (!confirm) return null
        return mall.cancel({ redemptionId: r.id, requestId })
      })
      if (!answer) {
        write.forget(key)
        return
      }
      setItems((xs) => upsertById(xs, answer.redemption))
      void Taro.showToast({ title: '已取消，积分已退还', icon: 'none' })
    } catch (err) {
      void Taro.showModal({ title: '没有取消成功', content: toApiCallError(err).message, showCancel: false })
      void first.reload()
    }
  }

  return (
    <Screen className='mall'>
      <StateView
        status={session === 'ready' ? first.status : session}
        error={first.error}
        onRetry={() => void first.reload()}
        empty={items.length === 0}
        emptyText='还没有兑换记录'
        emptyHint='到积分超市用积分兑换日用品吧'
      >
        {items.map((r) => (
          <View key={r.id} className='card mall__item'>
            <View className='mall__item-head'>
              <Text className='mall__name'>
                {r.goodsName}×{r.quantity}
              </Text>
              <Text className={r.status === 'reserved' ? 'chip' : 'chip mall__off'}>{REDEMPTION_STATUS_LABELS[r.status]}</Text>
            </View>
            <Text className='mall__points'>{r.points}积分</Text>
            {r.status === 'reserved' && (
              <>
                <Text className='muted'>兑换码（出示给站点工作人员）</Text>
                <Text className='mall__code'>{formatPickupCode(r.code)}</Text>
                <PickupQr code={r.code} />
              </>
            )}
            <Text>领取地点：{r.pickup}</Text>
            <Text className='muted'>{outcomeText(r)}</Text>
            {r.status === 'reserved' && (
              <View className='mall__actions'>
                <BusyButton kind='danger' busy={write.busy(`cancel:${r.id}`)} busyLabel='正在取消…' onClick={() => void cancel(r)}>
                  取消兑换
                </BusyButton>
              </View>
            )}
          </View>
        ))}
        {next && (
          <Button className='btn' disabled={loadingMore} onClick={() => void more()}>
            {loadingMore ? '正在加载…' : '加载更多'}
          </Button>
        )}
      </StateView>
    </Screen>
  )
}
