import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { formatPickupCode, normalizePickupCode, PICKUP_CODE_LENGTH, type Redemption } from '~types/mall'
import BusyButton from '~src/components/BusyButton'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { useWrite } from '~src/hooks/useWrite'
import { formatTime } from '~src/lib/time'
import * as mall from '~src/services/mall'
import { toApiCallError } from '~src/services/transport'
import { useManager } from '../../useManager'
import '../../mall.scss'

const canScan = process.env.TARO_ENV === 'weapp'

/**
 * 核销 (managers): scan the person's QR code (weapp) or type their code, see what to hand over, confirm. The unit's
 * redemptions waiting to be collected are listed below; a tap on one picks it.
 */
export default function Fulfil() {
  const manager = useManager()
  const { unitId } = manager
  const pending = useLoad(() => mall.pending({ unitId }))
  const write = useWrite()
  const [typed, setTyped] = useState('')
  const [done, setDone] = useState<Redemption | null>(null)

  useEffect(() => {
    if (unitId) void pending.reload()
  }, [unitId])
  usePullToRefresh(() => pending.reload())

  const code = normalizePickupCode(typed)
  const items = pending.data?.items ?? []
  const found = code.length === PICKUP_CODE_LENGTH ? (items.find((r) => r.code === code) ?? null) : null

  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })
      setTyped(normalizePickupCode(res.result))
      setDone(null)
    } catch {
      // the person closed the camera: nothing to do
    }
  }

  const confirm = async () => {
    const key = `fulfil:${code}`
    try {
      const answer = await write.run(key, async (requestId) => {
        const what = found ? `${found.goodsName}×${found.quantity}（${found.userName}）` : `兑换码${formatPickupCode(code)}对应的商品`
        const { confirm: yes } = await Taro.showModal({ title: '确认核销', content: `请把${what}交给兑换人。核销后不能撤销，确定已交付吗？`, confirmText: '已交付' })
        if (!yes) return null
        return mall.fulfil({ code, requestId })
      })
      if (!answer) {
        write.forget(key)
        return
      }
      setDone(answer.redemption)
      setTyped('')
      pending.update((d) => ({ ...d, items: d.items.filter((r) => r.id !== answer.redemption.id) }))
      void Taro.showToast({ title: '核销成功', icon: 'success' })
    } catch (err) {
      void Taro.showModal({ title: '没有核销', content: toApiCallError(err).message, showCancel: false })
      void pending.reload()
    }
  }

  const ready = manager.status === 'ready'
  return (
    <Screen className='mall'>
      <View className='card mall__item'>
        <Text className='mall__name'>核销兑换码</Text>
        <Input
          className='input'
          value={typed}
          maxlength={PICKUP_CODE_LENGTH + 4}
          placeholder={`输入兑换人出示的${PICKUP_CODE_LENGTH}位兑换码`}
          onInput={(e) => {
            setTyped(e.detail.value)
            setDone(null)
          }}
        />
        <View className='mall__actions'>
          {canScan && (
            <Button className='btn' onClick={() => void scan()}>
              扫码
            </Button>
          )}
          <BusyButton kind='primary' disabled={code.length !== PICKUP_CODE_LENGTH} busy={write.busy(`fulfil:${code}`)} busyLabel='正在核销…' onClick={() => void confirm()}>
            核销
          </BusyButton>
        </View>
        {found && (
          <View className='card mall__handover'>
            <Text>请交付：</Text>
            <Text className='mall__name'>
              {found.goodsName}×{found.quantity}
            </Text>
            <Text className='muted'>
              兑换人{found.userName} · {formatTime(found.createdAt)}兑换 · {found.points}积分
            </Text>
          </View>
        )}
        {code.length === PICKUP_CODE_LENGTH && !found && !done && <Text className='muted'>未在本站待领取列表中找到，核销时以系统记录为准</Text>}
        {done && (
          <View className='card mall__handover'>
            <Text>已核销：{done.goodsName}×{done.quantity}（{done.userName}）</Text>
          </View>
        )}
      </View>
      <StateView
        status={ready ? pending.status : manager.status}
        error={ready ? pending.error : manager.error}
        onRetry={ready ? () => void pending.reload() : manager.retry}
        empty={items.length === 0}
        emptyText='没有待领取的兑换'
        emptyHint='群众兑换本单位的商品后，会出现在这里'
      >
        <Text className='field-label'>待领取（{items.length}）</Text>
        {items.map((r) => (
          <View key={r.id} className='card mall__item' onClick={() => setTyped(r.code)}>
            <View className='mall__item-head'>
              <Text className='mall__name'>
                {r.goodsName}×{r.quantity}
              </Text>
              <Text className='muted'>{formatPickupCode(r.code)}</Text>
            </View>
            <Text className='muted'>
              {r.userName} · {formatTime(r.createdAt)}兑换 · {formatTime(r.expiresAt)}前领取
            </Text>
          </View>
        ))}
      </StateView>
    </Screen>
  )
}
