import TestUtils from '@tarojs/test-utils-react'
import OrderDetail from '~src/packages/resident/pages/order/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import { useResidentOrders } from '~src/stores/resident'
import { clickText, showPage, typeInto, waitForText } from '../helpers'
import { answer, item } from '~test/support/order-fixture'
import { makeOrder, pageText, resetResident } from './fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/order')
const mockedCatalog = jest.mocked(catalog)
const mockedOrder = jest.mocked(order)

const teams = [
  { id: 't-1', name: '东关村健康服务队', themeIds: ['th-health'], orgUnitId: 'st-1', leaderId: null, memberIds: [], description: '' },
  { id: 't-2', name: '城关镇医疗队', themeIds: ['th-health'], orgUnitId: 'in-1', leaderId: null, memberIds: [], description: '' },
]
const claim = (volunteerId: string, name: string) => ({ volunteerId, name, at: '2026-01-05T03:00:00.000Z', unitPath: [] })

let testUtils: TestUtils
let spies: ReturnType<typeof resetResident>

beforeEach(() => {
  jest.resetAllMocks()
  spies = resetResident({ id: 'o-1' })
  mockedCatalog.teams.mockResolvedValue(teams)
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountOrder(get?: Parameters<typeof mockedOrder.get.mockResolvedValue>[0]) {
  if (get) mockedOrder.get.mockResolvedValue(get)
  await testUtils.mount(OrderDetail)
  await showPage()
}

describe('resident order detail page', () => {
  it('shows a loading state', async () => {
    mockedOrder.get.mockReturnValue(new Promise(() => {}))
    await mountOrder()
    expect(pageText()).toContain('加载中…')
    expect(mockedOrder.get).toHaveBeenCalledWith('o-1')
  })

  it('shows the error and loads again on 重试', async () => {
    mockedOrder.get
      .mockRejectedValueOnce(new ApiCallError('NOT_FOUND', '找不到这一单'))
      .mockResolvedValueOnce(answer(makeOrder(), []))
    await mountOrder()
    await waitForText('找不到这一单')
    await clickText('重试')
    await waitForText('上门义诊')
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
  })

  it('shows a placed order: status, need, contact, time, timeline and 取消点单 only', async () => {
    await mountOrder(answer(makeOrder({ preferredAt: '2026-01-08T06:30:00.000Z' }), ['cancel']))
    await waitForText('上门义诊')
    const text = pageText()
    expect(text).toContain('待派单')
    expect(text).toContain('老伴血压高，想请医生来看看')
    expect(text).toContain('东关村3组12号')
    expect(text).toContain('13800001111')
    expect(text).toContain('本人')
    expect(text).toMatch(/1月8日 \d\d:30/)
    expect(text).toContain('办理经过')
    expect(text).toContain('点单王大爷')
    expect(text).toContain('取消点单')
    expect(text).not.toContain('去评单')
    expect(text).not.toContain('派给')
    expect(mockedCatalog.teams).not.toHaveBeenCalled()
  })

  it('a proxy order for a group names both people and the head count', async () => {
    await mountOrder(answer(
      makeOrder({ ownerName: '李主任', onBehalfOf: { name: '张奶奶' }, beneficiaryCount: 30 }),
      [],
    ))
    await waitForText('由 李主任 代 张奶奶 点单')
    expect(pageText()).toContain('张奶奶等群体，点单时约 30 人')
    expect(pageText()).toContain('不限')
  })

  it('names the teams it went to and the volunteers who took it', async () => {
    await mountOrder(answer(
      makeOrder({ status: 'claimed', teamIds: ['t-1', 't-2'], capacity: 3, claims: [claim('v-1', '李秀英'), claim('v-2', '赵强')] }),
      ['cancel'],
    ))
    await waitForText('东关村健康服务队、城关镇医疗队')
    expect(pageText()).toContain('已接单 2/3：李秀英、赵强')
    expect(pageText()).toContain('已接单')
  })

  it('says how many teams when their names cannot be read, and that nobody has taken it yet', async () => {
    mockedCatalog.teams.mockRejectedValue(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    await mountOrder(answer(makeOrder({ status: 'dispatched', teamIds: ['t-1', 't-9'], capacity: 2 }), []))
    await waitForText('2 支志愿服务队')
    expect(pageText()).toContain('已接单 0/2')
  })

  it('a completed order shows what was done and offers 去评单', async () => {
    await mountOrder(answer(
      makeOrder({
        status: 'completed',
        teamIds: ['t-1'],
        claims: [claim('v-1', '李秀英')],
        completion: { hours: 1.5, beneficiaryCount: 2, note: '量了血压，留了药', by: 'v-1', at: '2026-01-06T03:00:00.000Z' },
      }),
      ['rate'],
    ))
    await waitForText('服务时长 1.5 小时，实际服务 2 人')
    expect(pageText()).toContain('量了血压，留了药')
    expect(pageText()).not.toContain('取消点单')
    await clickText('去评单')
    expect(spies.navigateTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/rate/index?id=o-1' })
  })

  it('a rated order shows the rating, and no buttons', async () => {
    await mountOrder(answer(
      makeOrder({ status: 'rated', rating: { stars: 4, comment: '准时到达，态度热情', at: '2026-01-07T03:00:00.000Z' } }),
      [],
    ))
    await waitForText('★★★★☆ 满意')
    expect(pageText()).toContain('准时到达，态度热情')
    expect(pageText()).not.toContain('去评单')
    expect(pageText()).not.toContain('取消点单')
  })

  it('shows why it was sent back or cancelled', async () => {
    await mountOrder(answer(makeOrder({ status: 'rejected', reason: '不属于志愿服务范围' }), []))
    await waitForText('退回原因：不属于志愿服务范围')
    expect(pageText()).toContain('已退回')
    testUtils.unmout()

    testUtils = new TestUtils()
    await mountOrder(answer(makeOrder({ status: 'cancelled', reason: '已经好了' }), []))
    await waitForText('取消原因：已经好了')
  })
})

describe('取消点单', () => {
  const cancelled = makeOrder({ status: 'cancelled' })

  beforeEach(() => {
    useResidentOrders.setState({ status: 'ready', items: [item(makeOrder(), ['cancel']), item(makeOrder({ id: 'o-2' }), ['cancel'])] })
  })

  it('a placed order: the reason may stay empty; asks, cancels and shows the answer', async () => {
    mockedOrder.get.mockResolvedValueOnce(answer(makeOrder(), ['cancel']))
    mockedOrder.get.mockResolvedValueOnce(answer(cancelled, []))
    mockedOrder.cancel.mockResolvedValue(answer(cancelled))
    await mountOrder()
    await waitForText('取消点单')
    await clickText('取消点单')
    expect(pageText()).toContain('取消原因（可不填）')
    await clickText('确认取消')

    expect(spies.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确定取消这一单？' }))
    expect(mockedOrder.cancel).toHaveBeenCalledTimes(1)
    expect(mockedOrder.cancel.mock.calls[0][0]).toEqual({ orderId: 'o-1', requestId: expect.any(String) })
    expect(spies.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消点单' }))
    await waitForText('已取消')
    expect(pageText()).not.toContain('取消点单')
    expect(useResidentOrders.getState().items.map((o) => o.status)).toEqual(['cancelled', 'placed'])
  })

  it('once dispatched, a reason is required and sent', async () => {
    const dispatched = makeOrder({ status: 'dispatched', teamIds: ['t-1'] })
    mockedOrder.get.mockResolvedValue(answer(dispatched, ['cancel'], ['cancel']))
    mockedOrder.cancel.mockResolvedValue(answer({ ...cancelled, reason: '已经去医院看过了' }))
    await mountOrder()
    await waitForText('取消点单')
    await clickText('取消点单')
    await clickText('确认取消')
    expect(pageText()).toContain('请填写取消原因')
    expect(spies.showModal).not.toHaveBeenCalled()

    await typeInto('为什么不需要了', ' 已经去医院看过了 ')
    expect(pageText()).toContain('10/200')
    await clickText('确认取消')
    expect(mockedOrder.cancel.mock.calls[0][0]).toEqual({
      orderId: 'o-1',
      reason: '已经去医院看过了',
      requestId: expect.any(String),
    })
  })

  it('does nothing when the person thinks again in the dialog', async () => {
    spies.showModal.mockResolvedValue({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    await mountOrder(answer(makeOrder(), ['cancel']))
    await waitForText('取消点单')
    await clickText('取消点单')
    await clickText('确认取消')
    expect(mockedOrder.cancel).not.toHaveBeenCalled()
    await clickText('先不取消')
    expect(pageText()).toContain('取消点单')
    expect(pageText()).not.toContain('确认取消')
  })

  it('shows the API error as it is and re-sends the same requestId', async () => {
    mockedOrder.get.mockResolvedValue(answer(makeOrder(), ['cancel']))
    mockedOrder.cancel
      .mockRejectedValueOnce(new ApiCallError('CONFLICT', '这一单刚刚有了变化，请刷新后再试'))
      .mockResolvedValueOnce(answer(cancelled))
    await mountOrder()
    await waitForText('取消点单')
    await clickText('取消点单')
    await clickText('确认取消')
    await waitForText('这一单刚刚有了变化，请刷新后再试')
    await clickText('确认取消')
    expect(mockedOrder.cancel).toHaveBeenCalledTimes(2)
    const [first, second] = mockedOrder.cancel.mock.calls.map((c) => c[0].requestId)
    expect(second).toBe(first)
    expect(spies.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消点单' }))
  })
})

describe('谁看过我的电话和地址', () => {
  it('is folded (no request) until opened; then who saw it, their role and when, or that nobody has', async () => {
    mockedOrder.reveals.mockResolvedValue({
      items: [{ viewerName: '张护士', viewerRole: '已接单志愿者', at: '2026-01-05T03:00:00.000Z' }],
    })
    await mountOrder(answer(makeOrder(), []))
    await waitForText('谁看过我的电话和地址')
    expect(mockedOrder.reveals).not.toHaveBeenCalled()
    await clickText('谁看过我的电话和地址 ▼')
    await waitForText('张护士')
    expect(pageText()).toContain('已接单志愿者')
    expect(pageText()).toContain('同一人同一天多次查看只记一次')
    expect(mockedOrder.reveals).toHaveBeenCalledWith('o-1')
  })

  it('says when nobody else has seen it, and shows an error with 重试', async () => {
    mockedOrder.reveals.mockRejectedValueOnce(new ApiCallError('INTERNAL', '服务暂时不可用')).mockResolvedValueOnce({ items: [] })
    await mountOrder(answer(makeOrder(), []))
    await clickText('谁看过我的电话和地址 ▼')
    await waitForText('服务暂时不可用')
    await clickText('重试')
    await waitForText('还没有其他人看过')
  })
})

describe('出示签到码 on the resident’s order page (issue 10)', () => {
  it('offered when the server says so, and opens the code screen', async () => {
    const Taro = (await import('@tarojs/taro')).default
    const navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
    await mountOrder({ ...answer(makeOrder({ status: 'claimed', teamIds: ['t-1'], claims: [claim('v-1', '张护士')] }), ['cancel'], ['cancel']), showsCheckinCode: true })
    await waitForText('出示签到码')
    expect(pageText()).toContain('志愿者到了以后，请出示签到码')
    await clickText('出示签到码')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/checkin/pages/code/index?id=o-1' })
  })

  it('not offered otherwise', async () => {
    await mountOrder(answer(makeOrder(), ['cancel']))
    await waitForText('上门义诊')
    expect(pageText()).not.toContain('出示签到码')
  })
})
