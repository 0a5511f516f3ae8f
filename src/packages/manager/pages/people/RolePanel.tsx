import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import type { PersonListing } from '~types/api'
import type { OrgUnit, Profile, Role } from '~types/domain'
import { ROLE_LABELS } from '~types/labels'
import BusyButton from '~src/components/BusyButton'
import { useWrite } from '~src/hooks/useWrite'
import * as user from '~src/services/user'
import { toApiCallError } from '~src/services/transport'

/** The roles an admin grants here; manager and admin are for a unit (managedUnitId). */
const GRANTABLE: ReadonlyArray<{ role: Role; scoped: boolean }> = [
  { role: 'manager', scoped: true },
  { role: 'proxy', scoped: false },
  { role: 'admin', scoped: true },
]

interface Props {
  person: PersonListing
  units: OrgUnit[]
  /** the person as the grant answered */
  onChanged: (profile: Profile) => void
}

/** One person's roles, with 授予 and 撤销 (after a confirmation) for manager, proxy and admin. */
export default function RolePanel({ person, units, onChanged }: Props) {
  const { run, busy } = useWrite()
  const [error, setError] = useState('')
  const initial = units.findIndex((u) => u.id === (person.managedUnitId ?? person.orgUnitId))
  const [unitIndex, setUnitIndex] = useState(Math.max(0, initial))
  const unit = units[unitIndex]
  const nameOf = (id: string | null) => units.find((u) => u.id === id)?.name ?? ''

  async function change(role: Role, scoped: boolean, revoke: boolean) {
    const label = ROLE_LABELS[role]
    if (revoke) {
      const { confirm } = await Taro.showModal({
        title: `撤销${label}`,
        content: `确定撤销${person.name}的${label}角色吗？撤销后对方将不能再使用相应功能。`,
        confirmText: '撤销',
        cancelText: '再想想',
      })
      if (!confirm) return
    }
    setError('')
    try {
      const answer = await run(`${role}:${revoke ? 'revoke' : 'grant'}`, (requestId) =>
        user.grantRole({ userId: person.id, role, revoke, requestId, ...(scoped && !revoke && unit ? { unitId: unit.id } : {}) }),
      )
      if (!answer) return
      onChanged(answer.user)
      void Taro.showToast({ title: revoke ? `已撤销${label}` : `已授予${label}`, icon: 'success' })
    } catch (err) {
      setError(toApiCallError(err).message)
    }
  }

  return (
    <View className='card people__panel'>
      <Text className='people__name'>{person.name}</Text>
      <Text className='people__line'>
        现有角色：{person.roles.map((r) => ROLE_LABELS[r]).join('、') || '无'}
        {person.managedUnitId && `（管理：${nameOf(person.managedUnitId)}）`}
      </Text>
      {units.length > 0 && (
        <View className='people__unit'>
          <Text>管理单位</Text>
          <Picker mode='selector' range={units.map((u) => u.name)} value={unitIndex} onChange={(e) => setUnitIndex(Number(e.detail.value))}>
            <Text className='people__pick' aria-label='选择管理单位'>
              {unit?.name}
            </Text>
          </Picker>
        </View>
      )}
      {GRANTABLE.map(({ role, scoped }) => {
        const has = person.roles.includes(role)
        const label = ROLE_LABELS[role]
        return (
          <BusyButton
            key={role}
            kind={has ? 'danger' : 'primary'}
            className='people__action'
            busy={busy(`${role}:${has ? 'revoke' : 'grant'}`)}
            onClick={() => void change(role, scoped, has)}
          >
            {has ? `撤销${label}` : `授予${label}${scoped && unit ? `（${unit.name}）` : ''}`}
          </BusyButton>
        )
      })}
      {error && <Text className='field-error'>{error}</Text>}
    </View>
  )
}
