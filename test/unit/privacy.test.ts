import { maskAddress, maskPhone, viewOrder } from '~core/privacy'
import { canSeeContact, relationsOf } from '~core/relations'
import { NOW, order, team, user } from '~test/support/order-fixture'

describe('privacy by state', () => {
  const o = order({ status: 'claimed', teamIds: ['t-1'], claims: [{ volunteerId: 'v-claimer', name: '张', at: NOW, unitPath: [] }] })
  const teams = [team({ id: 't-1', leaderId: 'v-leader' })]
  const sees = (u: ReturnType<typeof user>) => canSeeContact(relationsOf({ kind: 'user', user: u }, o, teams))

  it('masks phone and address', () => {
    expect(maskPhone('13800001234')).toBe('138****1234')
    expect(maskAddress('苏溪镇滩尾村三组12号')).toBe('苏溪镇滩尾村****')
    expect(maskAddress('滩尾村')).toBe('滩尾****')
  })

  it('shows contact to the owner, the claimer and managers of the handling unit or above', () => {
    expect(sees(user({ id: 'owner' }))).toBe(true)
    expect(sees(user({ id: 'v-claimer', roles: ['volunteer'], teamIds: ['t-1'] }))).toBe(true)
    expect(sees(user({ id: 'm', roles: ['manager'], managedUnitId: 'in' }))).toBe(true)
  })

  it('hides it from team members who have not claimed, the leader, and managers of other subtrees', () => {
    expect(sees(user({ id: 'v2', roles: ['volunteer'], teamIds: ['t-1'] }))).toBe(false)
    expect(sees(user({ id: 'v-leader', roles: ['leader', 'volunteer'], teamIds: ['t-1'] }))).toBe(false)
    expect(sees(user({ id: 'm2', roles: ['manager'], managedUnitId: 'other-institute' }))).toBe(false)
    expect(sees(user({ id: 'x', roles: ['resident'], managedUnitId: 'in' }))).toBe(false)
  })

  it('views drop the internal origin path and mark whether contact is visible', () => {
    const masked = viewOrder(o, false)
    expect(masked.phone).toBe('138****1234')
    expect(masked.contactVisible).toBe(false)
    expect('originPath' in masked).toBe(false)
    expect(viewOrder(o, true).phone).toBe('13800001234')
  })
})
