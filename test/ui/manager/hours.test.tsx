import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { Claim } from '~types/domain'
import ManagerOrder from '~src/packages/manager/pages/order/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
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

const claim = (volunteerId: string, name: string, over: Partial<Claim> = {}): Claim => ({ volunteerId, name, at: '2030-05-01T10:00:00.000Z', unitPath: ['unit-center'], ...over })
const verified = claim('v-1', '张护士', { checkInAt: '2030-05-02T01:00:00.000Z', checkOutAt: '2030-05-02T03:00:00.000Z', hours: { reported: 2, status: 'verified', credited: 2 } })
const pending = claim('v-2', '李药师', { hours: { reported: 2, status: 'pending', credited: 0 } })
const closed = (claims: Claim[]) =>
  makeOrder({ status: 'rated', teamIds: ['t-1'], claims, completion: { hours: 2, beneficiaryCount: 2, note: '', by: 'v-1', at: '2030-05-02T03:10:00.000Z' } })
const REVIEW = ['approveHours', 'rejectHours'] as const

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

describe('待核实的服务时长 on the manager’s order page', () => {
  it('lists each claimer’s check-in and hours; the review only for 待核实 ones', async () => {
    mockedOrder.get.mockResolvedValue(answer(closed([verified, pending]), [...REVIEW], [...REVIEW]))
    await mountOrder()
    await waitForText('待核实的服务时长')
    expect(screenText()).toContain('已签到 09:00 · 已签退 11:00')
    expect(screenText()).toContain('信用时长 2小时')
    expect(screenText()).toContain('李药师：上报2小时，没有现场签到')
    expect(screenText()).not.toContain('张护士：上报')
  })

  it('认定 asks for a reason, then confirms, then sends the hours and shows 补录', async () => {
    mockedOrder.get.mockResolvedValue(answer(closed([verified, pending]), [...REVIEW], [...REVIEW]))
    const approved = { ...pending, hours: { reported: 2, status: 'approved' as const, credited: 1.5, decidedBy: 'm-1', decidedAt: '2030-05-03T01:00:00.000Z', reason: '队长证明到场' } }
    mockedOrder.approveHours.mockResolvedValue({ ...answer(closed([verified, approved]), []), awards: [] })
    await mountOrder()
    await waitForText('待核实的服务时长')
    await clickText('认定')
    await waitForText('请填写认定理由')
    expect(mockedOrder.approveHours).not.toHaveBeenCalled()
    await typeInto('如 2 或 1.5', '1.5')
    await typeInto('如：队长证明当天到场', '队长证明到场')
    await clickText('认定')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '认定服务时长', content: expect.stringContaining('确定为李药师补录1.5小时吗') }))
    expect(mockedOrder.approveHours).toHaveBeenCalledWith({ orderId: 'o-1', volunteerId: 'v-2', hours: 1.5, reason: '队长证明到场', requestId: expect.any(String) })
    await waitForText('补录 1.5小时：队长证明到场')
    expect(screenText()).not.toContain('待核实的服务时长')
  })

  it('不予认定 after confirmation; called off at the question, nothing is sent', async () => {
    mockedOrder.get.mockResolvedValue(answer(closed([pending]), [...REVIEW], [...REVIEW]))
    const rejected = { ...pending, hours: { reported: 2, status: 'rejected' as const, credited: 0, reason: '当天未到场' } }
    mockedOrder.rejectHours.mockResolvedValue(answer(closed([rejected]), []))
    await mountOrder()
    await typeInto('如：队长证明当天到场', '当天未到场')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await clickText('不予认定')
    expect(mockedOrder.rejectHours).not.toHaveBeenCalled()
    await clickText('不予认定')
    expect(mockedOrder.rejectHours).toHaveBeenCalledWith({ orderId: 'o-1', volunteerId: 'v-2', reason: '当天未到场', requestId: expect.any(String) })
    await waitForText('不予认定（上报2小时）：当天未到场')
  })

  it('the server’s refusal is shown beside the form', async () => {
    mockedOrder.get.mockResolvedValue(answer(closed([pending]), [...REVIEW], [...REVIEW]))
    mockedOrder.approveHours.mockRejectedValue(new ApiCallError('INVALID_INPUT', '认定时长不能超过上报的2小时'))
    await mountOrder()
    await typeInto('如 2 或 1.5', '2')
    await typeInto('如：队长证明当天到场', '补录')
    await clickText('认定')
    await waitForText('认定时长不能超过上报的2小时')
  })

  it('no review when the server offers none (another unit’s manager, or nothing pending)', async () => {
    mockedOrder.get.mockResolvedValue(answer(closed([pending]), []))
    await mountOrder()
    await waitForText('签到与服务时长')
    expect(screenText()).not.toContain('待核实的服务时长')
  })
})
