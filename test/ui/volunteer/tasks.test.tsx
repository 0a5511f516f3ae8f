import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import Tasks from '~src/packages/volunteer/pages/tasks/index'
import * as catalog from '~src/services/catalog'
import * as order from '~src/services/order'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { useSession } from '~src/stores/session'
import { tasksStore } from '~src/stores/volunteer'
import { clickText, screenText, showPage, waitForText } from '../helpers'
import { aTask, claimOf, me } from './fixtures'

jest.mock('~src/services/order')
jest.mock('~src/services/user')
jest.mock('~src/services/catalog')
const mockedOrder = jest.mocked(order)

let testUtils: TestUtils
let navigateTo: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  useSession.getState().logout()
  tasksStore.getState().reset()
  jest.mocked(user).login.mockResolvedValue({ user: me })
  jest.mocked(catalog).tree.mockResolvedValue([])
  navigateTo = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  navigateTo.mockRestore()
})

async function mountTasks() {
  await testUtils.mount(Tasks)
  await showPage()
}

const page = (items: ReturnType<typeof aTask>[]) => ({ items, nextCursor: null })

describe('任务大厅', () => {
  it('shows a loading state while the tasks load', async () => {
    mockedOrder.tasks.mockReturnValue(new Promise(() => {}))
    await mountTasks()
    expect(screenText()).toContain('加载中…')
    expect(mockedOrder.tasks).toHaveBeenCalledTimes(1)
  })

  it('a member of teams with no tasks: nothing is waiting, and when it was checked (no 加入志愿服务队)', async () => {
    jest.mocked(user).login.mockResolvedValue({ user: { ...me, teamIds: ['t-1', 't-2'] } })
    mockedOrder.tasks.mockResolvedValue(page([]))
    await mountTasks()
    await waitForText('现在没有等待接单的任务')
    expect(screenText()).toMatch(/\d+月\d+日 \d\d:\d\d 查看过。中心派给您所在2支队伍的任务会出现在这里/)
    expect(screenText()).not.toContain('加入志愿服务队')
  })

  it('with no team and no tasks, says so and offers 加入志愿服务队', async () => {
    jest.mocked(user).login.mockResolvedValue({ user: { ...me, teamIds: [] } })
    mockedOrder.tasks.mockResolvedValue(page([]))
    await mountTasks()
    await waitForText('暂时没有派给您队伍的任务')
    await clickText('加入志愿服务队')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/teams/index' })
  })

  it('shows the error and tries again on 重试', async () => {
    mockedOrder.tasks
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce(page([aTask()]))
    await mountTasks()
    await waitForText('网络不给力，请检查网络后重试')
    expect(screenText()).not.toContain('加入志愿服务队')
    await clickText('重试')
    await waitForText('上门量血压')
    expect(mockedOrder.tasks).toHaveBeenCalledTimes(2)
  })

  it('someone in no team sees the refusal with 加入志愿服务队', async () => {
    mockedOrder.tasks.mockRejectedValue(new ApiCallError('FORBIDDEN', '加入志愿服务队后才能接单'))
    await mountTasks()
    await waitForText('加入志愿服务队后才能接单')
    await clickText('加入志愿服务队')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/teams/index' })
  })

  it('可接单: open orders I have not claimed, nearest time first, then untimed ones oldest first; with places and time', async () => {
    mockedOrder.tasks.mockResolvedValue(
      page([
        aTask({ id: 'late', title: '晚些的义诊', preferredAt: '2030-05-09T09:00:00.000Z' }),
        aTask({ id: 'untimed-new', title: '新的无时间', preferredAt: null, createdAt: '2030-05-03T08:00:00.000Z' }),
        aTask({ id: 'soon', title: '最近的理发', preferredAt: '2030-05-02T09:00:00.000Z', capacity: 3, claims: [claimOf('v-9', '李四')] }),
        aTask({ id: 'untimed-old', title: '旧的无时间', preferredAt: null, createdAt: '2030-04-28T08:00:00.000Z' }),
        aTask({ id: 'full', title: '满员的单', status: 'claimed', capacity: 1, claims: [claimOf('v-9', '李四')] }, []),
        aTask({ id: 'mine', title: '我接的单', status: 'claimed', capacity: 2, claims: [claimOf('v-1', '张志强')] }, ['unclaim', 'complete']),
        aTask({ id: 'done', title: '我完成的单', status: 'completed', capacity: 1, claims: [claimOf('v-1', '张志强')] }, []),
      ]),
    )
    await mountTasks()
    await waitForText('可接单（4）')
    const text = screenText()
    expect(text).toContain('我接的（2）')
    const positions = ['最近的理发', '晚些的义诊', '旧的无时间', '新的无时间'].map((t) => text.indexOf(t))
    expect(positions.every((p) => p >= 0)).toBe(true)
    expect([...positions].sort((a, b) => a - b)).toEqual(positions)
    expect(text).not.toContain('满员的单')
    expect(text).not.toContain('我接的单')
    expect(text).toContain('还差2人 · 2030年5月2日')
    expect(text).toContain('还差2人 · 时间可商量')

    await clickText('我接的（2）')
    expect(screenText()).toContain('我接的单')
    expect(screenText()).toContain('我完成的单')
    expect(screenText()).toContain('名额已满')
    expect(screenText()).not.toContain('最近的理发')
  })

  it('a tab with nothing in it says so', async () => {
    mockedOrder.tasks.mockResolvedValue(page([aTask()]))
    await mountTasks()
    await waitForText('可接单（1）')
    await clickText('我接的（0）')
    expect(screenText()).toContain('您还没有接单')
  })

  it('tapping a task opens its detail', async () => {
    mockedOrder.tasks.mockResolvedValue(page([aTask({ id: 'o-7' })]))
    await mountTasks()
    await waitForText('上门量血压')
    await clickText('上门量血压')
    expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/volunteer/pages/task/index?id=o-7' })
  })
})
