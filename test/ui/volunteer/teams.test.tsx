import TestUtils from '@tarojs/test-utils-react'
import Taro from '@tarojs/taro'
import type { Membership, Team } from '~types/domain'
import Teams from '~src/packages/volunteer/pages/teams/index'
import * as catalog from '~src/services/catalog'
import { ApiCallError } from '~src/services/transport'
import * as user from '~src/services/user'
import { clickText, screenText, showPage, waitForText } from '../helpers'
import { button } from './fixtures'

jest.mock('~src/services/catalog')
jest.mock('~src/services/user')
const mockedCatalog = jest.mocked(catalog)
const mockedUser = jest.mocked(user)

const team = (id: string, name: string, themeIds: string[], description = ''): Team => ({
  id,
  name,
  themeIds,
  orgUnitId: 'st-1',
  leaderId: 'l-1',
  memberIds: [],
  description,
})

const membership = (teamId: string, status: Membership['status']): Membership => ({
  id: `m-${teamId}`,
  teamId,
  userId: 'v-1',
  userName: '张志强',
  status,
  appliedAt: '2030-05-01T08:00:00.000Z',
  approvedAt: null,
  approvedBy: null,
})

const teams = [
  team('t-fruit', '果树技术服务队', ['th-farm'], '修剪、嫁接、病虫害防治'),
  team('t-health', '健康义诊服务队', ['th-health', 'th-elder']),
  team('t-art', '文艺宣传队', ['th-culture']),
]

let testUtils: TestUtils
const spies: jest.SpyInstance[] = []
let showModal: jest.SpyInstance

beforeEach(() => {
  jest.resetAllMocks()
  mockedCatalog.teams.mockResolvedValue(teams)
  mockedCatalog.themes.mockResolvedValue([
    { id: 'th-farm', name: '科技科普', seedNamed: true, sort: 1 },
    { id: 'th-health', name: '卫生健康', seedNamed: true, sort: 2 },
    { id: 'th-elder', name: '关爱老人', seedNamed: false, sort: 3 },
    { id: 'th-culture', name: '文化文艺', seedNamed: true, sort: 4 },
  ])
  mockedUser.memberships.mockResolvedValue({ items: [membership('t-health', 'active'), membership('t-art', 'pending')] })
  spies.push(
    (showModal = jest.spyOn(Taro, 'showModal').mockResolvedValue({ confirm: true, cancel: false, errMsg: 'showModal:ok' })),
    jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' }),
  )
  testUtils = new TestUtils()
})

afterEach(() => {
  testUtils.unmout()
  spies.splice(0).forEach((s) => s.mockRestore())
})

async function mountTeams() {
  await testUtils.mount(Teams)
  await showPage()
}

describe('加入志愿服务队', () => {
  it('shows a loading state', async () => {
    mockedCatalog.teams.mockReturnValue(new Promise(() => {}))
    await mountTeams()
    expect(screenText()).toContain('加载中…')
  })

  it('says when there are no teams', async () => {
    mockedCatalog.teams.mockResolvedValue([])
    mockedUser.memberships.mockResolvedValue({ items: [] })
    await mountTeams()
    await waitForText('还没有志愿服务队')
  })

  it('shows the error and tries again on 重试', async () => {
    mockedUser.memberships.mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
    await mountTeams()
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('重试')
    await waitForText('健康义诊服务队')
    expect(mockedUser.memberships).toHaveBeenCalledTimes(2)
  })

  it('lists teams I joined first, with themes by name and my standing', async () => {
    await mountTeams()
    await waitForText('健康义诊服务队')
    const text = screenText()
    const order = ['健康义诊服务队', '文艺宣传队', '果树技术服务队'].map((n) => text.indexOf(n))
    expect([...order].sort((a, b) => a - b)).toEqual(order)
    expect(text).toContain('健康义诊服务队已加入')
    expect(text).toContain('文艺宣传队待审核')
    expect(text).toContain('卫生健康')
    expect(text).toContain('关爱老人')
    expect(text).toContain('修剪、嫁接、病虫害防治')
    expect(Array.from(document.querySelectorAll('taro-button-core')).map((b) => b.textContent)).toEqual(['申请加入'])
  })

  it('申请加入: confirm, send with a requestId, and the card shows 待审核', async () => {
    mockedUser.applyTeam.mockResolvedValue({ membership: membership('t-fruit', 'pending') })
    await mountTeams()
    await waitForText('果树技术服务队')
    await clickText('申请加入')
    expect(showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('果树技术服务队') }))
    expect(mockedUser.applyTeam).toHaveBeenCalledWith({ teamId: 't-fruit', requestId: expect.any(String) })
    await waitForText('果树技术服务队待审核')
    expect(() => button('申请加入')).toThrow()
  })

  it('a cancelled confirm sends nothing; a failure shows the message and a retry re-sends the same requestId', async () => {
    showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' })
    mockedUser.applyTeam
      .mockRejectedValueOnce(new ApiCallError('NETWORK', '网络不给力，请检查网络后重试'))
      .mockResolvedValueOnce({ membership: membership('t-fruit', 'pending') })
    await mountTeams()
    await waitForText('果树技术服务队')
    await clickText('申请加入')
    expect(mockedUser.applyTeam).not.toHaveBeenCalled()

    await clickText('申请加入')
    await waitForText('网络不给力，请检查网络后重试')
    await clickText('申请加入')
    await waitForText('果树技术服务队待审核')
    const [first, second] = mockedUser.applyTeam.mock.calls.map(([input]) => input.requestId)
    expect(first).toBeTruthy()
    expect(second).toBe(first)
  })
})
