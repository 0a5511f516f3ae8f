import { create } from 'zustand'
import type { AuditEntry, AuditKind } from '~types/audit'
import * as user from '../services/user'
import { createListStore } from './list'

export interface AuditFilter {
  kind?: AuditKind
  unitId?: string
}

/** The filter the 审计日志 page asks with; changing it starts the list afresh (setAuditFilter). */
export const useAuditFilter = create<{ filter: AuditFilter }>()(() => ({ filter: {} }))

/** 审计日志: the audit log, newest first, with the filter chosen on the page. */
export const auditStore = createListStore<AuditEntry>((cursor) => user.audit({ cursor, ...useAuditFilter.getState().filter }))

/** Sets the filter and loads the first page of the log under it. */
export async function setAuditFilter(filter: AuditFilter): Promise<void> {
  useAuditFilter.setState({ filter })
  auditStore.getState().reset()
  await auditStore.getState().reload()
}
