import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { Appeal, FollowUp } from '~types/domain'
import ManagerOrder from '~src/packages/manager/pages/order/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import * as user from '~src/services/user'
import { useQueue } from '~src/stores/manager'
import { useSession } from '~src/stores/session'
import { clickText, screenText, typeInto, waitForText } from '../helpers'
import { answer } from '~test/support/order-fixture'
import { effectiveLimits, makeOrder, managerProfile, tree } from './fixtures'

jest.mock('~src/services/order')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedOrder = jest.mocked(order)

const openFollowUp: FollowUp = { unitId: 'unit-tanwei', stars: 2, openedAt: '2030-05-02T04:00:00.000Z', dueAt: '2030-05-05T04:00:00.000Z', status: 'open', attempts: [], closedAt: null, outcome: null }
const pendingAppeal: Appeal = { teamId: 't-1', by: 'l-1', byName: '刘医生', reason: '当天按约定到场', at: '2030-05-03T01:00:00.000Z', status: 'pending', decidedBy: null, decidedByName: null, decidedAt: null, note: '' }
const rated = (over: object) =>
  makeOrder({ status: 'rated', teamIds: ['t-1'], rating: { stars: 2, comment: '来晚了', at: '2030-05-02T04:00:00.000Z' }, ...over })

let testUtils: TestUtils
let showModal: jest.SpyInstance
beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  useQueue.getState().reset()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  jest.mocked(catalog).limits.mockImplementation(async (unitId) => effectiveLimits(unitId, {}))
  mockedOrder.reveals.mockResolvedValue({ items: [] })
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as any)
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as any)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountOrder() {
  await testUtils.mount(ManagerOrder)
  await waitForText('上门量血压')
}

describe('回访 on the manager’s order page', () => {
  it('shows the open 回访 and, when offered, the form: an outcome and a note are asked for, confirmed, then sent', async () => {
    mockedOrder.get.mockResolvedValue(answer(rated({ followUp: openFollowUp }), ['followUp']))
    const closed: FollowUp = { ...openFollowUp, status: 'closed', outcome: 'resolved', closedAt: '2030-05-03T02:00:00.000Z', attempts: [{ outcome: 'resolved', note: '已上门致歉', by: 'm-1', byName: '罗书记', at: '2030-05-03T02:00:00.000Z' }] }
    mockedOrder.followUp.mockResolvedValue(answer(rated({ followUp: closed }), []))
    await mountOrder()
    await waitForText('待回访，请于')
    await clickText('记录回访')
    await waitForText('请选择回访结果')
    expect(mockedOrder.followUp).not.toHaveBeenCalled()
    await clickText('已解决')
    await typeInto('如：已电话致歉，约好下周再来', '已上门致歉')
    expect(screenText()).toContain('5/500')
    await clickText('记录回访')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '记录回访', content: '确定记录回访结果为「已解决」吗？' }))
    expect(mockedOrder.followUp).toHaveBeenCalledWith({ orderId: 'o-1', outcome: 'resolved', note: '已上门致歉', requestId: expect.any(String) })
    await waitForText('已回访（已解决）')
    expect(screenText()).toContain('罗书记：已解决。已上门致歉')
    expect(screenText()).not.toContain('回访情况（必填）')
  })

  it('without the offer, the 回访 is shown but not the form', async () => {
    mockedOrder.get.mockResolvedValue(answer(rated({ followUp: openFollowUp }), []))
    await mountOrder()
    await waitForText('待回访，请于')
    expect(screenText()).not.toContain('回访情况（必填）')
  })
})

describe('申诉 on the manager’s order page', () => {
  it('the parent unit’s manager decides with a note, confirmed first', async () => {
    mockedOrder.get.mockResolvedValue(answer(rated({ appeal: pendingAppeal }), ['decideAppeal']))
    const decided: Appeal = { ...pendingAppeal, status: 'dismissed', decidedBy: 'm-1', decidedByName: '李所长', decidedAt: '2030-05-04T01:00:00.000Z', note: '评价属实' }
    mockedOrder.decideAppeal.mockResolvedValue(answer(rated({ appeal: decided }), []))
    await mountOrder()
    await waitForText('申诉（待处理）')
    expect(screenText()).toContain('刘医生：当天按约定到场')
    await typeInto('如：经核实，服务队按约定到场', '评价属实')
    await clickText('驳回申诉')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '驳回申诉' }))
    expect(mockedOrder.decideAppeal).toHaveBeenCalledWith({ orderId: 'o-1', upheld: false, note: '评价属实', requestId: expect.any(String) })
    await waitForText('申诉（已驳回）')
    expect(screenText()).toContain('李所长：评价属实')
  })

  it('the station’s own manager (not offered) sees the appeal without the decision', async () => {
    mockedOrder.get.mockResolvedValue(answer(rated({ appeal: pendingAppeal }), []))
    await mountOrder()
    await waitForText('申诉（待处理）')
    expect(screenText()).not.toContain('驳回申诉')
  })
})
