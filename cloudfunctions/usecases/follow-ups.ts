import { followUpOverdue } from '~core/follow-ups'
import type { OrderStore } from '~core/ports'
import { subtreeUnitFor } from '~core/relations'
import { maskedResident } from '~core/social'
import { PAGE_SIZE, type FollowUpItem, type FollowUpStatus, type Order, type OrgUnit, type Page, type User } from '~types'

export interface FollowUpsInput {
  unitId?: string
  status: FollowUpStatus
  cursor?: string
  limit?: number
}

/** The list item of an order with a 回访 (the caller has it from listFollowUps, so followUp is there). */
export function followUpItem(o: Order, now: string, unitNames: ReadonlyMap<string, string>): FollowUpItem {
  const f = o.followUp!
  const overdue = followUpOverdue(f, now)
  return {
    orderId: o.id,
    title: o.title,
    stars: f.stars,
    comment: o.rating?.comment ?? '',
    resident: maskedResident(o),
    unitId: f.unitId,
    unitName: unitNames.get(f.unitId) ?? '',
    openedAt: f.openedAt,
    dueAt: f.dueAt,
    status: f.status === 'closed' ? 'closed' : overdue ? 'overdue' : 'open',
    overdue,
    attempts: f.attempts.length,
    outcome: f.outcome,
  }
}

/**
 * 回访 list: the follow-ups of the unit's subtree, soonest due first. open: not closed (overdue ones included, flagged);
 * overdue: open past dueAt; closed. Who may look: a manager of the unit or a unit above it; another subtree is
 * FORBIDDEN. One store call.
 */
export async function followUpsPage(
  deps: { orders: Pick<OrderStore, 'listFollowUps'> },
  user: User,
  input: FollowUpsInput,
  now: string,
  units: readonly OrgUnit[],
): Promise<Page<FollowUpItem>> {
  const unit = subtreeUnitFor(user, input.unitId, units, { may: '查看回访', within: '查看本单位及下级单位的回访' })
  const page = await deps.orders.listFollowUps(
    { unitId: unit.id, status: input.status === 'closed' ? 'closed' : 'open', ...(input.status === 'overdue' ? { dueBefore: now } : {}) },
    { cursor: input.cursor, limit: input.limit ?? PAGE_SIZE },
  )
  const unitNames = new Map(units.map((u) => [u.id, u.name]))
  return { items: page.items.map((o) => followUpItem(o, now, unitNames)), nextCursor: page.nextCursor }
}
