import { useEffect, useRef, useState } from 'react'
import { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { LookBackAnswer, LookBackReason } from '~types/look-back'
import { MONTH_PATTERN } from '~types/look-back'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { useParam } from '~src/hooks/useParam'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import * as stats from '~src/services/stats'
import { toApiCallError } from '~src/services/transport'
import { useSession } from '~src/stores/session'
import { monthLabel, monthOf, shiftMonth } from '../../period'
import GroupSection from './GroupSection'
import './index.scss'

/**
 * 回头看 (issue 11): a month's orders of the manager's unit and below that have no resolved outcome — 超时未办, 已退回,
 * 群众取消, 差评未回访 — each group with its count and its orders, each opening its order. `?month=2026-03` (from the
 * 统计 page) picks the month; ‹ › move it. The groups and what each line says come from the server.
 */
export default function LookBack() {
  const { status: session, profile, error: sessionError, login } = useSession()
  const asked = useParam('month')
  const unitId = useParam('unitId')
  const thisMonth = monthOf(new Date())
  const [month, setMonth] = useState(MONTH_PATTERN.test(asked) && asked <= thisMonth ? asked : thisMonth)
  const [answer, setAnswer] = useState<LookBackAnswer | null>(null)
  const [more, setMore] = useState<{ reason: LookBackReason | null; error: string }>({ reason: null, error: '' })
  const load = useLoad(() => stats.lookBack({ month, ...(unitId ? { unitId } : {}) }))
  const { reload } = load

  useEffect(() => {
    if (useSession.getState().status === 'idle') void login()
  }, [login])
  const managed = profile?.managedUnitId ?? null
  useEffect(() => {
    if (session === 'ready' && managed) void reload()
  }, [session, managed, month, reload])
  useEffect(() => {
    if (load.data) setAnswer(load.data)
  }, [load.data])
  usePullToRefresh(reload)
  // back from an order handled meanwhile (派单, 回访): the groups as they are now; the first show is the load above
  const shownOnce = useRef(false)
  useDidShow(() => {
    if (shownOnce.current && useSession.getState().status === 'ready' && managed) void reload()
    shownOnce.current = true
  })

  const loadMore = async (reason: LookBackReason) => {
    const group = answer?.groups.find((g) => g.reason === reason)
    if (!answer || !group?.nextCursor || more.reason) return
    setMore({ reason, error: '' })
    try {
      const next = (await stats.lookBack({ month: answer.month, unitId: answer.unitId, reason, cursor: group.nextCursor })).groups[0]
      setAnswer((a) =>
        a && a.month === answer.month
          ? { ...a, groups: a.groups.map((g) => (g.reason === reason ? { ...next, items: [...g.items, ...next.items] } : g)) }
          : a,
      )
      setMore({ reason: null, error: '' })
    } catch (err) {
      setMore({ reason: null, error: toApiCallError(err).message })
    }
  }

  const notManager = session === 'ready' && !managed
  const status = notManager ? 'error' : session === 'ready' ? load.status : session
  const error = notManager ? '只有实践中心（所、站）管理员可以回头看' : session === 'ready' ? load.error : sessionError
  const shown = answer && answer.month === month ? answer : null

  return (
    <Screen className='look-back'>
      <View className='card look-back__months'>
        <Button className='btn look-back__step' onClick={() => setMonth(shiftMonth(month, -1))}>
          ‹ 上月
        </Button>
        <Text className='look-back__month' aria-live='polite'>
          {monthLabel(month)}
        </Text>
        <Button className='btn look-back__step' disabled={month >= thisMonth} onClick={() => setMonth(shiftMonth(month, 1))}>
          下月 ›
        </Button>
      </View>

      <StateView
        status={shown || status !== 'ready' ? status : 'loading'}
        error={error}
        onRetry={session === 'ready' && !notManager ? () => void reload() : () => void login()}
        empty={shown !== null && shown.total === 0}
        emptyText={`${monthLabel(month)}的点单都有了结果`}
        emptyHint='超时未办、退回、取消和差评未回访的点单会列在这里'
      >
        {shown && (
          <>
            <View className='card'>
              <Text className='look-back__total'>
                {monthLabel(month)}待回头看 {shown.total} 单
              </Text>
              <Text className='muted'>逐单看看为什么没有办好，点开一单可以派单、回访或联系群众</Text>
            </View>
            {shown.groups.map((g) => (
              <GroupSection key={g.reason} group={g} loadingMore={more.reason === g.reason} onMore={() => void loadMore(g.reason)} />
            ))}
            {more.error && <Text className='field-error'>{more.error}</Text>}
          </>
        )}
      </StateView>
    </Screen>
  )
}
