/** The audit log port: its documented behaviour for any adapter, run by ./index.ts. */
import type { Stores } from '~core/ports'
import type { AuditEntry, AuditKind } from '~types'
import { advance, at, makeOrder } from '../fixtures'
import { freshStores, type MakeStores } from './helpers'

let serial = 0
export function makeAuditEntry(over: Partial<AuditEntry> = {}): AuditEntry {
  serial += 1
  return {
    id: `a-${serial}`,
    kind: 'roleGranted',
    actorId: 'admin',
    actorName: '县中心管理员',
    actorRole: '中心管理员',
    targetId: 'u-1',
    targetName: '张三',
    unitId: 's11',
    at: at(serial),
    summary: '授予张三志愿者角色',
    ...over,
  }
}

export function auditContract(make: MakeStores): void {
  describe('audit', () => {
    let stores: Stores
    freshStores(make, (opened) => (stores = opened.stores))

    const allPages = async (query: { kind?: AuditKind; unitId?: string }, limit: number) => {
      const seen: AuditEntry[] = []
      let cursor: string | undefined
      for (let i = 0; i < 50; i++) {
        const page = await stores.audit.list(query, { cursor, limit })
        seen.push(...page.items)
        if (!page.nextCursor) return seen
        cursor = page.nextCursor
      }
      throw new Error('paging did not end')
    }

    test('record inserts each entry once: a stored id is left as it was, and the answer counts the new ones', async () => {
      const a = makeAuditEntry()
      const b = makeAuditEntry({ kind: 'limitsChanged' })
      expect(await stores.audit.record([a, b])).toBe(2)
      expect(await stores.audit.record([{ ...a, summary: '改写' }, makeAuditEntry({ id: b.id, at: at(500) })])).toBe(0)
      expect(await stores.audit.record([])).toBe(0)
      const page = await stores.audit.list({}, { limit: 10 })
      expect(page).toEqual({ items: [b, a], nextCursor: null })
    })

    test('the same entry recorded in parallel is stored once', async () => {
      const reveal = makeAuditEntry({ kind: 'contactRevealed', targetId: 'o-1' })
      const counts = await Promise.all(Array.from({ length: 8 }, () => stores.audit.record([reveal])))
      expect(counts.reduce((a, b) => a + b, 0)).toBe(1)
      expect(await stores.audit.listByTarget('contactRevealed', 'o-1', 10)).toEqual([reveal])
    })

    test('list: newest first across pages, by kind, by unit, by both; a bad cursor is INVALID_INPUT', async () => {
      const entries = [
        makeAuditEntry({ kind: 'roleGranted', unitId: 's11' }),
        makeAuditEntry({ kind: 'limitsChanged', unitId: 's11' }),
        makeAuditEntry({ kind: 'roleGranted', unitId: 'i1' }),
        makeAuditEntry({ kind: 'roleGranted', unitId: null }),
        makeAuditEntry({ kind: 'leaderChanged', unitId: 's11' }),
      ]
      // two at the same instant: the id breaks the tie
      const twin = makeAuditEntry({ kind: 'roleGranted', unitId: 's11', at: entries[4].at, id: 'a-zz' })
      await stores.audit.record([...entries, twin])
      const newest = [twin, ...entries.slice().reverse()]
      expect(await allPages({}, 2)).toEqual(newest)
      expect(await allPages({ kind: 'roleGranted' }, 1)).toEqual(newest.filter((e) => e.kind === 'roleGranted'))
      expect(await allPages({ unitId: 's11' }, 2)).toEqual(newest.filter((e) => e.unitId === 's11'))
      expect(await allPages({ unitId: 's11', kind: 'roleGranted' }, 5)).toEqual([twin, entries[0]])
      expect(await stores.audit.list({ kind: 'pointsCorrected' }, { limit: 5 })).toEqual({ items: [], nextCursor: null })
      await expect(stores.audit.list({}, { cursor: 'not-a-cursor', limit: 5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' })
    })

    test('listByTarget: one kind about one target, newest first, at most limit', async () => {
      const r1 = makeAuditEntry({ kind: 'contactRevealed', targetId: 'o-1' })
      const r2 = makeAuditEntry({ kind: 'contactRevealed', targetId: 'o-1' })
      const other = makeAuditEntry({ kind: 'contactRevealed', targetId: 'o-2' })
      const grant = makeAuditEntry({ kind: 'roleGranted', targetId: 'o-1' })
      await stores.audit.record([r1, r2, other, grant])
      expect(await stores.audit.listByTarget('contactRevealed', 'o-1', 10)).toEqual([r2, r1])
      expect(await stores.audit.listByTarget('contactRevealed', 'o-1', 1)).toEqual([r2])
      expect(await stores.audit.listByTarget('contactRevealed', 'o-9', 10)).toEqual([])
    })

    test('a transition records its audit entries in the same write: seen at once, once, and not on a lost race', async () => {
      const order = makeOrder()
      await stores.orders.insertOrder(order)
      const reveal = makeAuditEntry({ kind: 'contactRevealed', targetId: order.id, id: `reveal:${order.id}:v1:day` })
      const v2 = advance(order)
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: v2, audit: [reveal] })).toBe('ok')
      expect(await stores.audit.listByTarget('contactRevealed', order.id, 10)).toEqual([reveal])
      // the same reveal again (another write that day): still one
      const v3 = advance(v2)
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 2, next: v3, audit: [reveal] })).toBe('ok')
      // a lost race records nothing
      const lost = makeAuditEntry({ kind: 'contactRevealed', targetId: order.id })
      expect(await stores.orders.transition({ orderId: order.id, expectedVersion: 1, next: v2, audit: [lost] })).toBe('conflict')
      expect(await stores.audit.listByTarget('contactRevealed', order.id, 10)).toEqual([reveal])
      // the delivery run (which moves CloudBase outboxes) leaves it one entry, and the order as it was
      await stores.notifications.listPendingNotifications(10)
      expect(await stores.audit.listByTarget('contactRevealed', order.id, 10)).toEqual([reveal])
      expect((await stores.audit.list({ kind: 'contactRevealed' }, { limit: 10 })).items).toEqual([reveal])
      expect((await stores.orders.loadOrder(order.id)).order).toEqual(v3)
    })
  })
}
