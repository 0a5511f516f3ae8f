import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { Membership } from '~types/domain'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { fromNow } from '~src/lib/time'
import * as catalog from '~src/services/catalog'
import { toApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { useWrite } from '~src/hooks/useWrite'
import './index.scss'

async function loadApplications() {
  const [applications, teams] = await Promise.all([user.applications(), catalog.teams()])
  return { items: applications.items, teamNames: new Map(teams.map((t) => [t.id, t.name])) }
}

/** 入队审核: applications to the teams I lead (or my unit's teams, for a manager), to approve or turn down. */
export default function Approvals() {
  const { status, data, error, reload, update } = useLoad(loadApplications)
  const { run, busy } = useWrite()
  const [problem, setProblem] = useState<{ id: string; message: string } | null>(null)

  useDidShow(() => void reload())
  usePullToRefresh(reload)

  const decide = async (m: Membership, approve: boolean) => {
    setProblem(null)
    try {
      const result = await run(`${m.id}:${approve}`, async (requestId) => {
        if (!approve) {
          const { confirm } = await Taro.showModal({
            title: '拒绝入队',
            content: `确定拒绝${m.userName}加入吗？`,
            confirmText: '拒绝',
            cancelText: '再想想',
          })
          if (!confirm) return null
        }
        return user.approveMember({ teamId: m.teamId, userId: m.userId, approve, requestId })
      })
      if (!result) return
      update((d) => ({ ...d, items: d.items.filter((i) => i.id !== m.id) }))
      void Taro.showToast({ title: approve ? '已同意入队' : '已拒绝', icon: 'success' })
    } catch (err) {
      setProblem({ id: m.id, message: toApiCallError(err).message })
    }
  }

  const items = data?.items ?? []

  return (
    <Screen className='approvals'>
      <StateView
        status={status}
        error={error}
        onRetry={() => void reload()}
        empty={items.length === 0}
        emptyText='没有待审核的入队申请'
      >
        {items.map((m) => {
          const sending = busy(`${m.id}:true`) || busy(`${m.id}:false`)
          return (
            <View key={m.id} className='card approvals__card'>
              <Text className='approvals__name'>{m.userName}</Text>
              <Text className='approvals__line'>申请加入 {data?.teamNames.get(m.teamId) ?? '志愿服务队'}</Text>
              <Text className='muted'>{fromNow(m.appliedAt)}申请</Text>
              {problem?.id === m.id && (
                <View className='field-error' role='alert'>
                  {problem.message}
                </View>
              )}
              <View className='approvals__buttons'>
                <Button className='btn btn--primary approvals__button' disabled={sending} onClick={() => void decide(m, true)}>
                  同意
                </Button>
                <Button className='btn btn--danger approvals__button' disabled={sending} onClick={() => void decide(m, false)}>
                  拒绝
                </Button>
              </View>
            </View>
          )
        })}
      </StateView>
    </Screen>
  )
}
