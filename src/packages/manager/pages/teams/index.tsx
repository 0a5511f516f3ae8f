import { useEffect, useState } from 'react'
import { Button, Text, View } from '@tarojs/components'
import type { Team, Theme } from '~types/domain'
import type { TeamListing } from '~types/api'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useLoad } from '~src/hooks/useLoad'
import { usePullToRefresh } from '~src/hooks/usePullToRefresh'
import { upsertById } from '~src/lib/upsert'
import * as catalog from '~src/services/catalog'
import { useManagedUnit } from '../../useManagedUnit'
import TeamForm from './TeamForm'
import './index.scss'
import { roleOf } from '~src/lib/roles'

/** 志愿服务队管理: the teams of the manager's unit, with adding and editing. */
export default function ManagerTeams() {
  const unit = useManagedUnit()
  const { unitId } = unit
  /** the team in the form: 'new' when adding, null when the list shows */
  const [editing, setEditing] = useState<TeamListing | 'new' | null>(null)

  const list = useLoad(async () => {
    const [teams, themes] = await Promise.all([catalog.teams({ unitId }), catalog.themes()])
    return { teams, themes }
  })
  const { teams, themes } = list.data ?? { teams: [] as TeamListing[], themes: [] as Theme[] }

  usePullToRefresh(list.reload)
  useEffect(() => {
    if (unitId) void list.reload()
  }, [unitId])

  const saved = (team: Team) => {
    // an edited team keeps the figures it was listed with (the save answers the team alone)
    list.update((d) => ({ ...d, teams: upsertById(d.teams, { ...d.teams.find((t) => t.id === team.id), ...team }) }))
    setEditing(null)
  }

  const themeName = (id: string) => themes.find((t) => t.id === id)?.name ?? ''
  const ready = unit.status === 'ready'

  return (
    <Screen className='mgr-teams'>
      <StateView
        status={ready ? list.status : unit.status}
        error={ready ? list.error : unit.error}
        onRetry={ready ? () => void list.reload() : unit.retry}
      >
        {editing ? (
          <TeamForm
            team={editing === 'new' ? undefined : editing}
            themes={themes}
            unitId={unitId}
            onSaved={saved}
            onCancel={() => setEditing(null)}
          />
        ) : (
          <>
            <View className='card mgr-teams__head'>
              <Text className='mgr-teams__unit'>{unit.unitName || '本单位'}的志愿服务队</Text>
              <Button className='btn btn--primary' onClick={() => setEditing('new')}>
                新增志愿服务队
              </Button>
            </View>
            {teams.length === 0 && (
              <View className='card state'>
                <Text className='state__text'>本单位还没有志愿服务队</Text>
                <Text className='muted'>点“新增志愿服务队”建立第一支队伍</Text>
              </View>
            )}
            {teams.map((team) => (
              <View key={team.id} className='card mgr-teams__team' hoverClass='mgr-teams__team--pressed' {...roleOf('button')} onClick={() => setEditing(team)}>
                <Text className='mgr-teams__name'>{team.name}</Text>
                <View className='mgr-teams__chips'>
                  {team.themeIds.map(themeName).filter(Boolean).map((name) => (
                    <Text key={name} className='chip'>
                      {name}
                    </Text>
                  ))}
                </View>
                <Text className='muted'>
                  {team.memberIds && `队员 ${team.memberIds.length} 人 · `}
                  {team.leaderId ? '已有队长' : '尚无队长'}
                </Text>
                {team.figuresLine && <Text className='muted'>{team.figuresLine}</Text>}
                {team.description && <Text className='mgr-teams__desc'>{team.description}</Text>}
                <Text className='mgr-teams__edit'>点此修改</Text>
              </View>
            ))}
          </>
        )}
      </StateView>
    </Screen>
  )
}
