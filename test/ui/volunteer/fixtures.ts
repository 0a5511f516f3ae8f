import type { OrderItem, OrderView, TransitionActionName } from '~types/api'
import { item, orderView } from '~test/support/order-fixture'
import type { Profile } from '~types/domain'

export const me: Profile = {
  id: 'v-1',
  openid: 'demo-volunteer-1',
  name: '张志强',
  phone: '13900000001',
  roles: ['resident', 'volunteer'],
  orgUnitId: 'st-1',
  managedUnitId: null,
  teamIds: ['t-1'],
}

/** 王大爷's order at 滩尾村 (st-1), dispatched by 谭主任 to my team t-1 for two volunteers; contact masked. */
export function anOrder(patch: Partial<OrderView> = {}): OrderView {
  const placed = orderView({
    title: '上门量血压',
    need: '老人行动不便，想请医生上门量血压',
    themeId: 'th-1',
    basePoints: 15,
    phone: '138****1234',
    address: '滩尾村三组…',
    beneficiaryCount: 2,
    preferredAt: '2030-05-02T09:00:00.000Z',
    ownerId: 'r-1',
    unitPath: ['c-1', 'in-1', 'st-1'],
    createdAt: '2030-05-01T08:00:00.000Z',
    contactVisible: false,
  })
  const dispatchedAt = '2030-05-01T09:00:00.000Z'
  return {
    ...placed,
    status: 'dispatched',
    version: 2,
    teamIds: ['t-1'],
    capacity: 2,
    timeline: [...placed.timeline, { at: dispatchedAt, actorId: 'm-1', actorName: '谭主任', action: 'dispatch', from: 'placed', to: 'dispatched', note: '' }],
    updatedAt: dispatchedAt,
    ...patch,
  }
}

/** The order as the task hall lists it, with what I may do with it (claim, unless told otherwise). */
export function aTask(patch: Partial<OrderView> = {}, actions: TransitionActionName[] = ['claim']): OrderItem {
  return item(anOrder(patch), actions)
}

export const claimOf = (volunteerId: string, name: string) => ({ volunteerId, name, at: '2030-05-01T10:00:00.000Z', unitPath: ['c-1'] })

/** A deferred promise, to hold a call open while the test taps again. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** The Taro Button that reads exactly `text`. */
export function button(text: string): HTMLElement {
  const found = Array.from(document.body.querySelectorAll('taro-button-core')).find((b) => b.textContent?.trim() === text)
  if (!found) throw new Error(`no button reads "${text}"; the screen reads: ${document.body.textContent}`)
  return found as HTMLElement
}
