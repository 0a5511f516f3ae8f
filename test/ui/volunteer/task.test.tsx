import TestUtils from '@tarojs/test-utils-react'
import { act, fireEvent } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import type { OrderAnswer } from '~types/api'
import Task from '~src/packages/volunteer/pages/task/index'
import * as order from '~src/services/order'
import { ApiCallError, TIMEOUT_MESSAGE } from '~src/services/transport'
import { useSession } from '~src/stores/session'
import { tasksStore } from '~src/stores/volunteer'
import { clickText, screenText, settle, showPage, typeInto, waitForText } from '../helpers'
import { answer, item } from '~test/support/order-fixture'
import { anOrder, button, claimOf, deferred } from './fixtures'

jest.mock('~src/services/order')
const mockedOrder = jest.mocked(order)

const claimed = anOrder({
  status: 'claimed',
  claims: [claimOf('v-1', '张志强')],
  phone: '13800001234',
  address: '苏溪镇滩尾村三组12号',
  contactVisible: true,
})

let testUtils: TestUtils
const spies: jest.SpyInstance[] = []
let showModal: jest.SpyInstance
let showToast: jest.SpyInstance
let makePhoneCall: jest.SpyInstance
let navigateTo: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  tasksStore.getState().reset()
  spies.push(
    jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as any),
    (showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
    (showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })),
    (makePhoneCall = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })),
    (navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })),
  )
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  spies.splice(0).forEach((s) => s.mockRestore())
})

async function mountTask() {
  await testUtils.mount(Task)
  await showPage()
}

async function tap(text: string, times = 1) {
  const el = button(text)
  await act(async () => {
    for (let i = 0; i < times; i++) fireEvent(el, new MouseEvent('click', { bubbles: true, cancelable: true }))
  })
  await settle()
}

describe('task detail', () => {
  it('shows a loading state, then the order', async () => {
    const pending = deferred<Awaited<ReturnType<typeof order.get>>>()
    mockedOrder.get.mockReturnValue(pending.promise)
    await mountTask()
    expect(screenText()).toContain('加载中…')
    expect(mockedOrder.get).toHaveBeenCalledWith('o-1')
    await act(async () => pending.resolve(answer(anOrder(), ['claim'])))
    await waitForText('上门量血压')
  })

  it('shows the error and tries again on 重试', async () => {
    mockedOrder.get
      .mockRejectedValueOnce(new ApiCallError('NOT_FOUND', '没有找到这一单'))
      .mockResolvedValueOnce(answer(anOrder(), ['claim']))
    await mountTask()
    await waitForText('没有找到这一单')
    await clickText('重试')
    await waitForText('上门量血压')
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
  })

  it('before claiming: need, places, time, masked contact, timeline; buttons only from actions', async () => {
    mockedOrder.get.mockResolvedValue(answer(
      anOrder({ claims: [claimOf('v-9', '李四')] }),
      ['claim'],
    ))
    await mountTask()
    await waitForText('上门量血压')
    const text = screenText()
    expect(text).toContain('老人行动不便，想请医生上门量血压')
    expect(text).toContain('已接 1/2 人 · 还差1人')
    expect(text).toContain('接单志愿者：李四')
    expect(text).toContain('2030年5月2日')
    expect(text).toContain('138****1234')
    expect(text).toContain('接单后可看到完整的电话和地址')
    expect(text).toContain('派单')
    expect(text).toContain('谭主任')
    expect(text).not.toContain('拨打电话')
    expect(button('接单')).toBeTruthy()
    for (const absent of ['完成服务', '放弃接单', '队伍退单']) expect(() => button(absent)).toThrow()
  })

  it('接单: shows the full phone and address; 拨打电话 calls the number; the task hall gets the new order', async () => {
    tasksStore.setState({ status: 'ready', items: [item(anOrder(), ['claim'])] })
    mockedOrder.get.mockResolvedValueOnce(answer(anOrder(), ['claim']))
    mockedOrder.claim.mockResolvedValue(answer(claimed, ['complete', 'unclaim']))
    await mountTask()
    await waitForText('上门量血压')
    await tap('接单')
    await waitForText('13800001234')
    expect(mockedOrder.claim).toHaveBeenCalledWith({ orderId: 'o-1', requestId: expect.any(String) })
    expect(screenText()).toContain('苏溪镇滩尾村三组12号')
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '接单成功' }))
    expect(tasksStore.getState().items[0]).toEqual(item(claimed, ['complete', 'unclaim']))
    // the buttons open now come with the claim's answer: no second request
    expect(mockedOrder.get).toHaveBeenCalledTimes(1)
    expect(button('完成服务')).toBeTruthy()
    expect(() => button('接单')).toThrow()

    await tap('拨打电话')
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800001234' })
  })

  it('接单 refused as full: shows the message and reloads, so the button goes away', async () => {
    const full = anOrder({ status: 'claimed', capacity: 1, claims: [claimOf('v-9', '李四')] })
    mockedOrder.get
      .mockResolvedValueOnce(answer(anOrder(), ['claim']))
      .mockResolvedValueOnce(answer(full, []))
    mockedOrder.claim.mockRejectedValue(new ApiCallError('CONFLICT', '名额已满，这一单已被其他志愿者接走'))
    await mountTask()
    await waitForText('上门量血压')
    await tap('接单')
    await waitForText('名额已满，这一单已被其他志愿者接走')
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
    await waitForText('名额已满')
    expect(screenText()).toContain('接单志愿者：李四')
    expect(() => button('接单')).toThrow()
  })

  it('a double tap on 接单 sends one call', async () => {
    const pending = deferred<OrderAnswer>()
    mockedOrder.get.mockResolvedValueOnce(answer(anOrder(), ['claim'])).mockResolvedValue(answer(claimed, []))
    mockedOrder.claim.mockReturnValue(pending.promise)
    await mountTask()
    await waitForText('上门量血压')
    await tap('接单', 2)
    expect(button('正在接单…').getAttribute('disabled')).not.toBe('false')
    await tap('正在接单…')
    expect(mockedOrder.claim).toHaveBeenCalledTimes(1)
    await act(async () => pending.resolve(answer(claimed)))
    await waitForText('13800001234')
    expect(mockedOrder.claim).toHaveBeenCalledTimes(1)
  })

  // changed with issue 14: a lost reply reads the order again first (here the claim was not done), and 重试 is offered
  it('a retry after a network failure re-sends the same requestId', async () => {
    mockedOrder.get.mockResolvedValueOnce(answer(anOrder(), ['claim'])).mockResolvedValueOnce(answer(anOrder(), ['claim'])).mockResolvedValue(answer(claimed, []))
    mockedOrder.claim
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(answer(claimed))
    await mountTask()
    await waitForText('上门量血压')
    await tap('接单')
    await waitForText('网络不给力，请检查网络后重试')
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
    await tap('接单')
    await waitForText('13800001234')
    const [first, second] = mockedOrder.claim.mock.calls.map(([input]) => input.requestId)
    expect(first).toBeTruthy()
    expect(second).toBe(first)
  })

  describe('a claim whose reply was lost (issue 14)', () => {
    beforeEach(() => {
      useSession.setState({ profile: { id: 'v-1', openid: 'o', name: '张志强', phone: '', roles: ['volunteer'], orgUnitId: null, managedUnitId: null, teamIds: ['t-1'] } as any })
    })
    afterEach(() => useSession.setState({ profile: null }))

    it('that went through: reloads the order and says 您已接单, not an error', async () => {
      mockedOrder.get.mockResolvedValueOnce(answer(anOrder(), ['claim'])).mockResolvedValue(answer(claimed, ['complete', 'unclaim']))
      mockedOrder.claim.mockRejectedValueOnce(new ApiCallError('TIMEOUT', TIMEOUT_MESSAGE))
      await mountTask()
      await waitForText('上门量血压')
      await tap('接单')
      await waitForText('您已接单')
      expect(screenText()).not.toContain(TIMEOUT_MESSAGE)
      expect(screenText()).toContain('13800001234')
      expect(screenText()).toContain('已接 1/')
      expect(mockedOrder.claim).toHaveBeenCalledTimes(1)
    })

    it('that did not: says so and offers 重试, which re-sends the same requestId', async () => {
      mockedOrder.get.mockResolvedValueOnce(answer(anOrder(), ['claim'])).mockResolvedValueOnce(answer(anOrder(), ['claim']))
      mockedOrder.claim.mockRejectedValueOnce(new ApiCallError('TIMEOUT', TIMEOUT_MESSAGE)).mockResolvedValueOnce(answer(claimed, ['complete', 'unclaim']))
      await mountTask()
      await waitForText('上门量血压')
      await tap('接单')
      await waitForText(TIMEOUT_MESSAGE)
      await tap('重试')
      await waitForText('13800001234')
      const [first, second] = mockedOrder.claim.mock.calls.map(([input]) => input.requestId)
      expect(second).toBe(first)
    })

    it('a new intent after success gets a new requestId', async () => {
      const back = anOrder({ status: 'dispatched' })
      mockedOrder.get.mockResolvedValueOnce(answer(anOrder(), ['claim']))
      mockedOrder.claim.mockResolvedValueOnce(answer(claimed, ['unclaim'])).mockResolvedValueOnce(answer(claimed, ['unclaim']))
      mockedOrder.unclaim.mockResolvedValueOnce(answer(back, ['claim']))
      await mountTask()
      await waitForText('上门量血压')
      await tap('接单')
      await tap('放弃接单')
      await tap('接单')
      const [first, second] = mockedOrder.claim.mock.calls.map(([input]) => input.requestId)
      expect(second).not.toBe(first)
    })
  })

  it('完成服务 opens the completion form', async () => {
    mockedOrder.get.mockResolvedValue(answer(claimed, ['complete', 'unclaim']))
    await mountTask()
    await waitForText('拨打电话')
    await tap('完成服务')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/complete/index?id=o-1' })
  })

  it('放弃接单 asks first, then sends the request', async () => {
    const back = anOrder({ status: 'dispatched' })
    mockedOrder.get
      .mockResolvedValueOnce(answer(claimed, ['complete', 'unclaim']))
      .mockResolvedValue(answer(back, ['claim']))
    mockedOrder.unclaim.mockResolvedValue(answer(back, ['claim']))
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await mountTask()
    await waitForText('拨打电话')
    await tap('放弃接单')
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(mockedOrder.unclaim).not.toHaveBeenCalled()

    await tap('放弃接单')
    expect(mockedOrder.unclaim).toHaveBeenCalledWith({ orderId: 'o-1', requestId: expect.any(String) })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已放弃接单' }))
    await waitForText('接单后可看到完整的电话和地址')
    expect(button('接单')).toBeTruthy()
  })

  it('队伍退单 (队长): a reason is required, then confirmed and sent', async () => {
    const declined = anOrder({ status: 'placed', teamIds: [] })
    mockedOrder.get.mockResolvedValue(answer(anOrder(), ['claim', 'decline']))
    mockedOrder.decline.mockResolvedValue(answer(declined))
    await mountTask()
    await waitForText('上门量血压')
    await tap('队伍退单')
    await tap('确认退单')
    expect(screenText()).toContain('请填写退单原因')
    expect(showModal).not.toHaveBeenCalled()

    await typeInto('退单原因', '队员都在外地培训')
    await tap('确认退单')
    expect(showModal).toHaveBeenCalledTimes(1)
    expect(mockedOrder.decline).toHaveBeenCalledWith({ orderId: 'o-1', reason: '队员都在外地培训', requestId: expect.any(String) })
    expect(showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已退单' }))
    await waitForText('待派单')
    expect(() => button('接单')).toThrow()
    expect(mockedOrder.get).toHaveBeenCalledTimes(1)
  })
})
