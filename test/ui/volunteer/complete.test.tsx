import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Complete from '~src/packages/volunteer/pages/complete/index'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import { tasksStore } from '~src/stores/volunteer'
import { clickText, screenText, showPage, typeInto, waitForText } from '../helpers'
import { answer, item } from '~test/support/order-fixture'
import { anOrder, button, claimOf } from './fixtures'

jest.mock('~src/services/order')
const mockedOrder = jest.mocked(order)

const claimed = anOrder({ status: 'claimed', beneficiaryCount: 3, claims: [claimOf('v-1', '张志强')], contactVisible: true })
const completed = { ...claimed, status: 'completed' as const }

let testUtils: TestUtils
const spies: jest.SpyInstance[] = []
let showToast: jest.SpyInstance
let redirectTo: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  tasksStore.getState().reset()
  spies.push(
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as any),
    (showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })),
    (redirectTo = jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })),
  )
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  spies.splice(0).forEach((s) => s.mockRestore())
})

async function mountComplete() {
  await testUtils.mount(Complete)
  await showPage()
}

async function ready() {
  mockedOrder.get.mockResolvedValue(answer(claimed, ['complete', 'unclaim']))
  await mountComplete()
  await waitForText('服务时长（小时）')
}

describe('完成服务', () => {
  it('shows a loading state while the order loads', async () => {
    mockedOrder.get.mockReturnValue(new Promise(() => {}))
    await mountComplete()
    expect(screenText()).toContain('加载中…')
    expect(mockedOrder.get).toHaveBeenCalledWith('o-1')
  })

  it('shows the error and tries again on 重试', async () => {
    mockedOrder.get
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(answer(claimed, ['complete']))
    await mountComplete()
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('服务时长（小时）')
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
  })

  it('an order that can no longer be completed shows no form', async () => {
    mockedOrder.get.mockResolvedValue(answer(completed, []))
    await mountComplete()
    await waitForText('这一单现在不能提交完成（待评单）')
    expect(() => button('提交完成')).toThrow()
    await clickText('查看任务详情')
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/task/index?id=o-1' })
  })

  it('defaults: 1 hour, the order’s people served; submits and goes back to the task', async () => {
    tasksStore.setState({ status: 'ready', items: [item(claimed, ['complete', 'unclaim'])] })
    mockedOrder.complete.mockResolvedValue(answer(completed))
    await ready()
    expect(document.querySelector('.complete__hours')?.textContent).toBe('1')
    await clickText('提交完成')
    expect(mockedOrder.complete).toHaveBeenCalledWith({
      orderId: 'o-1',
      hours: 1,
      beneficiaryCount: 3,
      note: '',
      requestId: expect.any(String),
    })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，等待群众评单' }))
    expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/task/index?id=o-1' })
    expect(tasksStore.getState().items[0]).toEqual(item(completed))
  })

  it('the stepper moves by half an hour between 0.5 and 24; the form sends what was entered', async () => {
    mockedOrder.complete.mockResolvedValue(answer(completed))
    await ready()
    await clickText('−')
    await clickText('−')
    expect(button('−').getAttribute('disabled')).not.toBe('false')
    expect(document.querySelector('.complete__hours')?.textContent).toBe('0.5')
    for (let i = 0; i < 5; i++) await clickText('+')
    await typeInto('这次服务了多少人', '12')
    await typeInto('做了什么', '量了血压，血压偏高，已提醒按时吃药')
    expect(screenText()).toContain('17/200')
    await clickText('提交完成')
    expect(mockedOrder.complete).toHaveBeenCalledWith({
      orderId: 'o-1',
      hours: 3,
      beneficiaryCount: 12,
      note: '量了血压，血压偏高，已提醒按时吃药',
      requestId: expect.any(String),
    })
  })

  it('the stepper stops at 24 hours', async () => {
    await ready()
    for (let i = 0; i < 47; i++) await clickText('+')
    expect(document.querySelector('.complete__hours')?.textContent).toBe('24')
    expect(button('+').getAttribute('disabled')).not.toBe('false')
  })

  it('validates with the schema and shows the first message in Chinese', async () => {
    await ready()
    await typeInto('这次服务了多少人', '')
    await clickText('提交完成')
    expect(screenText()).toContain('请填写服务人数')
    await typeInto('这次服务了多少人', '0')
    await clickText('提交完成')
    expect(screenText()).toContain('服务人数不能少于1')
    await typeInto('这次服务了多少人', '1.5')
    await clickText('提交完成')
    expect(screenText()).toContain('服务人数应为整数')
    expect(mockedOrder.complete).not.toHaveBeenCalled()
  })

  it('shows the API’s refusal, and a retry re-sends the same requestId', async () => {
    mockedOrder.complete
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(answer(completed))
    await ready()
    await clickText('提交完成')
    await waitForText('网络不给力，请检查网络后重试')
    expect(redirectTo).not.toHaveBeenCalled()
    // issue 14: after a lost reply the button offers 重试
    await clickText('重试')
    const [first, second] = mockedOrder.complete.mock.calls.map(([input]) => input.requestId)
    expect(first).toBeTruthy()
    expect(second).toBe(first)
    expect(redirectTo).toHaveBeenCalledTimes(1)
  })
})
