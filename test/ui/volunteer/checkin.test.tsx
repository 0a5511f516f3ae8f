import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Task from '~src/packages/volunteer/pages/task/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { tasksStore } from '~src/stores/volunteer'
import { clickText, screenText, showPage, typeInto, waitForText } from '../helpers'
import { answer } from '~test/support/order-fixture'
import { anOrder, claimOf, me } from './fixtures'

jest.mock('~src/services/order')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedOrder = jest.mocked(order)

// 09:00 and 11:05 China time
const IN = '2030-05-02T01:00:00.000Z'
const OUT = '2030-05-02T03:05:00.000Z'
const mine = (over = {}) => ({ ...claimOf('v-1', '张志强'), ...over })
const claimed = (over = {}) => anOrder({ status: 'claimed', claims: [mine(over), claimOf('v-2', '李药师')], contactVisible: true, phone: '13800001234' })

let testUtils: TestUtils
let showToast: jest.SpyInstance
beforeEach(() => {
  jest.resetAllMocks()
  tasksStore.getState().reset()
  useSession.setState({ profile: me, status: 'ready' })
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as any)
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  useSession.getState().logout()
  jest.restoreAllMocks()
})

async function mountTask() {
  await testUtils.mount(Task)
  await showPage()
}

describe('现场签到 on the task page', () => {
  it('types the code and checks in; then shows 已签到 09:00 and offers 签退', async () => {
    mockedOrder.get.mockResolvedValue(answer(claimed(), ['unclaim', 'complete', 'checkIn']))
    mockedOrder.checkIn.mockResolvedValue(answer(claimed({ checkInAt: IN }), ['unclaim', 'complete', 'checkOut']))
    await mountTask()
    await waitForText('现场签到')
    expect(screenText()).toContain('未签到')
    await typeInto('请向群众、管理员或队长要签到码', '482913')
    await clickText('签到')
    expect(mockedOrder.checkIn).toHaveBeenCalledWith({ orderId: 'o-1', code: '482913', requestId: expect.any(String) })
    await waitForText('已签到 09:00')
    expect(showToast).toHaveBeenCalledWith({ title: '签到成功', icon: 'success' })
    expect(screenText()).toContain('签退')
  })

  it('a wrong or expired code: the server’s words on the page, still 未签到', async () => {
    mockedOrder.get.mockResolvedValue(answer(claimed(), ['unclaim', 'complete', 'checkIn']))
    mockedOrder.checkIn.mockRejectedValue(new ApiCallError('INVALID_INPUT', '签到码不对或已过期，请扫描或输入现场最新的签到码'))
    await mountTask()
    await typeInto('请向群众、管理员或队长要签到码', '000000')
    await clickText('签到')
    await waitForText('签到码不对或已过期，请扫描或输入现场最新的签到码')
    expect(screenText()).toContain('未签到')
  })

  it('fewer than six digits are refused on the page, without a request', async () => {
    mockedOrder.get.mockResolvedValue(answer(claimed(), ['checkIn']))
    await mountTask()
    await typeInto('请向群众、管理员或队长要签到码', '12a3')
    await clickText('签到')
    await waitForText('请输入6位签到码')
    expect(mockedOrder.checkIn).not.toHaveBeenCalled()
  })

  it('checks out; every claimer’s check-in and hours are listed as the server recorded them', async () => {
    mockedOrder.get.mockResolvedValue(answer(claimed({ checkInAt: IN }), ['complete', 'checkOut']))
    mockedOrder.checkOut.mockResolvedValue(answer(claimed({ checkInAt: IN, checkOutAt: OUT }), ['complete', 'checkOut']))
    await mountTask()
    await waitForText('已签到 09:00')
    await typeInto('请向群众、管理员或队长要签到码', '123456')
    await clickText('签退')
    expect(mockedOrder.checkOut).toHaveBeenCalledWith({ orderId: 'o-1', code: '123456', requestId: expect.any(String) })
    await waitForText('已签到 09:00 · 已签退 11:05')
    expect(screenText()).toContain('李药师未签到')
  })

  it('after completion: the hours’ fate per claimer, and no check-in form', async () => {
    const done = anOrder({
      status: 'completed',
      claims: [
        mine({ checkInAt: IN, checkOutAt: OUT, hours: { reported: 2, status: 'verified', credited: 2 } }),
        { ...claimOf('v-2', '李药师'), hours: { reported: 2, status: 'pending', credited: 0 } },
      ],
    })
    mockedOrder.get.mockResolvedValue(answer(done, []))
    await mountTask()
    await waitForText('信用时长 2小时')
    expect(screenText()).toContain('待核实 2小时')
    expect(document.querySelector('input[placeholder*="签到码"]')).toBeNull()
  })

  it('a leader is offered the code screen when the server says so', async () => {
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    mockedOrder.get.mockResolvedValue({ ...answer(anOrder(), ['decline', 'claim'], ['decline']), showsCheckinCode: true })
    await mountTask()
    await clickText('出示签到码')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/pages/code/index?id=o-1' })
  })

  it('opened straight from a link (nobody signed in on this page yet): signs in, then shows my own 已签到 state', async () => {
    useSession.getState().logout()
    jest.mocked(user).login.mockResolvedValue({ user: me } as any)
    jest.mocked(catalog).tree.mockResolvedValue([])
    mockedOrder.get.mockResolvedValue(answer(claimed({ checkInAt: IN }), ['unclaim', 'complete', 'checkOut']))
    await mountTask()
    await waitForText('已签到 09:00')
    expect(jest.mocked(user).login).toHaveBeenCalledTimes(1)
    expect(document.querySelector('.task__site-state')?.textContent).toBe('已签到 09:00')
  })
})
