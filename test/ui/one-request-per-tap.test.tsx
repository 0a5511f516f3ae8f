/**
 * A lifecycle tap costs the phone one round trip: the write answers with the order and the actions open now, so
 * no page asks order.get (or anything else) afterwards. Every service module is mocked and every call counted.
 */
import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import ManagerOrder from '~src/packages/manager/pages/order/index'
import Rate from '~src/packages/resident/pages/rate/index'
import Task from '~src/packages/volunteer/pages/task/index'
import * as catalog from '~src/services/catalog'
import * as inbox from '~src/services/inbox'
import * as order from '~src/services/order'
import * as points from '~src/services/points'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { answer } from '~test/support/order-fixture'
import { clickText, settle, showPage, waitForText } from './helpers'
import { effectiveLimits, makeOrder as managerOrder, managerProfile, tree } from './manager/fixtures'
import { makeOrder as residentOrder } from './resident/fixtures'
import { anOrder, claimOf } from './volunteer/fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/inbox')
jest.mock('~src/services/order')
jest.mock('~src/services/points')
jest.mock('~src/services/user')

const services = { catalog, inbox, order, points, user }

/** Every call made to any service since the last `forgetCalls()`, as `function.action`. */
function calls(): string[] {
  return Object.entries(services).flatMap(([name, mod]) =>
    Object.entries(mod as Record<string, unknown>).flatMap(([fn, f]) =>
      jest.isMockFunction(f) ? f.mock.calls.map(() => `${name}.${fn}`) : [],
    ),
  )
}

/** The calls a tap on `text` makes, once what it shows (`then`) has appeared and everything has settled. */
async function callsOfTap(text: string, then?: string): Promise<string[]> {
  forgetCalls()
  await clickText(text)
  if (then) await waitForText(then)
  await settle()
  return calls()
}

const forgetCalls = () => Object.values(services).forEach((mod) => Object.values(mod as Record<string, unknown>).forEach((f) => jest.isMockFunction(f) && f.mockClear()))

let testUtils: TestUtils

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as never)
  jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

describe('one request per tap', () => {
  it('接单 (task page): order.claim and nothing after it', async () => {
    const claimed = anOrder({ status: 'claimed', claims: [claimOf('v-1', '张志强')], phone: '13800001234', contactVisible: true })
    jest.mocked(order).get.mockResolvedValue(answer(anOrder(), ['claim']))
    jest.mocked(order).claim.mockResolvedValue(answer(claimed, ['complete', 'unclaim']))
    await testUtils.mount(Task)
    await showPage()
    await waitForText('上门量血压')
    expect(await callsOfTap('接单', '完成服务')).toEqual(['order.claim'])
  })

  it('派单 (manager order page): order.dispatch and nothing after it', async () => {
    const team = { id: 't-1', name: '滩尾村健康志愿服务队', themeIds: [], orgUnitId: 'unit-tanwei', leaderId: null, memberIds: [], description: '' }
    jest.mocked(user).login.mockResolvedValue({ user: managerProfile })
    jest.mocked(catalog).tree.mockResolvedValue(tree)
    jest.mocked(catalog).limits.mockImplementation(async (unitId) => effectiveLimits(unitId))
    jest.mocked(order).get.mockResolvedValue(answer(managerOrder(), ['dispatch', 'escalate', 'reject']))
    jest.mocked(order).recommend.mockResolvedValue({ recommendations: [{ team, score: 9, reasons: ['同村队伍'], openLoad: 0, rating: null, memberCount: 0, served: 0 }] })
    jest.mocked(order).dispatch.mockResolvedValue(answer(managerOrder({ status: 'dispatched', teamIds: ['t-1'] }), ['recall']))
    await testUtils.mount(ManagerOrder)
    await waitForText('滩尾村健康志愿服务队')
    await settle()
    expect(await callsOfTap('派单', '撤回派单')).toEqual(['order.dispatch'])
  })

  it('评单 (rate page): order.rate and nothing after it', async () => {
    const completed = residentOrder({ status: 'completed', teamIds: ['t-1'], claims: [claimOf('v-1', '李秀英')] })
    jest.mocked(order).get.mockResolvedValue(answer(completed, ['rate']))
    jest.mocked(order).rate.mockResolvedValue({ ...answer({ ...completed, status: 'rated', rating: { stars: 5, comment: '', at: completed.createdAt } }), awards: [] })
    await testUtils.mount(Rate)
    await waitForText('提交评价')
    const star = document.querySelectorAll('.rate__star')[4]
    star.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    await settle()
    expect(await callsOfTap('提交评价')).toEqual(['order.rate'])
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/resident/pages/order/index?id=o-1' })
  })
})
