import { useState } from 'react'
import Taro, { useDidShow } from '@tarojs/taro'
import { Button, Text, View } from '@tarojs/components'
import type { TeamListing } from '~types/api'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import * as catalog from '~src/services/catalog'
import { toApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { useWrite } from '~src/hooks/useWrite'
import './index.scss'
import { askToSubscribe } from '~src/lib/subscribe'

async function loadTeams() {
  const [teams, themes, mine] = await Promise.all([catalog.teams(), catalog.themes(), user.memberships()])
  return { teams, themeNames: new Map(themes.map((t) => [t.id, t.name])), memberships: mine.items }
}

/** Teams I joined first, then those I applied to, then the rest. */
const RANK = { active: 0, pending: 1, none: 2 } as const

/** 我的队伍 / 加入志愿服务队: every team, my standing in each, and 申请加入. */
export default function Teams() {
  const { status, data, error, reload, update } = useLoad(loadTeams)
  const { run, busy } = useWrite()
  const [problem, setProblem] = useState<{ teamId: string; message: string } | null>(null)

  useDidShow(() => void reload())
  usePullToRefresh(reload)

  const standing = (teamId: string) => data?.memberships.find((m) => m.teamId === teamId)?.status ?? 'none'

  const apply = async (team: TeamListing) => {
    // WeChat asks only on a tap: new tasks for the team once the application is approved
    void askToSubscribe(['newTask'])
    setProblem(null)
    try {
      const result = await run(team.id, async (requestId) => {
        const { confirm } = await Taro.showModal({
          title: '申请加入',
          content: `申请加入“${team.name}”？队长同意后即可接单。`,
          confirmText: '申请',
          cancelText: '再想想',
        })
        return confirm ? user.applyTeam({ teamId: team.id, requestId }) : null
      })
      if (!result) return
      const joined = result.membership
      update((d) => ({ ...d, memberships: [...d.memberships.filter((m) => m.teamId !== joined.teamId), joined] }))
      void Taro.showToast({ title: '已申请，等待队长审核', icon: 'none' })
    } catch (err) {
      setProblem({ teamId: team.id, message: toApiCallError(err).message })
    }
  }

  const teams = [...(data?.teams ?? [])].sort((a, b) => RANK[standing(a.id)] - RANK[standing(b.id)])

  return (
    <Screen className='teams'>
      <StateView
        status={status}
        error={error}
        onRetry={() => void reload()}
        empty={teams.length === 0}
        emptyText='还没有志愿服务队'
        emptyHint='请联系新时代文明实践站建立志愿服务队'
      >
        {teams.map((team) => {
          const mine = standing(team.id)
          return (
            <View key={team.id} className='card teams__card'>
              <View className='teams__head'>
                <Text className='teams__name'>{team.name}</Text>
                {mine === 'active' && <Text className='chip teams__joined'>已加入</Text>}
                {mine === 'pending' && <Text className='chip'>待审核</Text>}
              </View>
              {team.description && <Text className='teams__description'>{team.description}</Text>}
              <View className='teams__themes'>
                {team.themeIds.map((id) => (
                  <Text key={id} className='chip'>
                    {data?.themeNames.get(id) ?? '其他服务'}
                  </Text>
                ))}
              </View>
              {problem?.teamId === team.id && (
                <View className='field-error' role='alert'>
                  {problem.message}
                </View>
              )}
              {mine === 'none' && (
                <Button className='btn btn--primary teams__apply' disabled={busy(team.id)} onClick={() => void apply(team)}>
                  {busy(team.id) ? '正在申请…' : '申请加入'}
                </Button>
              )}
            </View>
          )
        })}
      </StateView>
    </Screen>
  )
}
