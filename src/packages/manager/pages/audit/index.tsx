import { useEffect } from 'react'
import { Button, Picker, Text, View } from '@tarojs/components'
import { AUDIT_KINDS, AUDIT_KIND_LABELS, type AuditEntry, type AuditKind } from '~types/audit'
import Screen from '~src/components/Screen'
import StateView from '~src/components/StateView'
import { useListPage } from '~src/hooks/useListPage'
import { useLoad } from '~src/hooks/useLoad'
import { formatTime } from '~src/lib/time'
import * as catalog from '~src/services/catalog'
import { auditStore, setAuditFilter, useAuditFilter } from '~src/stores/admin'
import './index.scss'
import { roleOf } from '~src/lib/roles'

function EntryRow({ entry, unitName }: { entry: AuditEntry; unitName: string }) {
  return (
    <View className='card audit__row'>
      <View className='audit__head'>
        <Text className='chip'>{AUDIT_KIND_LABELS[entry.kind]}</Text>
        <Text className='muted'>{formatTime(entry.at)}</Text>
      </View>
      <Text className='audit__summary'>{entry.summary}</Text>
      <Text className='muted'>
        {entry.actorName}（{entry.actorRole}）{unitName && ` · ${unitName}`}
      </Text>
    </View>
  )
}

/**
 * 审计日志 (county admins): role grants and revocations, leader and limit changes, point corrections, who saw a
 * resident's contact, sign-ins from a new device; newest first, by kind and by unit, a page at a time.
 */
export default function Audit() {
  const log = useListPage(auditStore)
  const filter = useAuditFilter((s) => s.filter)
  const tree = useLoad(() => catalog.tree())
  useEffect(() => {
    void tree.reload()
  }, [])

  const units = tree.data ?? []
  const nameOf = (id: string | null) => (id ? (units.find((u) => u.id === id)?.name ?? '') : '')
  const unitIndex = filter.unitId ? units.findIndex((u) => u.id === filter.unitId) + 1 : 0
  const pickKind = (kind: AuditKind | undefined) => void setAuditFilter({ ...filter, kind })
  const pickUnit = (index: number) => void setAuditFilter({ ...filter, unitId: index === 0 ? undefined : units[index - 1]?.id })
  const filtered = filter.kind !== undefined || filter.unitId !== undefined

  return (
    <Screen className='audit'>
      <View className='card audit__filters'>
        <View className='audit__kinds'>
          <Text className={`chip audit__kind${filter.kind ? '' : ' audit__kind--on'}`} {...roleOf('button', { on: !filter.kind })} onClick={() => pickKind(undefined)}>
            全部
          </Text>
          {AUDIT_KINDS.map((k) => (
            <Text key={k} className={`chip audit__kind${filter.kind === k ? ' audit__kind--on' : ''}`} {...roleOf('button', { on: filter.kind === k })} onClick={() => pickKind(k)}>
              {AUDIT_KIND_LABELS[k]}
            </Text>
          ))}
        </View>
        <Picker mode='selector' range={['全部单位', ...units.map((u) => u.name)]} value={unitIndex} onChange={(e) => pickUnit(Number(e.detail.value))}>
          <View className='input audit__unit'>{filter.unitId ? nameOf(filter.unitId) || '所选单位' : '全部单位'}</View>
        </Picker>
      </View>

      <StateView
        status={log.status}
        error={log.error}
        onRetry={() => void log.reload()}
        empty={log.items.length === 0}
        emptyText={filtered ? '没有符合条件的记录' : '还没有审计记录'}
        emptyHint={filtered ? '换个类型或单位看看' : '授予角色、更换队长、修改时限、查看联系方式等都会记在这里'}
      >
        {log.items.map((e) => (
          <EntryRow key={e.id} entry={e} unitName={nameOf(e.unitId)} />
        ))}
        {log.error && <Text className='audit__error'>{log.error}</Text>}
        {log.loadingMore ? (
          <Text className='muted audit__more'>正在加载更多…</Text>
        ) : (
          log.nextCursor && (
            <Button className='btn audit__more' onClick={() => void auditStore.getState().loadMore()}>
              加载更多
            </Button>
          )
        )}
      </StateView>
    </Screen>
  )
}
