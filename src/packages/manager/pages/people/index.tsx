import { useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import type { PersonListing } from '~types/api'
import type { OrgUnit, Profile } from '~types/domain'
import { ROLE_LABELS } from '~types/labels'
import { SEARCH_MAX } from '~types/overview'
import Screen from '~src/components/Screen'
import StateView, { type LoadStatus } from '~src/components/StateView'
import * as catalog from '~src/services/catalog'
import { toApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import RolePanel from './RolePanel'
import './index.scss'
import { roleOf } from '~src/lib/roles'

interface Found {
  status: LoadStatus
  q: string
  items: PersonListing[]
  nextCursor: string | null
  error: string
}

const NONE: Found = { status: 'idle', q: '', items: [], nextCursor: null, error: '' }

/** 人员与角色 (admins): find a person by the start of their name or phone, then grant or revoke their roles. */
export default function People() {
  const { status: session, profile, error: sessionError, login } = useSession()
  const [units, setUnits] = useState<OrgUnit[]>([])
  const [draft, setDraft] = useState('')
  const [found, setFound] = useState<Found>(NONE)
  const [selectedId, setSelectedId] = useState<string | null>(null)

  useEffect(() => {
    if (useSession.getState().status === 'idle') void login()
    catalog
      .tree()
      .then((tree) => setUnits([...tree].sort((a, b) => a.path.join('/').localeCompare(b.path.join('/')))))
      .catch(() => setUnits([]))
  }, [login])

  async function search(more = false) {
    const q = more ? found.q : draft.trim()
    if (!q) {
      setFound({ ...NONE, status: 'error', error: '请输入姓名或手机号' })
      return
    }
    if (!more) setFound({ ...NONE, q, status: 'loading' })
    try {
      const page = await user.search(q, more ? (found.nextCursor ?? undefined) : undefined)
      setFound((f) => ({ status: 'ready', q, error: '', items: more ? [...f.items, ...page.items] : page.items, nextCursor: page.nextCursor }))
    } catch (err) {
      setFound((f) => ({ ...f, status: more ? f.status : 'error', error: toApiCallError(err).message }))
    }
  }

  const changed = (p: Profile) =>
    setFound((f) => ({ ...f, items: f.items.map((i) => (i.id === p.id ? { ...i, ...p } : i)) }))

  const notAdmin = session === 'ready' && !profile?.roles.includes('admin')
  if (session !== 'ready' || notAdmin) {
    return (
      <Screen className='people'>
        <StateView
          status={notAdmin ? 'error' : session}
          error={notAdmin ? '只有中心管理员可以管理人员与角色' : sessionError}
          onRetry={() => void login()}
        />
      </Screen>
    )
  }

  const selected = found.items.find((i) => i.id === selectedId) ?? null
  const nameOf = (id: string | null) => units.find((u) => u.id === id)?.name ?? ''
  return (
    <Screen className='people'>
      <View className='people__search'>
        <Input
          className='input people__search-input'
          aria-label='查找人员'
          value={draft}
          maxlength={SEARCH_MAX}
          placeholder='姓名开头或手机号'
          confirmType='search'
          onInput={(e) => setDraft(e.detail.value)}
          onConfirm={() => void search()}
        />
        <Button className='btn btn--primary people__search-btn' aria-label='查找' onClick={() => void search()}>
          查找
        </Button>
      </View>
      {found.status === 'idle' ? (
        <Text className='muted'>输入姓名的开头（如“王”）或手机号的开头，找到要授权的人</Text>
      ) : (
        <StateView
          status={found.status}
          error={found.error}
          onRetry={() => void search()}
          empty={found.items.length === 0}
          emptyText={`没有找到“${found.q}”`}
          emptyHint='请确认对方已登录过小程序，再试试姓名或手机号的开头'
        >
          {found.items.map((p) => (
            <View
              key={p.id}
              className={`card people__row${p.id === selectedId ? ' people__row--on' : ''}`}
              {...roleOf('button', { on: p.id === selectedId })}
              onClick={() => setSelectedId(p.id === selectedId ? null : p.id)}
              hoverClass='people__row--pressed'
            >
              <Text className='people__name'>{p.name}</Text>
              <Text className='people__line'>
                {p.phone || '未填手机号'}
                {p.orgUnitId && ` · ${nameOf(p.orgUnitId)}`}
              </Text>
              <Text className='people__line'>{p.roles.map((r) => ROLE_LABELS[r]).join('、')}</Text>
            </View>
          ))}
          {found.nextCursor && (
            <Button className='btn' onClick={() => void search(true)}>
              加载更多
            </Button>
          )}
          {found.error && found.status === 'ready' && <Text className='field-error'>{found.error}</Text>}
        </StateView>
      )}
      {selected && <RolePanel key={selected.id} person={selected} units={units} onChanged={changed} />}
    </Screen>
  )
}
