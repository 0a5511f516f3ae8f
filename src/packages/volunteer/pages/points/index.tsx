import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import type { LedgerEntry } from '~types/domain'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import VirtualList from '~src/components/VirtualList'
import { useListPage } from '~src/hooks/useListPage'
import { formatTime } from '~src/lib/time'
import * as points from '~src/services/points'
import { ledgerStore } from '~src/stores/volunteer'
import { useLoad } from '~src/hooks/useLoad'
import './index.scss'

/** Height of one ledger row in design px (the row keeps to it: one line each, ellipsis; a tap shows it whole). */
const LEDGER_ROW_HEIGHT = 190

/** The whole entry: its reason however long, when, hours and points (a row shows one line of each). */
function openEntry(entry: LedgerEntry) {
  const points = entry.delta > 0 ? `+${entry.delta}` : String(entry.delta)
  const hours = entry.hours > 0 ? `，服务${entry.hours}小时` : ''
  void Taro.showModal({ title: `积分 ${points}`, content: `${entry.reason}\n${formatTime(entry.at)}${hours}`, showCancel: false, confirmText: '知道了' })
}

function LedgerRow({ entry }: { entry: LedgerEntry }) {
  return (
    <View className='card points__row' role='button' aria-label={`积分明细：${entry.reason}`} onClick={() => openEntry(entry)}>
      <View className='points__row-main'>
        <Text className='points__reason'>{entry.reason}</Text>
        <Text className='muted'>
          {formatTime(entry.at)}
          {entry.hours > 0 && ` · 服务${entry.hours}小时`}
        </Text>
      </View>
      <Text className={`points__delta${entry.delta < 0 ? ' points__delta--minus' : ''}`}>
        {entry.delta > 0 ? `+${entry.delta}` : entry.delta}
      </Text>
    </View>
  )
}

/** 我的积分: balance, points earned and hours served, and every entry of the ledger, newest first. */
export default function Points() {
  const balance = useLoad(() => points.balance())
  const ledger = useListPage(ledgerStore)
  useDidShow(() => void balance.reload())
  usePullDownRefresh(() => void balance.reload())

  const newestFirst = [...ledger.items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at))

  return (
    <Screen className='points'>
      <StateView status={balance.status} error={balance.error} onRetry={() => void balance.reload()}>
        {balance.data && (
          <View className='card points__figures'>
            <View className='points__figure'>
              <Text className='points__number'>{balance.data.balance}</Text>
              <Text className='muted'>当前积分</Text>
            </View>
            <View className='points__figure'>
              <Text className='points__number'>{balance.data.earned}</Text>
              <Text className='muted'>累计获得</Text>
            </View>
            <View className='points__figure'>
              <Text className='points__number'>{balance.data.hours}</Text>
              <Text className='muted'>服务时长(小时)</Text>
            </View>
          </View>
        )}
      </StateView>
      <Text className='muted points__explain'>积分在群众评单后发放；群众一直没有评单的，到期自动办结后发放。</Text>

      <Text className='points__section'>积分明细</Text>
      <StateView
        status={ledger.status}
        error={ledger.error}
        onRetry={() => void ledger.reload()}
        empty={ledger.items.length === 0}
        emptyText='还没有积分记录，完成服务并评单后发放'
      >
        <VirtualList
          items={newestFirst}
          keyOf={(e) => e.id}
          itemHeight={LEDGER_ROW_HEIGHT}
          renderItem={(e) => <LedgerRow entry={e} />}
        />
        {ledger.loadingMore && <Text className='muted points__more'>正在加载更多…</Text>}
      </StateView>
    </Screen>
  )
}
