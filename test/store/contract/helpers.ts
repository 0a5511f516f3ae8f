import type { Stores } from '~core/ports'
import type { AppNotification, UnitSettings } from '~types'
import { at } from '../fixtures'

export interface StoresUnderTest {
  stores: Stores
  cleanup?: () => Promise<void> | void
  /** Overwrites a user's stored balance without a ledger entry. */
  corruptBalance?: (userId: string, value: number) => Promise<void> | void
  /** Adds 5 to the placed count of one of the unit's rollup cells of the day, behind the ports' back. */
  corruptRollup?: (unitId: string, day: string) => Promise<void> | void
  /** Breaks a team's cell of a day (issue 11): adds 3 to its services, as a lost or doubled write would. */
  corruptTeamCell?: (teamId: string, day: string) => Promise<void> | void
}

/** Opens the ports of an adapter afresh (an empty store) for one test. */
export type MakeStores = () => Promise<StoresUnderTest>

/**
 * Opens fresh stores before each test of the enclosing describe (handing them to `opened`) and cleans them up
 * after it; returns the stores under test of the running test.
 */
export function freshStores(make: MakeStores, opened: (sut: StoresUnderTest) => void): () => StoresUnderTest {
  let sut: StoresUnderTest | undefined
  beforeEach(async () => {
    sut = await make()
    opened(sut)
  })
  afterEach(async () => {
    await sut?.cleanup?.()
    sut = undefined
  })
  return () => {
    if (!sut) throw new Error('no stores outside a test')
    return sut
  }
}

export function makeNotification(orderId: string, id: string, when = at(1)): AppNotification {
  return {
    id,
    kind: 'remindUndispatched',
    orderId,
    title: '健康义诊',
    userIds: [],
    unitIds: ['s11'],
    text: '订单已等待派单超过24小时',
    at: when,
    dueAt: when,
    status: 'pending',
  }
}

export const makeUnitSettings = (unitId: string, limits: UnitSettings['limits']): UnitSettings => ({
  unitId,
  limits,
  updatedAt: at(5),
  updatedBy: 'manager-1',
})

type Keyed = { createdAt: string; id: string }

export function compare(a: [string, string], b: [string, string]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0
}

export function byKey(direction: 'asc' | 'desc') {
  const sign = direction === 'asc' ? 1 : -1
  return (a: Keyed, b: Keyed) => sign * compare([a.createdAt, a.id], [b.createdAt, b.id])
}

/** A fixed permutation, so that insertion order never happens to equal the expected order. */
export function shuffled<T>(xs: T[]): T[] {
  const out = [...xs]
  let seed = 7
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2147483648
    const j = seed % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}
