import type { OrderView } from '~types/api'
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

export function anOrder(patch: Partial<OrderView> = {}): OrderView {
  return {
    id: 'o-1',
    status: 'dispatched',
    version: 2,
    title: '上门量血压',
    need: '老人行动不便，想请医生上门量血压',
    themeId: 'th-1',
    menuItemId: 'm-1',
    basePoints: 15,
    phone: '138****1234',
    address: '滩尾村三组…',
    beneficiaryCount: 2,
    preferredAt: '2030-05-02T09:00:00.000Z',
    ownerId: 'r-1',
    ownerName: '王大爷',
    onBehalfOf: null,
    orgUnitId: 'st-1',
    unitPath: ['c-1', 'in-1', 'st-1'],
    teamIds: ['t-1'],
    capacity: 2,
    claims: [],
    completion: null,
    rating: null,
    reason: '',
    timeline: [
      { at: '2030-05-01T08:00:00.000Z', actorId: 'r-1', actorName: '王大爷', action: 'place', from: null, to: 'placed', note: '' },
      { at: '2030-05-01T09:00:00.000Z', actorId: 'm-1', actorName: '谭主任', action: 'dispatch', from: 'placed', to: 'dispatched', note: '' },
    ],
    createdAt: '2030-05-01T08:00:00.000Z',
    updatedAt: '2030-05-01T09:00:00.000Z',
    contactVisible: false,
    ...patch,
  }
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
