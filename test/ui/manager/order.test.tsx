import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { TeamRecommendation } from '~types/api'
import type { Team } from '~types/domain'
import ManagerOrder from '~src/packages/manager/pages/order/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useQueue } from '~src/stores/manager'
import { useSession } from '~src/stores/session'
import { clickText, screenText, settle, typeInto, waitForText } from '../helpers'
import { answer, item } from '~test/support/order-fixture'
import { effectiveLimits, makeOrder, managerProfile, tree } from './fixtures'

jest.mock('~src/services/order')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedOrder = jest.mocked(order)

function team(id: string, name: string): Team {
  return { id, name, themeIds: ['theme-health'], orgUnitId: 'unit-tanwei', leaderId: 'u-l', memberIds: ['u-l', 'u-v'], description: '' }
}

const recommendations: TeamRecommendation[] = [
  { team: team('t-1', '滩尾村健康志愿服务队'), score: 9, reasons: ['服务主题相符', '同村队伍', '队员2人', '已服务5单', '当前在办1单', '平均4.8星（12次评单）'], openLoad: 1, rating: { average: 4.8, count: 12 }, memberCount: 2, served: 5 },
  { team: team('t-2', '苏溪镇医疗志愿服务队'), score: 7, reasons: ['同镇队伍'], openLoad: 3, rating: null, memberCount: 0, served: 0 },
  { team: team('t-3', '孝老志愿服务队'), score: 5, reasons: ['近期空闲'], openLoad: 0, rating: { average: 5, count: 2 }, memberCount: 0, served: 0 },
  { team: team('t-4', '青年志愿服务队'), score: 4, reasons: ['同县队伍'], openLoad: 2, rating: null, memberCount: 0, served: 0 },
]

let testUtils: TestUtils
let showModal: jest.SpyInstance
let showToast: jest.SpyInstance
let makePhoneCall: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  useQueue.getState().reset()
  jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
  jest.mocked(catalog).tree.mockResolvedValue(tree)
  jest.mocked(catalog).limits.mockImplementation(async (unitId) => effectiveLimits(unitId, unitId === 'unit-suxi' ? { remindUndispatchedHours: 48 } : {}))
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as any)
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as any)
  showToast = jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  makePhoneCall = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

function placedWith(actions: Array<'dispatch' | 'escalate' | 'reject' | 'recall'>, over = {}) {
  mockedOrder.get.mockResolvedValue(answer(makeOrder(over), actions))
  mockedOrder.recommend.mockResolvedValue({ recommendations })
}

async function mountOrder(waitFor = '上门量血压') {
  await testUtils.mount(ManagerOrder)
  await waitForText(waitFor)
}

const dispatched = makeOrder({ status: 'dispatched', teamIds: ['t-1'] })

describe('manager order page', () => {
  it('shows a loading state while the order loads', async () => {
    mockedOrder.get.mockReturnValue(new Promise(() => {}))
    await testUtils.mount(ManagerOrder)
    await settle()
    expect(screenText()).toContain('加载中…')
    expect(mockedOrder.get).toHaveBeenCalledWith('o-1')
  })

  it('shows the API error and tries again on 重试', async () => {
    mockedOrder.get
      .mockRejectedValueOnce(new ApiCallError('NOT_FOUND', '订单不存在'))
      .mockResolvedValueOnce(answer(makeOrder(), []))
    await mountOrder('订单不存在')
    await clickText('重试')
    await waitForText('上门量血压')
    expect(mockedOrder.get).toHaveBeenCalledTimes(2)
  })

  it('shows the order in full, unmasked, with the person ordered for, and no buttons when no action is allowed', async () => {
    mockedOrder.get.mockResolvedValue(answer(
      makeOrder({ status: 'claimed', onBehalfOf: { name: '李奶奶' }, ownerName: '张书记', preferredAt: '2030-05-01T01:30:00.000Z' }),
      [],
    ))
    await mountOrder()
    const text = screenText()
    expect(text).toContain('老人行动不便，想请人上门量血压')
    expect(text).toContain('苏溪镇滩尾村三组12号')
    expect(text).toContain('13800001234')
    expect(text).toContain('李奶奶（张书记代点）')
    // whose number it is, on a proxy order (issue 14)
    expect(text).toContain('13800001234（李奶奶 的电话）')
    expect(text).toContain('点单人数约 2 人（群众点单时填写）')
    expect(text).toContain('2030年5月1日')
    expect(text).toContain('滩尾村新时代文明实践站')
    expect(text).toContain('已接单')
    expect(text).toContain('办理进度')
    expect(text).not.toContain('派单')
    expect(text).not.toContain('退回')
    expect(mockedOrder.recommend).not.toHaveBeenCalled()
    await clickText('拨打')
    expect(makePhoneCall).toHaveBeenCalledWith({ phoneNumber: '13800001234' })
  })

  it('shows the recommended teams with their reasons (theme first, size, services, load, rating), each once, the first one chosen', async () => {
    placedWith(['dispatch', 'escalate', 'reject'])
    await mountOrder('滩尾村健康志愿服务队')
    const text = screenText()
    expect(mockedOrder.recommend).toHaveBeenCalledWith('o-1')
    expect(text).toContain('服务主题相符同村队伍队员2人已服务5单当前在办1单平均4.8星（12次评单）')
    // the server's reasons are the whole card: no second line saying the load or the rating again
    expect(text).not.toContain('暂无评价')
    expect(text.split('当前在办1单').length - 1).toBe(1)
    expect(text.split('4.8').length - 1).toBe(1)
    expect(text).toContain('等待3小时')
    expect(text.split('已选').length - 1).toBe(1)
    expect(text).toContain('派单')
    expect(text).toContain('上报上级')
    expect(text).toContain('退回')
    expect(text).not.toContain('撤回派单')
  })

  it('dispatches to the chosen teams with the capacity and note, then shows the order as returned', async () => {
    placedWith(['dispatch', 'escalate', 'reject'])
    mockedOrder.dispatch.mockResolvedValue(answer(dispatched))
    useQueue.setState({ status: 'ready', items: [item(makeOrder(), ['dispatch', 'escalate', 'reject'])] })
    await mountOrder('滩尾村健康志愿服务队')

    await clickText('孝老志愿服务队')
    await clickText('增加')
    await clickText('增加')
    await clickText('减少')
    expect(screenText()).toContain('2人')
    await typeInto('如：请带上血压计', '请带上血压计')
    mockedOrder.dispatch.mockResolvedValue(answer(dispatched, ['recall']))
    await clickText('派单')

    expect(mockedOrder.dispatch).toHaveBeenCalledTimes(1)
    expect(mockedOrder.dispatch).toHaveBeenCalledWith({
      orderId: 'o-1',
      teamIds: ['t-1', 't-3'],
      capacity: 2,
      note: '请带上血压计',
      requestId: expect.any(String),
    })
    expect(showToast).toHaveBeenCalledWith({ title: '已派单', icon: 'success' })
    await waitForText('待接单')
    expect(screenText()).toContain('撤回派单')
    expect(screenText()).not.toContain('滩尾村健康志愿服务队')
    expect(useQueue.getState().items[0].status).toBe('dispatched')
  })

  it('refuses a fourth team with a message, and a tap on a chosen team lets it go', async () => {
    placedWith(['dispatch'])
    await mountOrder('滩尾村健康志愿服务队')
    await clickText('苏溪镇医疗志愿服务队')
    await clickText('孝老志愿服务队')
    await clickText('青年志愿服务队')
    expect(showToast).toHaveBeenCalledWith({ title: '一次最多派给3支志愿服务队', icon: 'none' })
    expect(screenText().split('已选').length - 1).toBe(3)

    await clickText('滩尾村健康志愿服务队')
    await clickText('青年志愿服务队')
    mockedOrder.dispatch.mockResolvedValue(answer(dispatched))
    await clickText('派单')
    expect(mockedOrder.dispatch.mock.calls[0][0].teamIds).toEqual(['t-2', 't-3', 't-4'])
  })

  it('sends one dispatch however often 派单 is tapped while it is on its way', async () => {
    placedWith(['dispatch'])
    mockedOrder.dispatch.mockReturnValue(new Promise(() => {}))
    await mountOrder('滩尾村健康志愿服务队')
    await clickText('派单')
    await waitForText('正在提交…')
    await clickText('正在提交…')
    expect(mockedOrder.dispatch).toHaveBeenCalledTimes(1)
  })

  it('asks for a team before dispatching', async () => {
    placedWith(['dispatch'])
    await mountOrder('滩尾村健康志愿服务队')
    await clickText('滩尾村健康志愿服务队')
    await clickText('派单')
    await waitForText('请至少选择1支志愿服务队')
    expect(mockedOrder.dispatch).not.toHaveBeenCalled()
  })

  it('shows a refused dispatch as the API says it and re-sends the same requestId on the next try', async () => {
    placedWith(['dispatch'])
    mockedOrder.dispatch
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockRejectedValueOnce(new ApiCallError('CONFLICT', '这一单已被其他管理员派出'))
    await mountOrder('滩尾村健康志愿服务队')
    await clickText('派单')
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('派单')
    await waitForText('这一单已被其他管理员派出')
    const [first, second] = mockedOrder.dispatch.mock.calls.map((c) => c[0].requestId)
    expect(first).toBeTruthy()
    expect(second).toBe(first)
    expect(showToast).not.toHaveBeenCalled()
  })

  it('escalates after confirmation', async () => {
    placedWith(['dispatch', 'escalate', 'reject'])
    mockedOrder.escalate.mockResolvedValue(answer(makeOrder({ orgUnitId: 'unit-suxi' })))
    await mountOrder('滩尾村健康志愿服务队')
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true })
    await clickText('上报上级')
    expect(mockedOrder.escalate).not.toHaveBeenCalled()

    await clickText('上报上级')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '上报上级' }))
    expect(mockedOrder.escalate).toHaveBeenCalledWith({ orderId: 'o-1', requestId: expect.any(String) })
    expect(showToast).toHaveBeenCalledWith({ title: '已上报上级', icon: 'success' })
    await waitForText('承办单位苏溪镇新时代文明实践所')
    expect(screenText()).not.toContain('上报上级')
  })

  it('退回 needs a reason, which is sent after confirmation', async () => {
    placedWith(['dispatch', 'escalate', 'reject'])
    const rejected = makeOrder({ status: 'rejected', reason: '不在服务范围内' })
    mockedOrder.reject.mockResolvedValue(answer(rejected))
    await mountOrder('滩尾村健康志愿服务队')
    await clickText('退回')
    await clickText('确认退回')
    await waitForText('请填写退回原因')
    expect(showModal).not.toHaveBeenCalled()
    expect(mockedOrder.reject).not.toHaveBeenCalled()

    await typeInto('请写明退回原因', '不在服务范围内')
    mockedOrder.get.mockResolvedValue(answer(rejected, []))
    await clickText('确认退回')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '退回点单' }))
    expect(mockedOrder.reject).toHaveBeenCalledWith({ orderId: 'o-1', reason: '不在服务范围内', requestId: expect.any(String) })
    await waitForText('已退回')
    expect(screenText()).toContain('不在服务范围内')
  })

  it('recalls a dispatch after confirmation, and the order can be dispatched again', async () => {
    mockedOrder.get.mockResolvedValue(answer(dispatched, ['recall']))
    await mountOrder('待接单')
    mockedOrder.recall.mockResolvedValue(answer(makeOrder(), ['dispatch', 'escalate', 'reject']))
    mockedOrder.recommend.mockResolvedValue({ recommendations })
    await clickText('撤回派单')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回派单' }))
    expect(mockedOrder.recall).toHaveBeenCalledWith({ orderId: 'o-1', requestId: expect.any(String) })
    expect(showToast).toHaveBeenCalledWith({ title: '已撤回派单', icon: 'success' })
    await waitForText('滩尾村健康志愿服务队')
  })
})

describe('谁看过群众的电话和地址 on the manager order page', () => {
  it('opens to the viewers of the order, asked for only when opened', async () => {
    placedWith(['dispatch'])
    mockedOrder.reveals.mockResolvedValue({
      items: [
        { viewerName: '张护士', viewerRole: '已接单志愿者', at: '2026-03-02T03:00:00.000Z' },
        { viewerName: '陈主任', viewerRole: '管理员', at: '2026-03-02T01:00:00.000Z' },
      ],
    })
    await mountOrder()
    expect(mockedOrder.reveals).not.toHaveBeenCalled()
    await clickText('谁看过群众的电话和地址 ▼')
    await waitForText('张护士')
    expect(screenText()).toContain('陈主任')
    expect(mockedOrder.reveals).toHaveBeenCalledWith('o-1')
  })
})
