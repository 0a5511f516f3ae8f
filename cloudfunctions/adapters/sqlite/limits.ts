import type { AppNotification, UnitSettings } from '~types'
import type { Store } from '~core/store'
import { all, one, parseDocs, type Context, writeTx } from './db'

type LimitMethods = Pick<
  Store,
  | 'getUnitSettings'
  | 'listUnitSettings'
  | 'saveUnitSettings'
  | 'recordNotifications'
  | 'listOrderNotifications'
  | 'getCursors'
  | 'saveCursors'
>

/** Inserts the notification unless its id is stored; true if it was inserted. Call inside a write transaction. */
export function insertNotification({ s }: Context, n: AppNotification): boolean {
  if (s.insertNotification.run({ id: n.id, orderId: n.orderId, at: n.at, doc: JSON.stringify(n) }).changes === 0) return false
  if (n.status === 'pending') s.insertPending.run({ id: n.id, at: n.at })
  return true
}

export function limitMethods(ctx: Context): LimitMethods {
  const { db, s } = ctx

  const record = writeTx(db, (notifications: AppNotification[]): string[] =>
    notifications.filter((n) => insertNotification(ctx, n)).map((n) => n.id),
  )

  return {
    async getUnitSettings(unitIds) {
      if (unitIds.length === 0) return []
      return parseDocs<UnitSettings>(all(s.settingsByUnits, { unitIds: JSON.stringify([...new Set(unitIds)]) }))
    },
    async listUnitSettings() {
      return parseDocs<UnitSettings>(all(s.allSettings))
    },
    async saveUnitSettings(settings) {
      s.putSettings.run({ unitId: settings.unitId, doc: JSON.stringify(settings) })
      return settings
    },
    async recordNotifications(notifications) {
      if (notifications.length === 0) return []
      return record(notifications)
    },
    async listOrderNotifications(orderId) {
      return parseDocs<AppNotification>(all(s.notificationsByOrder, { orderId }))
    },
    async getCursors(job) {
      const row = one<{ doc: string }>(s.cursorsByJob, { job })
      return row ? (JSON.parse(row.doc) as Record<string, string>) : {}
    },
    async saveCursors(job, cursors) {
      s.putCursors.run({ job, doc: JSON.stringify(cursors) })
    },
  }
}
