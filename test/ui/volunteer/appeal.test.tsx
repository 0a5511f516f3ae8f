import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { Appeal } from '~types/domain'
import Task from '~src/packages/volunteer/pages/task/index'
import * as order from '~src/services/order'
import { tasksStore } from '~src/stores/volunteer'
import { clickText, screenText, showPage, typeInto, waitForText } from '../helpers'
import { answer } from '~test/support/order-fixture'
import { anOrder } from './fixtures'

jest.mock('~src/services/order')
const mockedOrder = jest.mocked(order)

const rated = (over: object = {}) => anOrder({ status: 'rated', rating: { stars: 2, comment: '来晚了', at: '2030-05-02T04:00:00.000Z' }, ...over })

let testUtils: TestUtils
let showModal: jest.SpyInstance
beforeEach(() => {
  jest.resetAllMocks()
  tasksStore.getState().reset()
  jest.spyOn(Taro, 'getCurrentInstance').mockReturnValue({ router: { params: { id: 'o-1' } } } as any)
  showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' } as any)
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' })
  testUtils = new TestUtils()
})
afterEach(() => {
  testUtils.unmout()
  jest.restoreAllMocks()
})

async function mountTask() {
  await testUtils.mount(Task)
  await showPage()
}

describe('申诉 on the task page', () => {
  it('the leader, when offered, writes a reason, confirms and sends it; the appeal then shows as 待处理', async () => {
    mockedOrder.get.mockResolvedValue(answer(rated(), ['appeal']))
    const appeal: Appeal = { teamId: 't-1', by: 'l-1', byName: '刘医生', reason: '按约定到场', at: '2030-05-03T01:00:00.000Z', status: 'pending', decidedBy: null, decidedByName: null, decidedAt: null, note: '' }
    mockedOrder.appeal.mockResolvedValue(answer(rated({ appeal }), []))
    await mountTask()
    await waitForText('对评价申诉')
    await clickText('对评价申诉')
    await clickText('提交申诉')
    await waitForText('请填写申诉理由')
    expect(mockedOrder.appeal).not.toHaveBeenCalled()
    await typeInto('请写明评价与实际不符之处', '按约定到场')
    await clickText('提交申诉')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '提交申诉' }))
    expect(mockedOrder.appeal).toHaveBeenCalledWith({ orderId: 'o-1', reason: '按约定到场', requestId: expect.any(String) })
    await waitForText('申诉：待处理')
    expect(screenText()).not.toContain('对评价申诉')
  })

  it('not offered (a member of the team, not its leader): no appeal button', async () => {
    mockedOrder.get.mockResolvedValue(answer(rated(), []))
    await mountTask()
    await waitForText('办理进度')
    expect(screenText()).not.toContain('对评价申诉')
  })
})
